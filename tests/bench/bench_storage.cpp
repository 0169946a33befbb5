// Benchmark: the encrypted store against plain SQLite on the same workload in one run, with Debian's SQLCipher
// 3.4.1 as a peer (a separate binary, because it carries its own copy of SQLite). Budget: encrypted <= 1.15x.
#include "StorageWorkload.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <sqlite3.h>

#include <cstdio>

using namespace fieldline;

namespace {

constexpr double Budget = 1.15;

bench::WorkloadTimes measure(bool encrypted, const bench::WorkloadParams &params, const QString &dir, int round)
{
    const QString path =
        dir + QStringLiteral("/%1-%2.db").arg(encrypted ? QStringLiteral("enc") : QStringLiteral("plain")).arg(round);
    auto db = encrypted ? storage::Database::open(path, storage::DatabaseKey::generate(), {.create = true})
                        : storage::Database::openPlain(path, {.create = true});
    if (!db)
        qFatal("open: %s", qPrintable(db.message()));
    bench::WorkloadTimes times;
    std::string error;
    if (!bench::runWorkload((*db)->handle(), params, &times, &error))
        qFatal("workload: %s", error.c_str());
    return times;
}

void print(const char *label, const bench::WorkloadTimes &t, double baselineMs)
{
    std::printf("%-34s insert %8.1f ms  lookup %7.1f ms  scan %7.1f ms  fts %7.1f ms  total %8.1f ms", label,
                t.insertMs, t.lookupMs, t.scanMs, t.ftsMs, t.totalMs());
    if (baselineMs > 0)
        std::printf("  (%.3fx plain)", t.totalMs() / baselineMs);
    std::printf("\n%-34s page reads: insert %d, lookup %d, scan %d, fts %d\n", "", t.misses[0], t.misses[1],
                t.misses[2], t.misses[3]);
}

bench::WorkloadTimes best(const bench::WorkloadTimes &a, const bench::WorkloadTimes &b)
{
    return a.totalMs() <= b.totalMs() ? a : b;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    bench::WorkloadParams params;
    if (qEnvironmentVariableIsSet("FIELDLINE_BENCH_ROWS"))
        params.rows = qEnvironmentVariableIntValue("FIELDLINE_BENCH_ROWS");
    QTemporaryDir dir;
    std::printf("workload: %d rows of ~250 B in batches of %d, %d point lookups, %d range scans, %d FTS queries, "
                "cache %d KiB (%d KiB for lookups), WAL, synchronous=FULL\n",
                params.rows, params.batch, params.lookups, params.scans, params.ftsQueries, params.cacheKiB,
                params.lookupCacheKiB);

    // Alternate the two configurations and keep each one's best round, so background noise hits both alike.
    bench::WorkloadTimes plain = measure(false, params, dir.path(), 0);
    bench::WorkloadTimes encrypted = measure(true, params, dir.path(), 0);
    plain = best(plain, measure(false, params, dir.path(), 1));
    encrypted = best(encrypted, measure(true, params, dir.path(), 1));

    const QString baselineLabel =
        QStringLiteral("baseline: plain SQLite %1").arg(QString::fromLatin1(sqlite3_libversion()));
    print(qPrintable(baselineLabel), plain, 0);
    print("fieldline encrypted (XChaCha20)", encrypted, plain.totalMs());

    QProcess peer;
    peer.start(QStringLiteral(SQLCIPHER_BENCH),
               {QString::number(params.rows), dir.path() + QStringLiteral("/sqlcipher.db")});
    if (peer.waitForFinished(600000) && peer.exitCode() == 0) {
        const QList<QByteArray> f = peer.readAllStandardOutput().trimmed().split(' ');
        if (f.size() == 4) {
            const bench::WorkloadTimes sc{f[0].toDouble(), f[1].toDouble(), f[2].toDouble(), f[3].toDouble()};
            print("peer: SQLCipher 3.4.1 (FTS4)", sc, plain.totalMs());
        }
    } else {
        std::printf("peer: SQLCipher benchmark failed: %s\n", peer.readAllStandardError().constData());
    }

    const double ratio = encrypted.totalMs() / plain.totalMs();
    std::printf("budget encrypted_vs_plain: %.3f x (limit %.2f) %s\n", ratio, Budget, ratio <= Budget ? "ok" : "over");
    return 0;
}
