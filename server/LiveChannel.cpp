#include "LiveChannel.h"

#include "ApiServer.h"
#include "HttpSupport.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>
#include <QPointer>
#include <QWebSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcLive, "fieldline.server.live")

namespace fieldline::server {

struct LiveChannel::Connection
{
    std::unique_ptr<QWebSocket> socket;
    Identity identity;
    bool answered = true; ///< the last ping was answered (or none was sent yet)
};

LiveChannel::LiveChannel(ApiServer &api, QStringList allowedOrigins, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_allowedOrigins(std::move(allowedOrigins))
{
    // Qt 6.4 upgrades a request only when a route takes its path. That route must not answer an upgrade (the
    // answer would precede the handshake); a plain GET gets a 400 that says what the path is for.
    m_api.http().route(QStringLiteral("/v1/live"),
                       [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                           const QByteArray upgrade = http::header(request, QByteArrayLiteral("Upgrade"));
                           if (upgrade.compare("websocket", Qt::CaseInsensitive) == 0)
                               return;
                           m_api.metrics().countRequest(QStringLiteral("live"), 400);
                           responder.write("This path is the WebSocket live channel.\n", "text/plain",
                                           QHttpServerResponder::StatusCode::BadRequest);
                       });
    connect(&m_api.http(), &QHttpServer::newWebSocketConnection, this, &LiveChannel::accept);
    m_recheck.setSingleShot(true);
    connect(&m_recheck, &QTimer::timeout, this, [this] {
        // A store that cannot be reached is not asked again at once: each try may wait for a connection timeout.
        m_recheck.start(recheckNextTenant() ? recheckIntervalMs() : m_sweepMs);
    });
    connect(&m_ping, &QTimer::timeout, this, &LiveChannel::pingAll);
    m_ping.start(PingIntervalMs);
}

void LiveChannel::startRechecking(int sweepMs)
{
    m_sweepMs = sweepMs;
    m_recheck.start(recheckIntervalMs());
}

LiveChannel::~LiveChannel()
{
    for (auto &connection : m_connections)
        connection->socket->disconnect(this);
}

void LiveChannel::accept()
{
    while (m_api.http().hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_api.http().nextPendingWebSocketConnection();
        if (!socket)
            continue;
        socket->setMaxAllowedIncomingMessageSize(MaxIncomingBytes);
        socket->setMaxAllowedIncomingFrameSize(MaxIncomingBytes);
        const QString origin = socket->origin();
        if (!origin.isEmpty() && !m_allowedOrigins.contains(origin)) {
            qCInfo(lcLive) << "live channel refused: origin" << origin;
            m_api.metrics().countRequest(QStringLiteral("live"), 403);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("origin not allowed"));
            continue;
        }
        const QByteArray token = http::bearerToken(socket->request().rawHeader("Authorization"));
        std::optional<Identity> identity;
        if (!token.isEmpty()) {
            auto found = m_api.store().authenticate(token);
            if (!found) {
                // The store could not say (a PostgreSQL failover): not the token's fault, so the device tries again.
                qCWarning(lcLive) << "live channel: cannot check a token:" << found.message();
                m_api.metrics().countRequest(QStringLiteral("live"), 503);
                socket->close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("try again later"));
                continue;
            }
            identity = *found;
        }
        if (!identity) {
            m_api.metrics().countRequest(QStringLiteral("live"), 401);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("log in again"));
            continue;
        }
        if (!admit(*socket, *identity))
            continue;
        m_api.metrics().countRequest(QStringLiteral("live"), 101);
        QWebSocket *raw = socket.get();
        connect(raw, &QWebSocket::disconnected, this, [this, raw] { drop(raw); });
        auto connection = std::make_unique<Connection>(Connection{std::move(socket), *identity});
        Connection *kept = connection.get();
        connect(raw, &QWebSocket::pong, this, [kept] { kept->answered = true; });
        // A device has nothing to send here; anything it sends is ignored (and capped by the limits above).
        m_connections.push_back(std::move(connection));
    }
}

bool LiveChannel::admit(QWebSocket &socket, const Identity &identity)
{
    int ofTenant = 0;
    std::vector<QPointer<QWebSocket>> ofDevice; // oldest first
    for (const auto &connection : m_connections) {
        if (connection->identity.tenantId != identity.tenantId)
            continue;
        ++ofTenant;
        if (connection->identity.deviceId == identity.deviceId)
            ofDevice.emplace_back(connection->socket.get());
    }
    // A device's sockets beyond its own limit make room by closing its oldest, not by taking the tenant's room.
    const qsizetype surplus = qsizetype(ofDevice.size()) - (MaxSocketsPerDevice - 1);
    if (ofTenant - std::max<qsizetype>(surplus, 0) >= m_maxSocketsPerTenant) {
        qCWarning(lcLive) << "live channel refused: tenant" << identity.tenantId << "holds" << ofTenant << "sockets";
        m_api.metrics().countRequest(QStringLiteral("live"), 503);
        socket.close(QWebSocketProtocol::CloseCodeBadOperation, QStringLiteral("try again later"));
        return false;
    }
    for (qsizetype i = 0; i < surplus; ++i) {
        if (ofDevice[size_t(i)])
            ofDevice[size_t(i)]->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("replaced"));
    }
    return true;
}

void LiveChannel::pingAll()
{
    // Aborting can drop the connection at once (disconnected() inside abort()), so pick the sockets first.
    std::vector<QPointer<QWebSocket>> silent;
    for (const auto &connection : m_connections) {
        if (!connection->answered) {
            silent.emplace_back(connection->socket.get());
            continue;
        }
        connection->answered = false;
        connection->socket->ping();
    }
    for (const QPointer<QWebSocket> &socket : silent) {
        if (socket) {
            qCInfo(lcLive) << "live channel: dropped a socket that left a ping unanswered";
            socket->abort();
        }
    }
}

void LiveChannel::drop(QWebSocket *socket)
{
    for (auto it = m_connections.begin(); it != m_connections.end(); ++it) {
        if ((*it)->socket.get() == socket) {
            (*it)->socket->disconnect(this);
            (*it)->socket.release()->deleteLater(); // we are inside one of its signals
            m_connections.erase(it);
            return;
        }
    }
}

void LiveChannel::notify(qint64 tenantId, qint64 cursor)
{
    const QByteArray frame = sync::protocol::encode(sync::protocol::LiveNotify{cursor});
    for (const auto &connection : m_connections) {
        if (connection->identity.tenantId != tenantId)
            continue;
        // Frames may be dropped (the next one carries a newer cursor): one that is not reading gets no more.
        if (connection->socket->bytesToWrite() <= MaxQueuedBytes)
            connection->socket->sendBinaryMessage(frame);
        else
            m_api.metrics().countLiveSkipped();
    }
}

void LiveChannel::closeDevice(qint64 tenantId, qint64 deviceId)
{
    closeRevoked([tenantId, deviceId](const Identity &identity) {
        return identity.tenantId == tenantId && identity.deviceId == deviceId;
    });
}

bool LiveChannel::recheckNextTenant()
{
    // The smallest tenant id after the last one checked, wrapping round to the smallest of all.
    qint64 next = 0, first = 0;
    for (const auto &connection : m_connections) {
        const qint64 tenantId = connection->identity.tenantId;
        if (first == 0 || tenantId < first)
            first = tenantId;
        if (tenantId > m_lastRechecked && (next == 0 || tenantId < next))
            next = tenantId;
    }
    m_lastRechecked = next != 0 ? next : first;
    if (m_lastRechecked == 0)
        return true;
    QSet<qint64> devices;
    for (const auto &connection : m_connections) {
        if (connection->identity.tenantId == m_lastRechecked)
            devices.insert(connection->identity.deviceId);
    }
    auto active = m_api.store().activeDevices(m_lastRechecked, devices.values());
    if (!active) {
        qCWarning(lcLive) << "cannot recheck the live sockets' devices:" << active.message();
        return false;
    }
    closeRevoked([this, &active](const Identity &identity) {
        return identity.tenantId == m_lastRechecked && !active->contains(identity.deviceId);
    });
    return true;
}

void LiveChannel::closeRevoked(const std::function<bool(const Identity &)> &revoked)
{
    // Closing can drop the connection at once (disconnected() inside close()), so pick the sockets first.
    std::vector<QPointer<QWebSocket>> sockets;
    for (const auto &connection : m_connections) {
        if (revoked(connection->identity))
            sockets.emplace_back(connection->socket.get());
    }
    for (const QPointer<QWebSocket> &socket : sockets) {
        if (socket)
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("device revoked"));
    }
}

int LiveChannel::recheckIntervalMs() const
{
    QSet<qint64> tenants;
    for (const auto &connection : m_connections)
        tenants.insert(connection->identity.tenantId);
    return int(
        std::clamp<qsizetype>(m_sweepMs / std::max<qsizetype>(1, tenants.size()), std::min(200, m_sweepMs), m_sweepMs));
}

} // namespace fieldline::server
