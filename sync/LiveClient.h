#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace fieldline::sync {

/**
 * The device's end of the live channel (WebSocket /v1/live): says "pull now" whenever the server reports that
 * the tenant's cursor moved. Reconnects by itself with pauses from 1 s doubling to 1 minute, each varied by up to
 * half either way so that devices dropped together do not come back together; the pauses start again from 1 s
 * only once a connection lasted StableMs. Stops for good when the server refuses the token (close code 1008),
 * since only a new login can fix that. Pings the server every PingIntervalMs and drops a connection that left a
 * ping unanswered that long (a laptop that slept, a NAT that forgot it), then reconnects. An opening that has not
 * completed its upgrade within one ping interval (a proxy that swallows the request) is given up and retried.
 */
class LiveClient : public QObject
{
    Q_OBJECT
public:
    LiveClient(const QUrl &server, QByteArray token, QObject *parent = nullptr);
    ~LiveClient() override;

    /** Trusts these besides the system's CAs (a private CA, tests). Call before start(). */
    void addCaCertificates(const QList<QSslCertificate> &certificates);
    void start();
    void stop();
    bool isConnected() const { return m_connected; }
    /** Pings every @p intervalMs instead of every PingIntervalMs (tests). Call before start(). */
    void setPingInterval(int intervalMs) { m_pingIntervalMs = intervalMs; }

    static constexpr int PingIntervalMs = 30'000;
    static constexpr qint64 StableMs = 30'000;

    /** ws:// for http://, wss:// for https://, path /v1/live. */
    static QUrl liveUrl(const QUrl &server);

signals:
    void notified(qint64 cursor);
    void connectedChanged(bool connected);
    /** The server refused the token; no more attempts. */
    void refused();

private:
    void open();
    void closed();
    void received(const QByteArray &frame);
    void pingOrDrop();
    void openingTimedOut();

    QUrl m_url;
    QByteArray m_token;
    QWebSocket m_socket;
    QTimer m_retry;
    QTimer m_ping;
    QTimer m_opening;      ///< runs while an opening waits for its upgrade
    QElapsedTimer m_since; ///< since the connection opened
    int m_pingIntervalMs = PingIntervalMs;
    bool m_answered = true; ///< the last ping was answered (or none was sent yet)
    int m_failures = 0;
    bool m_running = false;
    bool m_connected = false;
};

} // namespace fieldline::sync
