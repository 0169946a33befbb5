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
            if (auto found = m_api.store().authenticate(token))
                identity = *found;
        }
        if (!identity) {
            m_api.metrics().countRequest(QStringLiteral("live"), 401);
            socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("log in again"));
            continue;
        }
        m_api.metrics().countRequest(QStringLiteral("live"), 101);
        QWebSocket *raw = socket.get();
        connect(raw, &QWebSocket::disconnected, this, [this, raw] { drop(raw); });
        // A device has nothing to send here; anything it sends is ignored (and capped by the limits above).
        m_connections.push_back(std::make_unique<Connection>(Connection{std::move(socket), *identity}));
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
        if (connection->identity.tenantId == tenantId)
            connection->socket->sendBinaryMessage(frame);
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
