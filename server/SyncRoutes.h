#pragma once

#include "SyncStore.h"

#include <functional>
#include <optional>

class QHttpServerRequest;
class QHttpServerResponse;

namespace fieldline::server {

class ApiServer;

/**
 * The sync endpoints of docs/protocol.md: POST /v1/push, /v1/pull and /v1/ack, CBOR in and out. Every failure
 * answers with a CBOR error message and the matching HTTP status; bodies are refused over the server's body
 * limit before they are decoded, and the decoder checks its own limits again.
 */
class SyncRoutes
{
public:
    /** Called after a push moved a tenant's cursor, so live connections can be told to pull. */
    using CursorMoved = std::function<void(qint64 tenantId, qint64 cursor)>;

    SyncRoutes(ApiServer &api, SyncStore &store, CursorMoved cursorMoved);

    /**
     * Runs after a push that changed something and before devices are told to pull, for server-side checks that
     * write back (SubmissionReview); returns the tenant's cursor when it wrote.
     */
    using AfterPush = std::function<std::optional<qint64>(qint64 tenantId, const sync::ChangeBatch &changes)>;
    void setAfterPush(AfterPush afterPush) { m_afterPush = std::move(afterPush); }

private:
    /** The caller's identity and its decoded message of type M, or the refusal to answer with. */
    template <typename M> struct Accepted
    {
        Identity identity;
        M message;
    };
    template <typename M>
    std::optional<Accepted<M>> accept(const QHttpServerRequest &request, std::optional<QHttpServerResponse> &refusal);

    QHttpServerResponse push(const QHttpServerRequest &request);
    QHttpServerResponse pull(const QHttpServerRequest &request);
    QHttpServerResponse ack(const QHttpServerRequest &request);

    ApiServer &m_api;
    SyncStore &m_store;
    CursorMoved m_cursorMoved;
    AfterPush m_afterPush;
};

} // namespace fieldline::server
