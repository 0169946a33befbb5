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
};

} // namespace fieldline::server
