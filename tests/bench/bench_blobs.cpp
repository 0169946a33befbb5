// Benchmark: the longest single step an attachment's transfer takes on the client's event loop (no DESIGN budget;
// the UI must not stall). A 64 MiB attachment, the largest allowed, in a new encrypted store. Baseline, same run:
// what one step did before uploads and downloads went a chunk at a time (read and hash, or hash, the whole blob).
#include "storage/Database.h"
#include "sync/blobs/BlobName.h"
#include "sync/blobs/LocalBlobs.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace fieldline;
using namespace fieldline::sync;

namespace {

constexpr qint64 Chunk = 512 << 10; // BlobTransfer's default chunk and download range

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

struct Steps
{
    double longest = 0;
    double total = 0;
};

/** The upload's steps now: each chunk read from the store and hashed. */
Steps uploadSteps(LocalBlobs &blobs, const LocalBlobs::Stored &stored, const BlobName &name)
{
    Steps steps;
    BlobHasher hasher;
    QElapsedTimer opening;
    opening.start();
    const std::unique_ptr<storage::BlobReader> reader = std::move(blobs.reader(stored).value());
    steps.longest = steps.total = msSince(opening);
    for (qint64 offset = 0; offset < stored.size; offset += Chunk) {
        QElapsedTimer step;
        step.start();
        const QByteArray part = reader->read(offset, Chunk).value();
        hasher.add(part);
        steps.longest = std::max(steps.longest, msSince(step));
        steps.total += msSince(step);
    }
    if (!(hasher.name() == name))
        std::printf("the chunks do not hash to the blob's name\n");
    return steps;
}

/** The download's hashing steps now: each range hashed as it arrives. */
Steps downloadHashSteps(const QByteArray &content)
{
    Steps steps;
    BlobHasher hasher;
    for (qint64 offset = 0; offset < content.size(); offset += Chunk) {
        QElapsedTimer step;
        step.start();
        hasher.add(QByteArrayView(content).sliced(offset, std::min(Chunk, content.size() - offset)));
        steps.longest = std::max(steps.longest, msSince(step));
        steps.total += msSince(step);
    }
    return steps;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    auto db = storage::Database::open(dir.filePath(QStringLiteral("blobs.db")), storage::DatabaseKey::generate(),
                                      {.create = true});
    if (!db) {
        std::printf("cannot open the store: %s\n", qPrintable(db.message()));
        return 1;
    }
    LocalBlobs blobs(**db);
    if (!blobs.createTables()) {
        std::printf("cannot create the tables\n");
        return 1;
    }
    QByteArray content(BlobName::MaxBlobBytes, Qt::Uninitialized);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(content.data()), content.size() / 4);
    const BlobName name = blobs.add(content).value();
    const LocalBlobs::Stored stored = blobs.find(name).value().value();
    std::printf("one attachment of %lld MiB in an encrypted store; chunks and ranges of %lld KiB; 5 runs, medians\n",
                stored.size >> 20, Chunk >> 10);

    std::vector<double> wholeUpload, longestUpload, allUpload, wholeHash, longestHash, keep;
    for (int run = 0; run < 5; ++run) {
        QElapsedTimer timer;
        timer.start();
        const QByteArray whole = blobs.content(name).value().value();
        const bool same = BlobName::of(whole) == name;
        wholeUpload.push_back(msSince(timer));
        if (!same)
            std::printf("the stored blob does not hash to its name\n");
        const Steps upload = uploadSteps(blobs, stored, name);
        longestUpload.push_back(upload.longest);
        allUpload.push_back(upload.total);

        timer.restart();
        (void)BlobName::of(content);
        wholeHash.push_back(msSince(timer));
        longestHash.push_back(downloadHashSteps(content).longest);

        // Still one step: keeping a downloaded blob is one insert (a fresh store each run, so it is not a no-op).
        QTemporaryDir other;
        auto otherDb = storage::Database::open(other.filePath(QStringLiteral("other.db")),
                                               storage::DatabaseKey::generate(), {.create = true});
        LocalBlobs otherBlobs(**otherDb);
        (void)otherBlobs.createTables();
        timer.restart();
        const bool kept = bool(otherBlobs.addDownloaded(name, content, name));
        keep.push_back(msSince(timer));
        if (!kept)
            std::printf("the downloaded blob was not kept\n");
    }
    std::printf("upload, before (baseline): read and hash the whole blob in one step: %.1f ms\n", median(wholeUpload));
    std::printf("upload, now: longest step (one chunk read and hashed): %.2f ms (%.0fx shorter); all chunks: %.1f ms\n",
                median(longestUpload), median(wholeUpload) / median(longestUpload), median(allUpload));
    std::printf("download, before (baseline): hash the whole blob in one step: %.1f ms\n", median(wholeHash));
    std::printf("download, now: longest hashing step (one range): %.2f ms (%.0fx shorter)\n", median(longestHash),
                median(wholeHash) / median(longestHash));
    std::printf("download, still one step: keeping the blob (one insert into the encrypted store): %.1f ms\n",
                median(keep));
    return 0;
}
