#include "sync/blobs/BlobTransfer.h"

#include "sync/SyncLog.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QMetaObject>

namespace fieldline::sync {

namespace {

const QByteArray UploadOffset = QByteArrayLiteral("Upload-Offset");
const QByteArray UploadLength = QByteArrayLiteral("Upload-Length");
const QByteArray BlobComplete = QByteArrayLiteral("Blob-Complete");

QString uploadPath(const BlobName &name)
{
    return QStringLiteral("/v1/blobs/%1/upload").arg(QString::fromLatin1(name.hex()));
}

/** A non-negative number from a header the server sent, or -1. */
qint64 number(const TransportReply &reply, const QByteArray &name)
{
    bool ok = false;
    const qint64 value = reply.header(name).trimmed().toLongLong(&ok);
    return ok && value >= 0 ? value : -1;
}

BlobOutcome failed(const TransportReply &reply)
{
    return BlobOutcome{BlobOutcome::Kind::AnswerFailed, reply, {}};
}

BlobOutcome localFailure(const storage::Error &error)
{
    return BlobOutcome{BlobOutcome::Kind::LocalFailed, {}, error.message, error.code};
}

} // namespace

struct BlobTransfer::Upload
{
    QByteArray token;
    Done done;
    std::vector<BlobName> waiting;
    size_t next = 0;
    // Of waiting[next - 1], the blob being sent: read a chunk at a time, and hashed as it goes.
    std::unique_ptr<storage::BlobReader> reader; ///< open while this blob is sent; its size is the blob's
    BlobHasher hasher;
    qint64 hashedTo = 0;        ///< the hasher has seen the content before this offset
    std::optional<bool> intact; ///< once all of it is hashed: whether it matches its name
    bool sentAgain = false;     ///< the server discarded this blob's bytes once already, and it is being sent again
};

struct BlobTransfer::Download
{
    BlobName name;
    QByteArray token;
    Done done;
    QByteArray content; ///< what arrived so far
    qint64 total = -1;  ///< from Content-Range, once known
    BlobHasher hasher;  ///< fed each range as it arrives, so no step hashes the whole blob
};

BlobTransfer::BlobTransfer(LocalBlobs &blobs, HttpSyncTransport &transport, const Clock &clock, Options options)
    : m_blobs(blobs)
    , m_transport(transport)
    , m_options(options)
    , m_setAside(clock)
{}

SyncTransport::Done BlobTransfer::guarded(SyncTransport::Done then)
{
    return [alive = std::weak_ptr<bool>(m_alive), then = std::move(then)](const TransportReply &reply) {
        if (alive.lock())
            then(reply);
    };
}

storage::Result<std::vector<BlobName>> BlobTransfer::waiting()
{
    storage::Result<std::vector<BlobName>> waiting = m_blobs.waitingForUpload();
    if (waiting)
        m_setAside.filter(*waiting);
    return waiting;
}

void BlobTransfer::uploadWaiting(const QByteArray &token, Done done)
{
    auto upload = std::make_shared<Upload>();
    upload->token = token;
    upload->done = std::move(done);
    storage::Result<std::vector<BlobName>> toSend = waiting();
    if (!toSend)
        return upload->done(localFailure(toSend.error()));
    upload->waiting = std::move(*toSend);
    uploadNext(std::move(upload));
}

void BlobTransfer::uploadNext(std::shared_ptr<Upload> upload)
{
    upload->reader.reset(); // the last blob's, before anything else is written
    if (upload->next == upload->waiting.size())
        return upload->done(BlobOutcome{});
    upload->hasher = BlobHasher();
    upload->hashedTo = 0;
    upload->intact.reset();
    upload->sentAgain = false;
    const BlobName &name = upload->waiting[upload->next++];
    // Where does the server stand? Nothing yet, part of it (an upload cut off earlier), or all of it. Asked before
    // the content is read: after a restore every attachment is asked about, and most are there.
    m_transport.send(TransportRequest{QByteArrayLiteral("GET"), uploadPath(name), {}, {}, {}}, upload->token,
                     guarded([this, upload, name](const TransportReply &reply) {
                         if (reply.status != 200)
                             return upload->done(failed(reply));
                         if (reply.header(BlobComplete) == "1")
                             return uploaded(upload); // the tenant has it already: nothing to send
                         storage::Result<std::optional<LocalBlobs::Stored>> stored = m_blobs.find(name);
                         if (!stored)
                             return upload->done(localFailure(stored.error()));
                         if (!*stored)
                             return putAside(upload, SetAsideBlobs::Reason::Missing);
                         storage::Result<std::unique_ptr<storage::BlobReader>> reader = m_blobs.reader(**stored);
                         if (!reader)
                             return upload->done(localFailure(reader.error()));
                         upload->reader = std::move(*reader);
                         sendChunk(upload, std::max<qint64>(0, number(reply, UploadOffset)));
                     }));
}

void BlobTransfer::sendChunk(std::shared_ptr<Upload> upload, qint64 offset)
{
    const BlobName &name = upload->waiting[upload->next - 1];
    const qint64 total = upload->reader->size();
    if (offset > total)
        offset = 0; // the server holds more than this blob has: its partial copy is not ours to trust
    // The server holds a part sent earlier: the hash catches up with it first, a chunk per turn of the event loop,
    // so no large attachment is read or hashed in one go.
    if (upload->hashedTo < offset) {
        storage::Result<QByteArray> part =
            upload->reader->read(upload->hashedTo, std::min(m_options.chunkBytes, offset - upload->hashedTo));
        if (!part)
            return upload->done(localFailure(part.error()));
        hash(*upload, upload->hashedTo, *part);
        QMetaObject::invokeMethod(
            &m_context,
            [this, alive = std::weak_ptr<bool>(m_alive), upload, offset] {
                if (alive.lock())
                    sendChunk(upload, offset);
            },
            Qt::QueuedConnection);
        return;
    }
    storage::Result<QByteArray> read = upload->reader->read(offset, m_options.chunkBytes);
    if (!read)
        return upload->done(localFailure(read.error()));
    const QByteArray chunk = std::move(*read);
    hash(*upload, offset, chunk);
    // Checked before the last chunk goes, which would complete the blob on the server: content that does not match
    // its name (a store damaged here) is never offered as that name.
    if (offset + chunk.size() >= total && upload->intact != true)
        return putAside(upload, SetAsideBlobs::Reason::Damaged);
    TransportRequest request{QByteArrayLiteral("PUT"),
                             uploadPath(name),
                             chunk,
                             QByteArrayLiteral("application/octet-stream"),
                             {{UploadOffset, QByteArray::number(offset)}, {UploadLength, QByteArray::number(total)}}};
    m_sent += chunk.size();
    m_transport.send(request, upload->token, guarded([this, upload](const TransportReply &reply) {
                         const qint64 at = number(reply, UploadOffset);
                         const qint64 total = upload->reader->size();
                         if (reply.status == 409 && at >= 0 && at <= total)
                             return sendChunk(upload, at); // someone else's bytes, or a lost answer: go on from there
                         // The server's own refusal of this blob (a proxy's 400 says nothing in CBOR): it discarded
                         // what it had (content that did not match, a part it could not account for). Sent once
                         // more from the start, then set aside; a 409 past the end is a copy it cannot resume.
                         const bool discarded = reply.status == 400 && at == 0 &&
                                                bool(protocol::decode<protocol::ErrorMessage>(reply.body));
                         if (discarded && !upload->sentAgain) {
                             upload->sentAgain = true;
                             return sendChunk(upload, 0);
                         }
                         if (discarded || (reply.status == 409 && at > total))
                             return putAside(upload, SetAsideBlobs::Reason::Refused, reply.errorText());
                         if (reply.status != 200)
                             return upload->done(failed(reply));
                         if (reply.header(BlobComplete) == "1")
                             return uploaded(upload);
                         if (at < 0)
                             return upload->done(failed(reply));
                         sendChunk(upload, at);
                     }));
}

void BlobTransfer::hash(Upload &upload, qint64 offset, const QByteArray &part)
{
    if (upload.intact)
        return; // all of it seen already
    // Only what goes past what the hasher has seen, and only when it follows on (sendChunk catches up first).
    const qint64 end = offset + part.size();
    if (offset <= upload.hashedTo && end > upload.hashedTo) {
        upload.hasher.add(QByteArrayView(part).sliced(upload.hashedTo - offset));
        upload.hashedTo = end;
    }
    if (upload.hashedTo == upload.reader->size())
        upload.intact = upload.hasher.name() == upload.waiting[upload.next - 1];
}

void BlobTransfer::uploaded(std::shared_ptr<Upload> upload)
{
    upload->reader.reset(); // its row is written next
    if (storage::Status s = m_blobs.markUploaded(upload->waiting[upload->next - 1]); !s)
        return upload->done(localFailure(s.error()));
    uploadNext(std::move(upload));
}

void BlobTransfer::putAside(std::shared_ptr<Upload> upload, SetAsideBlobs::Reason reason, const QString &serverWords)
{
    const BlobName &name = upload->waiting[upload->next - 1];
    qCInfo(lcSync) << "attachment" << name.hex() << "set aside for" << SetAsideBlobs::RetryMs / 60'000
                   << "minutes:" << int(reason) << serverWords;
    m_setAside.add(name, reason, serverWords);
    uploadNext(std::move(upload));
}

void BlobTransfer::fetch(const BlobName &name, const QByteArray &token, Done done)
{
    storage::Result<std::optional<LocalBlobs::Stored>> have = m_blobs.find(name);
    if (!have)
        return done(localFailure(have.error()));
    if (*have)
        return done(BlobOutcome{});
    auto download = std::make_shared<Download>(Download{name, token, std::move(done), {}, -1, {}});
    receiveRange(std::move(download));
}

void BlobTransfer::receiveRange(std::shared_ptr<Download> download)
{
    const qint64 from = download->content.size();
    const QByteArray range =
        "bytes=" + QByteArray::number(from) + '-' + QByteArray::number(from + m_options.chunkBytes - 1);
    TransportRequest request{QByteArrayLiteral("GET"),
                             QStringLiteral("/v1/blobs/%1").arg(QString::fromLatin1(download->name.hex())),
                             {},
                             {},
                             {{QByteArrayLiteral("Range"), range}}};
    m_transport.send(request, download->token, guarded([this, download](const TransportReply &reply) {
                         if (reply.status != 206 && reply.status != 200)
                             return download->done(failed(reply));
                         m_received += reply.body.size();
                         if (reply.status == 200) {
                             if (!download->content.isEmpty())
                                 download->hasher = BlobHasher(); // the whole of it, whatever came before
                             download->content = reply.body;
                             download->total = reply.body.size();
                         } else {
                             // Content-Range: bytes a-b/total
                             const QByteArray contentRange = reply.header(QByteArrayLiteral("Content-Range"));
                             bool ok = false;
                             const qint64 total = contentRange.mid(contentRange.indexOf('/') + 1).toLongLong(&ok);
                             if (!ok || total > BlobName::MaxBlobBytes || reply.body.isEmpty())
                                 return download->done(
                                     BlobOutcome{BlobOutcome::Kind::BadContent, reply,
                                                 QStringLiteral("an attachment range came without a usable size")});
                             download->total = total;
                             download->content += reply.body;
                         }
                         download->hasher.add(reply.body);
                         if (download->content.size() < download->total)
                             return receiveRange(download);
                         storage::Status s =
                             m_blobs.addDownloaded(download->name, download->content, download->hasher.name());
                         if (!s && s.code() == storage::ErrorCode::Invalid) // not what its name says
                             return download->done(BlobOutcome{BlobOutcome::Kind::BadContent, reply, s.message()});
                         if (!s)
                             return download->done(localFailure(s.error()));
                         download->done(BlobOutcome{});
                     }));
}

} // namespace fieldline::sync
