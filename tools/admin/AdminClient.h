#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fieldline::admin {

/** One answer from the server, or why there was none. */
struct AdminReply
{
    int status = 0; ///< 0 when no HTTP answer came
    QByteArray body;
    QString networkError;        ///< set when status is 0
    bool mayHaveArrived = false; ///< status 0, but the request may have reached the server (a timeout, a cut)
    QByteArray rowCount;         ///< the X-Row-Count header of an export
    int retryAfterSeconds = 0;   ///< the Retry-After header of a 429

    bool succeeded() const { return status >= 200 && status < 300; }
    QJsonObject json() const;
    /** One line for the user: the server's message with the HTTP status, or the network error. */
    QString failureMessage(const QUrl &server) const;
};

/**
 * Blocking JSON client for /v1/admin: sends the bearer token, waits for the answer with a timeout. Path segments
 * are percent-encoded here, so a login with spaces or '@' reaches the server intact. A 429 (the server is hashing
 * many passwords at once) is sent again after its Retry-After, up to MaxAttempts times in all.
 */
class AdminClient
{
public:
    AdminClient(QUrl server, QByteArray token, int timeoutMs = 60'000);

    AdminReply get(const QStringList &pathSegments);
    AdminReply post(const QStringList &pathSegments, const QJsonObject &body = {});
    /** POST of a body that is not JSON, such as a CSV file; @p query is added to the URL (e.g. region=US). */
    AdminReply post(const QStringList &pathSegments, const QByteArray &body, const QByteArray &contentType,
                    const QString &query = QString());
    const QUrl &server() const { return m_server; }
    /** Waits up to @p ms for data of each answer from now on (a large import is checked and written in one go). */
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    static constexpr int MaxAttempts = 5;
    static constexpr int MaxRetryAfterSeconds = 30; ///< a longer wait is reported, not waited for

private:
    AdminReply sendOnce(const QByteArray &verb, const QUrl &url, const QByteArray &body, const QByteArray &contentType);
    AdminReply send(const QByteArray &verb, const QStringList &pathSegments, const QByteArray &body,
                    const QByteArray &contentType = QByteArrayLiteral("application/json"),
                    const QString &query = QString());

    QNetworkAccessManager m_network;
    QUrl m_server;
    QByteArray m_token;
    int m_timeoutMs;
};

} // namespace fieldline::admin
