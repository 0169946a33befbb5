#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

class QHttpServer;
class QHttpServerRequest;

namespace fieldline::server {

/**
 * One log record per HTTP request that a route answers, in category fieldline.server.access (info): method, path
 * without the query string, status, duration in ms, the tenant id once a token proved it, and the client address.
 * Never headers, query strings or bodies, which carry tokens and passwords.
 *
 * Not recorded: WebSocket upgrades and other answers a route writes through a QHttpServerResponder (/v1/live);
 * Qt 6.4 calls no hook after those.
 */
class AccessLog
{
public:
    /** Hooks into @p http. Construct it before any route is added: its stopwatch must see requests first. */
    explicit AccessLog(QHttpServer &http);
    AccessLog(const AccessLog &) = delete;
    AccessLog &operator=(const AccessLog &) = delete;

    /** The request being answered belongs to tenant @p tenantId (called once a token or login proved it). */
    void noteTenant(qint64 tenantId) { m_tenantId = tenantId; }

private:
    void started();
    void finished(const QHttpServerRequest &request, int status);

    // QHttpServer 6.4 answers each request synchronously on its thread, between started() and finished(), so one
    // timer and one tenant slot serve every request.
    QElapsedTimer m_timer;
    qint64 m_tenantId = 0;
};

} // namespace fieldline::server
