#pragma once

#include "AccessLog.h"
#include "Credentials.h"
#include "DurableAnswers.h"
#include "HeldAnswer.h"
#include "LoginRoute.h"
#include "LoginThrottle.h"
#include "Metrics.h"
#include "TenantStore.h"

#include <QHostAddress>
#include <QHttpServer>
#include <QSslConfiguration>

#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <optional>

class QHttpServerRequest;
class QHttpServerResponder;
class QHttpServerResponse;

namespace fieldline::server {

/**
 * fieldline-server's HTTP API: /healthz, /metrics, /v1/login (LoginRoute), /v1/me and /v1/tenants/<tenant>/me.
 *
 * Qt 6.4's QHttpServer hands a route the request only once the whole body is in memory, so the size limits here
 * are checked after buffering but before any parsing; a declared Content-Length over the limit is refused even
 * if the body turns out shorter.
 */
class ApiServer
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = 1 << 20;
        qint64 maxLoginBodyBytes = 4 << 10;
    };

    /** With @p durable (group commit), answers wait until what they report is on disk (DurableAnswers). */
    ApiServer(TenantStore &store, const Credentials &credentials, LoginThrottle &throttle, Limits limits,
              DurableAnswers::Store durable = {});
    ~ApiServer();

    /** The bound port, or 0 on failure. Plain HTTP. */
    quint16 listen(const QHostAddress &address, quint16 port);
    /** The bound port, or 0 on failure: HTTPS (and WSS) through a QSslServer with @p tls. */
    quint16 listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls);

    /** The HTTP server, for route groups (sync, admin) that register their own routes. */
    QHttpServer &http() { return m_http; }
    Metrics &metrics() { return m_metrics; }
    TenantStore &store() { return m_store; }
    const Limits &limits() const { return m_limits; }
    /** Argon2id work off the event loop, for logins and for the admin routes that set passwords. */
    PasswordCheck &passwords() { return m_passwords; }

    /** Counts @p response under @p route in /metrics and returns it. */
    QHttpServerResponse counted(const char *route, QHttpServerResponse response);
    /**
     * Sends @p response to @p request once the store's writes so far are on disk, for a route that answers through
     * @p responder: one sync then covers every request answered meanwhile (group commit). Counts the status sent
     * under @p route (a string literal) in /metrics.
     */
    void answerDurably(const char *route, const QHttpServerRequest &request, QHttpServerResponder &&responder,
                       QHttpServerResponse &&response);
    /** What a route keeps of @p request to answer it later, once work on another thread is done. */
    HeldAnswer hold(const QHttpServerRequest &request, QHttpServerResponder &&responder) const;
    /**
     * For a held request of a route that wrote only if it succeeded: a 2xx answer goes once durable (as
     * answerDurably() sends it), any other at once (answerNow()).
     */
    void answerWrite(const char *route, HeldAnswer &&held, QHttpServerResponse &&response);
    /** Sends @p response at once (an answer that reports no write), counted and logged like the others. */
    void answerNow(const char *route, HeldAnswer &&held, QHttpServerResponse &&response);
    /**
     * The identity behind the request's bearer token. On failure fills @p error (413 over @p bodyLimit, or over
     * maxBodyBytes when 0; 401; 500) and returns nullopt.
     */
    std::optional<Identity> bearerIdentity(const QHttpServerRequest &request, std::optional<QHttpServerResponse> &error,
                                           qint64 bodyLimit = 0);

private:
    void answerDurably(const char *route, HeldAnswer &&held, QHttpServerResponse &&response);
    QHttpServerResponse healthz();
    /** Counts the status sent under @p route (0: the client left) and writes @p record to the access log. */
    DurableAnswers::Answered answered(const char *route, AccessLog::Record record);
    QHttpServerResponse me(const QHttpServerRequest &request);
    QHttpServerResponse tenantMe(const QString &tenant, const QHttpServerRequest &request);

    TenantStore &m_store;
    Limits m_limits;
    Metrics m_metrics;
    QHttpServer m_http;
    DurableAnswers m_durable;      // before the access log: a failed sync turns an answer into a 500 it should log
    AccessLog m_accessLog{m_http}; // after m_http and before any route: it sees every request first
    PasswordCheck m_passwords;     // before the routes that use it
    std::unique_ptr<LoginRoute> m_login; // last
};

} // namespace fieldline::server
