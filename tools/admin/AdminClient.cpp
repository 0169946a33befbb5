#include "AdminClient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

namespace fieldline::admin {

QJsonObject AdminReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString AdminReply::failureMessage(const QUrl &server) const
{
    if (status == 0)
        return QStringLiteral("cannot reach %1: %2").arg(server.toDisplayString(), networkError);
    // Admin errors are {"error": "..."}; size limits and malformed input answer in plain text.
    QString message = json().value(QLatin1String("error")).toString();
    if (message.isEmpty())
        message = QString::fromUtf8(body).simplified().left(300);
    if (message.isEmpty())
        message = QStringLiteral("the server refused the request");
    return QStringLiteral("%1 (HTTP %2)").arg(message).arg(status);
}

AdminClient::AdminClient(QUrl server, QByteArray token, int timeoutMs)
    : m_server(std::move(server))
    , m_token(std::move(token))
    , m_timeoutMs(timeoutMs)
{}

AdminReply AdminClient::get(const QStringList &pathSegments)
{
    return send(QByteArrayLiteral("GET"), pathSegments, {});
}

AdminReply AdminClient::post(const QStringList &pathSegments, const QJsonObject &body)
{
    return send(QByteArrayLiteral("POST"), pathSegments, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

AdminReply AdminClient::post(const QStringList &pathSegments, const QByteArray &body, const QByteArray &contentType,
                             const QString &query)
{
    return send(QByteArrayLiteral("POST"), pathSegments, body, contentType, query);
}

AdminReply AdminClient::send(const QByteArray &verb, const QStringList &pathSegments, const QByteArray &body,
                             const QByteArray &contentType, const QString &query)
{
    // Keeps a path prefix of the server URL, for a server behind a reverse proxy at https://host/fieldline/.
    QString path = m_server.path(QUrl::FullyEncoded);
    while (path.endsWith(u'/'))
        path.chop(1);
    for (const QString &segment : pathSegments)
        path += u'/' + QString::fromLatin1(QUrl::toPercentEncoding(segment));
    QUrl url = m_server;
    url.setPath(path, QUrl::TolerantMode);
    url.setQuery(query);
    for (int attempt = 1;; ++attempt) {
        AdminReply reply = sendOnce(verb, url, body, contentType);
        // A 429 was not carried out: sending it again is safe.
        const int wait = reply.status == 429 ? reply.retryAfterSeconds : 0;
        if (wait <= 0 || wait > MaxRetryAfterSeconds || attempt == MaxAttempts)
            return reply;
        QThread::sleep(wait);
    }
}

AdminReply AdminClient::sendOnce(const QByteArray &verb, const QUrl &url, const QByteArray &body,
                                 const QByteArray &contentType)
{
    QNetworkRequest request(url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + m_token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    QBuffer buffer;
    buffer.setData(body);
    buffer.open(QIODevice::ReadOnly);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body.isEmpty() ? nullptr : &buffer);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();

    AdminReply result;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        result.status = status.toInt();
        result.body = reply->readAll();
        result.rowCount = reply->rawHeader(QByteArrayLiteral("X-Row-Count"));
        result.retryAfterSeconds = reply->rawHeader(QByteArrayLiteral("Retry-After")).toInt();
    } else {
        result.networkError = reply->errorString();
        const QNetworkReply::NetworkError error = reply->error();
        result.mayHaveArrived = error != QNetworkReply::ConnectionRefusedError &&
                                error != QNetworkReply::HostNotFoundError &&
                                error != QNetworkReply::SslHandshakeFailedError;
    }
    reply->deleteLater();
    return result;
}

} // namespace fieldline::admin
