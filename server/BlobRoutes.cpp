#include "BlobRoutes.h"

#include "ApiServer.h"
#include "HttpSupport.h"
#include "ProtocolAnswers.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>

namespace fieldline::server {

namespace protocol = sync::protocol;
using answers::error;
using answers::internal;
using http::Status;
using sync::BlobName;

namespace {

const QByteArray UploadOffset = QByteArrayLiteral("Upload-Offset");
const QByteArray UploadLength = QByteArrayLiteral("Upload-Length");
const QByteArray BlobComplete = QByteArrayLiteral("Blob-Complete");

/** An empty answer whose headers say where an upload stands. */
QHttpServerResponse standing(const BlobStore::State &state, Status status = Status::Ok)
{
    QHttpServerResponse response(QByteArrayLiteral("application/cbor"), QByteArray(), status);
    response.setHeader(UploadOffset, QByteArray::number(state.received));
    response.setHeader(UploadLength, QByteArray::number(state.length));
    response.setHeader(BlobComplete, state.complete ? QByteArrayLiteral("1") : QByteArrayLiteral("0"));
    return response;
}

/** A header holding a non-negative decimal number, or -1. */
qint64 number(const QHttpServerRequest &request, const QByteArray &name)
{
    const QByteArray value = http::header(request, name).trimmed();
    if (value.isEmpty() || value.size() > 18)
        return -1;
    bool ok = false;
    const qint64 n = value.toLongLong(&ok);
    return ok && n >= 0 ? n : -1;
}

/** "bytes=a-b" or "bytes=a-" → (a, b inclusive or -1); nullopt when malformed. No header: from 0. */
std::optional<std::pair<qint64, qint64>> byteRange(const QHttpServerRequest &request)
{
    const QByteArray value = http::header(request, QByteArrayLiteral("Range")).trimmed();
    if (value.isEmpty())
        return std::pair<qint64, qint64>{0, -1};
    if (!value.startsWith("bytes=") || value.size() > 64 || value.contains(','))
        return std::nullopt;
    const QByteArray spec = value.mid(6);
    const qsizetype dash = spec.indexOf('-');
    if (dash <= 0)
        return std::nullopt;
    bool ok = false;
    const qint64 first = spec.left(dash).toLongLong(&ok);
    if (!ok || first < 0)
        return std::nullopt;
    if (dash == spec.size() - 1)
        return std::pair<qint64, qint64>{first, -1};
    const qint64 last = spec.mid(dash + 1).toLongLong(&ok);
    if (!ok || last < first)
        return std::nullopt;
    return std::pair<qint64, qint64>{first, last};
}

} // namespace

BlobRoutes::BlobRoutes(ApiServer &api, BlobStore &store)
    : m_api(api)
    , m_store(store)
{
    using Method = QHttpServerRequest::Method;
    // The /upload routes first: the plain name route would take their paths too.
    m_api.http().route(QStringLiteral("/v1/blobs/<arg>/upload"), Method::Get,
                       [this](const QString &name, const QHttpServerRequest &request) {
                           return m_api.counted("blob_state", uploadState(name, request));
                       });
    m_api.http().route(QStringLiteral("/v1/blobs/<arg>/upload"), Method::Put,
                       [this](const QString &name, const QHttpServerRequest &request) {
                           return m_api.counted("blob_upload", uploadChunk(name, request));
                       });
    m_api.http().route(QStringLiteral("/v1/blobs/<arg>"), Method::Get,
                       [this](const QString &name, const QHttpServerRequest &request) {
                           return m_api.counted("blob_download", download(name, request));
                       });
}

std::optional<std::pair<Identity, BlobName>> BlobRoutes::accept(const QString &name, const QHttpServerRequest &request,
                                                                std::optional<QHttpServerResponse> &refusal)
{
    std::optional<QHttpServerResponse> refused;
    std::optional<Identity> identity = m_api.bearerIdentity(request, refused);
    if (!identity) {
        refusal = answers::asProtocolError(std::move(*refused));
        return std::nullopt;
    }
    std::optional<BlobName> blob = BlobName::fromHex(name.toLatin1());
    if (!blob) {
        refusal = error(protocol::ErrorCode::NotFound,
                        QStringLiteral("An attachment's name is 64 lowercase hex digits."), Status::NotFound);
        return std::nullopt;
    }
    return std::pair<Identity, BlobName>{std::move(*identity), std::move(*blob)};
}

QHttpServerResponse BlobRoutes::uploadState(const QString &name, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto accepted = accept(name, request, refusal);
    if (!accepted)
        return std::move(*refusal);
    auto state = m_store.state(accepted->first.tenantId, accepted->second);
    if (!state)
        return internal(QStringLiteral("blob state: ") + state.message());
    return standing(*state);
}

QHttpServerResponse BlobRoutes::uploadChunk(const QString &name, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto accepted = accept(name, request, refusal);
    if (!accepted)
        return std::move(*refusal);
    const qint64 offset = number(request, UploadOffset);
    const qint64 length = number(request, UploadLength);
    if (offset < 0 || length < 0)
        return error(protocol::ErrorCode::Invalid,
                     QStringLiteral("A chunk needs Upload-Offset and Upload-Length headers, each a number."),
                     Status::BadRequest);
    if (length == 0)
        return error(protocol::ErrorCode::Invalid, QStringLiteral("An attachment cannot be empty."),
                     Status::BadRequest);
    auto appended = m_store.append(accepted->first.tenantId, accepted->second, offset, length, request.body());
    if (!appended)
        return internal(QStringLiteral("blob upload: ") + appended.message());
    using Appended = BlobStore::Appended;
    switch (appended->outcome) {
    case Appended::Stored:
    case Appended::Complete:
        return standing(appended->state);
    case Appended::WrongOffset:
        return standing(appended->state, Status::Conflict);
    case Appended::WrongContent: {
        QHttpServerResponse response =
            error(protocol::ErrorCode::Invalid,
                  QStringLiteral("The attachment's content does not match its name; it was discarded, send it again."),
                  Status::BadRequest);
        response.setHeader(UploadOffset, QByteArrayLiteral("0"));
        return response;
    }
    case Appended::TooLarge:
        return error(protocol::ErrorCode::TooLarge,
                     QStringLiteral("An attachment may be at most %1 MiB.").arg(BlobName::MaxBlobBytes >> 20),
                     Status::PayloadTooLarge);
    }
    return internal(QStringLiteral("blob upload: unknown outcome"));
}

QHttpServerResponse BlobRoutes::download(const QString &name, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto accepted = accept(name, request, refusal);
    if (!accepted)
        return std::move(*refusal);
    const auto range = byteRange(request);
    if (!range)
        return error(protocol::ErrorCode::Invalid, QStringLiteral("Only one range, as bytes=first-last, is served."),
                     Status::RequestRangeNotSatisfiable);
    const auto [first, last] = *range;
    // last - first + 1 would overflow for last = 2^63 - 1: compare before adding.
    const qint64 wanted = last < 0 || last - first >= MaxRangeBytes ? MaxRangeBytes : last - first + 1;
    auto read = m_store.read(accepted->first.tenantId, accepted->second, first, wanted);
    if (!read)
        return internal(QStringLiteral("blob download: ") + read.message());
    if (!*read)
        return error(protocol::ErrorCode::NotFound, QStringLiteral("This tenant has no such attachment."),
                     Status::NotFound);
    const BlobStore::Range &bytes = **read;
    if (first >= bytes.length)
        return error(protocol::ErrorCode::Invalid, QStringLiteral("The range starts past the attachment's end."),
                     Status::RequestRangeNotSatisfiable);
    const bool whole = first == 0 && bytes.bytes.size() == bytes.length;
    QHttpServerResponse response(QByteArrayLiteral("application/octet-stream"), bytes.bytes,
                                 whole ? Status::Ok : Status::PartialContent);
    if (!whole)
        response.setHeader(QByteArrayLiteral("Content-Range"), "bytes " + QByteArray::number(first) + '-' +
                                                                   QByteArray::number(first + bytes.bytes.size() - 1) +
                                                                   '/' + QByteArray::number(bytes.length));
    return response;
}

} // namespace fieldline::server
