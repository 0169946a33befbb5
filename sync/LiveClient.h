#pragma once

#include <QByteArray>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <QWebSocket>

namespace fieldline::sync {

/**
 * The device's end of the live channel (WebSocket /v1/live): says "pull now" whenever the server reports that
 * the tenant's cursor moved. Reconnects by itself with pauses from 1 s doubling to 1 minute; stops for good
 * when the server refuses the token (close code 1008), since only a new login can fix that.
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

    QUrl m_url;
    QByteArray m_token;
    QWebSocket m_socket;
    QTimer m_retry;
    int m_failures = 0;
    bool m_running = false;
    bool m_connected = false;
};

} // namespace fieldline::sync
