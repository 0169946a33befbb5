#pragma once

#include "TenantStore.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QWebSocket;

namespace fieldline::server {

class ApiServer;

/**
 * The live channel: WebSocket /v1/live on the HTTP port. A device connects with its bearer token; whenever its
 * tenant's cursor moves, every open socket of that tenant gets one binary live-notify frame and the device
 * pulls. Notifications may be dropped or coalesced: the cursor makes that harmless.
 *
 * The token and the Origin are checked once the upgrade is done (Qt 6.4 upgrades before a route can refuse):
 * a bad token closes with 1008, an Origin that is not allowed too (native clients send none). Incoming
 * messages are limited to 1 KiB (Qt's default is 2 GiB); a device has nothing to say on this channel.
 * A socket stays open while its device is active: revocation closes it.
 *
 * What one device or tenant can hold is bounded: a device keeps its MaxSocketsPerDevice newest sockets (a
 * reconnect after a lost connection replaces the oldest), a tenant gets no more than MaxSocketsPerTenant (more are
 * closed with 1011, try again later), a socket that does not read its frames gets no more once MaxQueuedBytes wait
 * for it, and a socket that leaves a ping unanswered for a whole ping interval is dropped (a laptop that slept, a
 * NAT that forgot the connection), so neither descriptors nor buffers grow without end.
 */
class LiveChannel : public QObject
{
    Q_OBJECT
public:
    LiveChannel(ApiServer &api, QStringList allowedOrigins, QObject *parent = nullptr);
    ~LiveChannel() override;

    /** Tells every open socket of the tenant that its cursor is now @p cursor. */
    void notify(qint64 tenantId, qint64 cursor);
    /** Closes the sockets of a revoked device. */
    void closeDevice(qint64 tenantId, qint64 deviceId);
    /**
     * Closes the sockets of the next tenant in turn whose devices are no longer active. Revocation closes sockets
     * at once (closeDevice, on other instances through LiveRelay); this catches what a lost notification missed.
     * False when the store could not be read.
     */
    bool recheckNextTenant();
    /**
     * Rechecks on a timer, one tenant per tick, so that each tenant with open sockets is rechecked about once per
     * @p sweepMs (at most 5 tenants a second; after a failure, @p sweepMs until the next try). Only worth it when
     * other instances revoke too (PostgreSQL); with SQLite every revocation is this process's own.
     */
    void startRechecking(int sweepMs = RecheckSweepMs);
    /** Pings every @p intervalMs instead of every PingIntervalMs (tests). */
    void setPingInterval(int intervalMs) { m_ping.start(intervalMs); }
    /** Admits at most @p sockets per tenant instead of MaxSocketsPerTenant (tests). */
    void setMaxSocketsPerTenant(int sockets) { m_maxSocketsPerTenant = sockets; }
    int connectionCount() const { return int(m_connections.size()); }

    static constexpr qint64 MaxIncomingBytes = 1024;
    static constexpr int RecheckSweepMs = 60'000;
    static constexpr int PingIntervalMs = 30'000;
    static constexpr int MaxSocketsPerDevice = 8;
    static constexpr int MaxSocketsPerTenant = 5'000;
    static constexpr qint64 MaxQueuedBytes = 16 * 1024;

private:
    struct Connection;
    void accept();
    /** Keeps the socket of @p identity if its tenant has room, making room among its device's own sockets. */
    bool admit(QWebSocket &socket, const Identity &identity);
    /** Drops the sockets that did not answer the last ping, and pings the others. */
    void pingAll();
    void drop(QWebSocket *socket);
    /** Closes (with 1008) the sockets whose identity @p revoked picks. */
    void closeRevoked(const std::function<bool(const Identity &)> &revoked);
    /** Time to the next recheck: one sweep spread over the tenants with open sockets, 200 ms apart at least. */
    int recheckIntervalMs() const;

    ApiServer &m_api;
    QStringList m_allowedOrigins;
    std::vector<std::unique_ptr<Connection>> m_connections;
    QTimer m_recheck;
    QTimer m_ping;
    qint64 m_lastRechecked = 0; ///< tenant id
    int m_sweepMs = RecheckSweepMs;
    int m_maxSocketsPerTenant = MaxSocketsPerTenant;
};

} // namespace fieldline::server
