#include "SyncRoutes.h"

#include "ApiServer.h"
#include "HttpSupport.h"
#include "ProtocolAnswers.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>

namespace fieldline::server {

namespace protocol = sync::protocol;
using http::Status;

using answers::asProtocolError;
using answers::cbor;
using answers::error;
using answers::internal;
using answers::undecodable;

SyncRoutes::SyncRoutes(ApiServer &api, SyncStore &store, CursorMoved cursorMoved)
    : m_api(api)
    , m_store(store)
    , m_cursorMoved(std::move(cursorMoved))
{
    using Method = QHttpServerRequest::Method;
    // Each answer waits until what it reports is on disk: a push's changes, the changes a pull returns, an ack.
    m_api.http().route(QStringLiteral("/v1/push"), Method::Post,
                       [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                           m_api.answerDurably("push", request, std::move(responder), push(request));
                       });
    m_api.http().route(QStringLiteral("/v1/pull"), Method::Post,
                       [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                           m_api.answerDurably("pull", request, std::move(responder), pull(request));
                       });
    m_api.http().route(QStringLiteral("/v1/ack"), Method::Post,
                       [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                           m_api.answerDurably("ack", request, std::move(responder), ack(request));
                       });
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
    if (outcome->cursorMoved && m_afterPush) {
        if (std::optional<qint64> cursor = m_afterPush(accepted->identity.tenantId, accepted->message.changes))
            outcome->cursor = *cursor;
    }
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
    PullChecks &checks = m_store.pullChecks();
    auto resync = checks.beforePage(accepted->identity, accepted->message);
    if (!resync)
        return internal(QStringLiteral("pull: ") + resync.message());
    if (*resync)
        return error((*resync)->code, (*resync)->message, Status::Gone);
    auto response = m_store.pull(accepted->identity.tenantId, ReplicationScope::of(accepted->identity),
                                 accepted->message.cursor, accepted->message.limit, accepted->message.freshHead);
    if (!response)
        return internal(QStringLiteral("pull: ") + response.message());
    // Another instance may have collected tombstones above the cursor between the check and the page (both read what
    // was committed when each ran): the page may then lack deletions this device needs, so it resyncs.
    auto collected = checks.afterPage(accepted->identity, accepted->message);
    if (!collected)
        return internal(QStringLiteral("pull: ") + collected.message());
    if (*collected)
        return error((*collected)->code, (*collected)->message, Status::Gone);
    if (storage::Status served = checks.recordServed(accepted->identity, accepted->message.site, response->nextCursor);
        !served)
        return internal(QStringLiteral("pull: ") + served.message());
    response->recorded = true;
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
