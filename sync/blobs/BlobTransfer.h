#pragma once

#include "sync/Clock.h"
#include "sync/SyncTransport.h"
#include "sync/blobs/LocalBlobs.h"
#include "sync/blobs/SetAsideBlobs.h"

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace fieldline::sync {

/** How a transfer ended. */
struct BlobOutcome
{
    enum class Kind {
        Done,
        AnswerFailed, ///< no answer, or an error status: reply says which
        LocalFailed,  ///< this device's store failed: detail says how
        BadContent,   ///< what the server sent is not what the blob's name says
    };
    Kind kind = Kind::Done;
    TransportReply reply;
    QString detail;
    storage::ErrorCode storeCode = storage::ErrorCode::Internal; ///< with LocalFailed: how the store failed

    bool ok() const { return kind == Kind::Done; }
};

/**
 * Moves blobs between this device and the server (docs/protocol.md, "Blobs"). Uploads resume where the server
 * stands, in chunks under the server's body limit, so a cut connection or a restart costs at most one chunk; a
 * blob the tenant already has is not sent again. Downloads go in ranges and are checked against the name before
 * they are kept. An upload reads and hashes its blob a chunk at a time, so even a 64 MiB attachment never holds the
 * event loop for more than a chunk's read.
 *
 * An attachment missing or damaged here, or refused by the server for itself, is set aside (SetAsideBlobs) so it
 * does not hold back the rest of the device's sync.
 */
class BlobTransfer
{
public:
    struct Options
    {
        qint64 chunkBytes = 512 << 10; ///< under the server's default 1 MiB body limit
    };
    using Done = std::function<void(const BlobOutcome &)>;

    BlobTransfer(LocalBlobs &blobs, HttpSyncTransport &transport, const Clock &clock, Options options);
    BlobTransfer(LocalBlobs &blobs, HttpSyncTransport &transport, const Clock &clock)
        : BlobTransfer(blobs, transport, clock, Options{})
    {}

    /** The blobs waiting on this device that an upload now sends: all but those set aside. */
    storage::Result<std::vector<BlobName>> waiting();
    /**
     * Uploads those blobs, one after another; @p done runs once, at the end or at a failure that stops the rest (no
     * answer, an error status that is not the server's refusal of that blob). A blob missing or damaged here, or
     * refused for itself, is set aside (setAsideSummary()), and the others go on.
     */
    void uploadWaiting(const QByteArray &token, Done done);
    /** The blobs set aside, as of the last waiting() or upload. */
    SetAsideBlobs::Summary setAsideSummary() const { return m_setAside.summary(); }

    /** Makes sure @p name is on this device, downloading it if it is not. */
    void fetch(const BlobName &name, const QByteArray &token, Done done);

    LocalBlobs &blobs() { return m_blobs; }

    /** Bytes sent and received, for tests and the status corner. */
    qint64 bytesSent() const { return m_sent; }
    qint64 bytesReceived() const { return m_received; }

private:
    struct Upload;
    struct Download;
    void uploadNext(std::shared_ptr<Upload> upload);
    void sendChunk(std::shared_ptr<Upload> upload, qint64 offset);
    /** Feeds the hasher @p part, read at @p offset, where it goes past what the hasher has seen. */
    static void hash(Upload &upload, qint64 offset, const QByteArray &part);
    /** The current blob is whole on the server: marks it and goes on with the next. */
    void uploaded(std::shared_ptr<Upload> upload);
    /** The current blob cannot go up: sets it aside and goes on with the next. */
    void putAside(std::shared_ptr<Upload> upload, SetAsideBlobs::Reason reason, const QString &serverWords = {});
    void receiveRange(std::shared_ptr<Download> download);
    /** Runs @p then only while this transfer is alive: answers may outlive it. */
    SyncTransport::Done guarded(SyncTransport::Done then);

    LocalBlobs &m_blobs;
    HttpSyncTransport &m_transport;
    Options m_options;
    qint64 m_sent = 0;
    qint64 m_received = 0;
    SetAsideBlobs m_setAside;
    QObject m_context; ///< for the turns of the event loop an upload takes while its hash catches up
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fieldline::sync
