#pragma once

#include <QByteArray>
#include <QList>
#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <functional>

namespace fieldline::sync {

/** One answer from the server, or the network failure that stood in for it. */
struct TransportReply
{
    int status = 0;          ///< HTTP status; 0 when no answer came (networkError says why)
    QByteArray body;         ///< at most the transport's answer limit
    QString networkError;    ///< set when status is 0
    qint64 retryAfterMs = 0; ///< from Retry-After, when the server gave one
    QList<std::pair<QByteArray, QByteArray>> headers;

    /** A header of the answer, whatever its case; empty when absent. */
    QByteArray header(QByteArrayView name) const;
    /** What went wrong, in words: the server's own (its CBOR error message), else its status, else why no answer came.
     */
    QString errorText() const;
};

/** A request other than a sync POST: blob uploads and downloads need their verb and headers. */
struct TransportRequest
{
    QByteArray verb = QByteArrayLiteral("POST");
    QString path;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/cbor");
    QList<std::pair<QByteArray, QByteArray>> headers;
};

/** The seam between the sync client and the network, so tests can cut, delay and garble answers. */
class SyncTransport
{
public:
    using Done = std::function<void(const TransportReply &)>;
    virtual ~SyncTransport() = default;
    /** POSTs @p body (CBOR) to @p path with the bearer @p token; @p done runs once, later, on this thread. */
    virtual void post(const QString &path, const QByteArray &body, const QByteArray &token, Done done) = 0;
};

/** SyncTransport over Qt Network: HTTPS, or plain HTTP to a loopback server. */
class HttpSyncTransport final : public SyncTransport
{
public:
    struct Options
    {
        int timeoutMs = 30000;
        qint64 maxAnswerBytes = 32 * 1024 * 1024;   ///< bigger answers are cut off and reported, never buffered
        QList<QSslCertificate> extraCaCertificates; ///< trusted besides the system's (a private CA, tests)
    };

    HttpSyncTransport(QUrl base, Options options);
    HttpSyncTransport(QUrl base)
        : HttpSyncTransport(std::move(base), Options{})
    {}

    /** Requests still in flight are cut off without calling their callbacks. */
    ~HttpSyncTransport() override;

    void post(const QString &path, const QByteArray &body, const QByteArray &token, Done done) override;
    /** Any verb, with extra headers; the same limits, timeout and trust as post(). */
    void send(const TransportRequest &request, const QByteArray &token, Done done);

    /** Plain HTTP is refused unless the host is a loopback address: a token must not cross a network in clear. */
    static bool isAllowedUrl(const QUrl &url);

private:
    QUrl m_base;
    Options m_options;
    QNetworkAccessManager m_network;
};

} // namespace fieldline::sync
