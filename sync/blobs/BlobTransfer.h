#pragma once

#include "sync/SyncTransport.h"
#include "sync/blobs/LocalBlobs.h"

#include <functional>
#include <map>
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
    /// Why each attachment an upload set aside was refused (BlobTransfer::uploadWaiting); the others went up.
    std::vector<QString> refused;

    bool ok() const { return kind == Kind::Done; }
};

/**
 * Moves blobs between this device and the server (docs/protocol.md, "Blobs"). Uploads resume where the server
 * stands, in chunks under the server's body limit, so a cut connection or a restart costs at most one chunk; a
 * blob the tenant already has is not sent again. Downloads go in ranges and are checked against the name before
 * they are kept.
 *
 * An attachment the server refuses for itself (its content does not match its name, twice; its size) or that is
 * missing here is set aside for RefusedRetryMs, so it does not hold back the rest of the device's sync.
 */
class BlobTransfer
{
public:
    struct Options
    {
        qint64 chunkBytes = 512 << 10; ///< under the server's default 1 MiB body limit
    };
    using Done = std::function<void(const BlobOutcome &)>;

    BlobTransfer(LocalBlobs &blobs, HttpSyncTransport &transport, Options options);
    BlobTransfer(LocalBlobs &blobs, HttpSyncTransport &transport)
        : BlobTransfer(blobs, transport, Options{})
    {}

    /// How long a refused attachment is set aside before an upload tries it again (a restart tries it at once).
    static constexpr qint64 RefusedRetryMs = 15 * 60 * 1000;

    /** The blobs waiting on this device that an upload at @p nowMs sends: all but those set aside. */
    storage::Result<std::vector<BlobName>> waiting(qint64 nowMs);
    /**
     * Uploads those blobs, one after another; @p done runs once, at the end or at a failure that stops the rest (no
     * answer, an error status that is not about the blob). A blob refused for itself is set aside and named in
     * BlobOutcome::refused, and the others go on.
     */
    void uploadWaiting(const QByteArray &token, qint64 nowMs, Done done);
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
    /** The current blob is whole on the server: marks it and goes on with the next. */
    void uploaded(std::shared_ptr<Upload> upload);
    /** The current blob cannot go up (@p why): sets it aside and goes on with the next. */
    void setAside(std::shared_ptr<Upload> upload, const QString &why);
    void receiveRange(std::shared_ptr<Download> download);
    /** Runs @p then only while this transfer is alive: answers may outlive it. */
    SyncTransport::Done guarded(SyncTransport::Done then);

    LocalBlobs &m_blobs;
    HttpSyncTransport &m_transport;
    Options m_options;
    qint64 m_sent = 0;
    qint64 m_received = 0;
    std::map<QByteArray, qint64> m_setAside; ///< hex name -> when it may be tried again
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fieldline::sync
