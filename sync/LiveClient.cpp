#include "sync/LiveClient.h"

#include "sync/SyncLog.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslConfiguration>

namespace fieldline::sync {

LiveClient::LiveClient(const QUrl &server, QByteArray token, QObject *parent)
    : QObject(parent)
    , m_url(liveUrl(server))
    , m_token(std::move(token))
{
    m_socket.setMaxAllowedIncomingMessageSize(4096);
    m_socket.setMaxAllowedIncomingFrameSize(4096);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &LiveClient::open);
    connect(&m_ping, &QTimer::timeout, this, &LiveClient::pingOrDrop);
    m_opening.setSingleShot(true);
    connect(&m_opening, &QTimer::timeout, this, &LiveClient::openingTimedOut);
    connect(&m_socket, &QWebSocket::pong, this, [this] { m_answered = true; });
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        m_opening.stop();
        m_connected = true;
        m_since.start();
        m_answered = true;
        m_ping.start(m_pingIntervalMs);
        emit connectedChanged(true);
    });
    connect(&m_socket, &QWebSocket::disconnected, this, &LiveClient::closed);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &LiveClient::received);
}

LiveClient::~LiveClient()
{
    m_socket.disconnect(this);
    m_socket.abort();
}

QUrl LiveClient::liveUrl(const QUrl &server)
{
    QUrl url = server;
    url.setScheme(server.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setPath(QStringLiteral("/v1/live"));
    return url;
}

void LiveClient::addCaCertificates(const QList<QSslCertificate> &certificates)
{
    QSslConfiguration tls = m_socket.sslConfiguration();
    tls.addCaCertificates(certificates);
    m_socket.setSslConfiguration(tls);
}

void LiveClient::start()
{
    m_running = true;
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        open();
}

void LiveClient::stop()
{
    m_running = false;
    m_retry.stop();
    m_opening.stop();
    m_socket.close();
}

void LiveClient::open()
{
    if (!m_running)
        return;
    QNetworkRequest request(m_url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + m_token);
    m_opening.start(m_pingIntervalMs);
    m_socket.open(request);
}

void LiveClient::openingTimedOut()
{
    qCInfo(lcSync) << "live channel: the server did not take the connection in time; trying again";
    m_socket.abort();
    if (m_socket.state() == QAbstractSocket::UnconnectedState && !m_retry.isActive())
        closed(); // in case the abort reported no disconnection (closed() has started the retry when it did)
}

void LiveClient::pingOrDrop()
{
    if (!m_answered) {
        qCInfo(lcSync) << "live channel: no answer to a ping; connecting again";
        m_socket.abort(); // disconnected() follows, and with it a reconnect
        return;
    }
    m_answered = false;
    m_socket.ping();
}

void LiveClient::closed()
{
    m_ping.stop();
    m_opening.stop();
    if (m_connected) {
        m_connected = false;
        emit connectedChanged(false);
        if (m_since.elapsed() >= StableMs)
            m_failures = 0; // a connection that held: the next pause starts from 1 s again
    }
    if (m_socket.closeCode() == QWebSocketProtocol::CloseCodePolicyViolated) {
        qCInfo(lcSync) << "live channel refused:" << m_socket.closeReason();
        m_running = false;
        emit refused();
        return;
    }
    if (!m_running)
        return;
    const int pause = std::min(1000 << std::min(m_failures, 6), 60'000);
    ++m_failures;
    m_retry.start(pause / 2 + int(QRandomGenerator::global()->bounded(pause))); // 0.5x to 1.5x
}

void LiveClient::received(const QByteArray &frame)
{
    auto notify = protocol::decode<protocol::LiveNotify>(frame);
    if (!notify) {
        qCWarning(lcSync) << "live channel: a frame that does not decode:" << notify.message();
        return;
    }
    emit notified(notify->cursor);
}

} // namespace fieldline::sync
