#include "SyncRoutes.h"

#include "ApiServer.h"
#include "HttpSupport.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcServerSync, "fieldline.server.sync")

namespace fieldline::server {

namespace protocol = sync::protocol;
using http::Status;

namespace {

QHttpServerResponse cbor(const QByteArray &body, Status status = Status::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("application/cbor"), body, status);
}

QHttpServerResponse error(protocol::ErrorCode code, const QString &message, Status status)
{
    return cbor(protocol::encode(protocol::ErrorMessage{code, message, 0}), status);
}

QHttpServerResponse internal(const QString &logged)
{
    qCWarning(lcServerSync) << logged;
    return error(protocol::ErrorCode::Internal, QStringLiteral("Internal error; see the server log."),
                 Status::InternalServerError);
}

/** The same refusal as the JSON routes give, as a protocol error (the status and its headers stay). */
QHttpServerResponse asProtocolError(QHttpServerResponse refused)
{
    const Status status = refused.statusCode();
    QHttpServerResponse response =
        status == Status::Unauthorized ? error(protocol::ErrorCode::Unauthorized,
                                               QStringLiteral("Log in again: the device token is not valid."), status)
        : status == Status::PayloadTooLarge
            ? error(protocol::ErrorCode::TooLarge, QString::fromUtf8(refused.data()).trimmed(), status)
            : error(protocol::ErrorCode::Internal, QStringLiteral("Internal error; see the server log."), status);
    if (status == Status::Unauthorized)
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    return response;
}

QHttpServerResponse undecodable(const storage::Error &failure)
{
    return failure.code == storage::ErrorCode::Unsupported
               ? error(protocol::ErrorCode::UnsupportedVersion, failure.message, Status::BadRequest)
               : error(protocol::ErrorCode::Invalid, failure.message, Status::BadRequest);
}

} // namespace

SyncRoutes::SyncRoutes(ApiServer &api, SyncStore &store, CursorMoved cursorMoved)
    : m_api(api)
    , m_store(store)
    , m_cursorMoved(std::move(cursorMoved))
{
    using Method = QHttpServerRequest::Method;
    m_api.http().route(QStringLiteral("/v1/push"), Method::Post,
                       [this](const QHttpServerRequest &request) { return m_api.counted("push", push(request)); });
    m_api.http().route(QStringLiteral("/v1/pull"), Method::Post,
                       [this](const QHttpServerRequest &request) { return m_api.counted("pull", pull(request)); });
    m_api.http().route(QStringLiteral("/v1/ack"), Method::Post,
                       [this](const QHttpServerRequest &request) { return m_api.counted("ack", ack(request)); });
}

template <typename M>
std::optional<SyncRoutes::Accepted<M>> SyncRoutes::accept(const QHttpServerRequest &request,
                                                          std::optional<QHttpServerResponse> &refusal)
{
    std::optional<QHttpServerResponse> refused;
    std::optional<Identity> identity = m_api.bearerIdentity(request, refused);
    if (!identity) {
        refusal = asProtocolError(std::move(*refused));
        return std::nullopt;
    }
    auto decoded = protocol::decode<M>(request.body(), protocol::Limits{m_api.limits().maxBodyBytes});
    if (!decoded) {
        refusal = undecodable(decoded.error());
        return std::nullopt;
    }
    return Accepted<M>{std::move(*identity), std::move(*decoded)};
}

QHttpServerResponse SyncRoutes::push(const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto accepted = accept<protocol::PushRequest>(request, refusal);
    if (!accepted)
        return std::move(*refusal);
    auto foreignSite = m_store.bindSite(accepted->identity, accepted->message.site);
    if (!foreignSite)
        return internal(QStringLiteral("push: ") + foreignSite.message());
    if (*foreignSite)
        return error(protocol::ErrorCode::Forbidden, **foreignSite, Status::Forbidden);
    auto outcome = m_store.push(accepted->identity, accepted->message);
    if (!outcome)
        return internal(QStringLiteral("push: ") + outcome.message());
    // Only a push that changed something is worth every device of the tenant pulling.
    if (outcome->cursorMoved && m_cursorMoved)
        m_cursorMoved(accepted->identity.tenantId, outcome->cursor);
    return cbor(outcome->response);
}

QHttpServerResponse SyncRoutes::pull(const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto accepted = accept<protocol::PullRequest>(request, refusal);
    if (!accepted)
        return std::move(*refusal);
    auto response = m_store.pull(accepted->identity.tenantId, accepted->message.cursor, accepted->message.limit);
    if (!response)
        return internal(QStringLiteral("pull: ") + response.message());
    return cbor(protocol::encode(*response));
}

QHttpServerResponse SyncRoutes::ack(const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> refusal;
    const auto accepted = accept<protocol::Ack>(request, refusal);
    if (!accepted)
        return std::move(*refusal);
    if (auto stored = m_store.acknowledge(accepted->identity, accepted->message.cursor); !stored) {
        if (stored.code() == storage::ErrorCode::Invalid)
            return error(protocol::ErrorCode::Invalid, stored.message(), Status::BadRequest);
        return internal(QStringLiteral("ack: ") + stored.message());
    }
    return cbor(protocol::encode(accepted->message));
}

} // namespace fieldline::server
