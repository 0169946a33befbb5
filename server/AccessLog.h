#pragma once

#include <QElapsedTimer>
#include <QString>
#include <QtGlobal>

class QHttpServer;
class QHttpServerRequest;

namespace fieldline::server {

/**
 * One log record per HTTP request that a route answers, in category fieldline.server.access (info): method, path
 * without the query string, status, duration in ms, the tenant id once a token proved it, and the client address.
 * Never headers, query strings or bodies, which carry tokens and passwords.
 *
 * Qt 6.4 calls no hook after an answer a route writes through a QHttpServerResponder: such a route logs it with
 * pending() and write() (the sync routes' answers held for durability). WebSocket upgrades (/v1/live) are not logged.
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

    /** What is logged of a request; empty when the access log is off. */
    struct Record
    {
        QString method;
        QString path;
        QString remote;
        qint64 tenantId = 0;
        qint64 startNs = 0;
    };
    /** The record of the request whose route runs now, to write() once it is answered. */
    Record pending(const QHttpServerRequest &request) const;
    void write(const Record &record, int status) const;

private:
    void started();

    // QHttpServer 6.4 runs one route at a time on its thread, after started(), so one start time and one tenant
    // slot serve every request.
    QElapsedTimer m_clock;
    qint64 m_startNs = 0;
    qint64 m_tenantId = 0;
};

} // namespace fieldline::server
