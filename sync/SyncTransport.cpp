#include "sync/SyncTransport.h"

#include "sync/protocol/ProtocolCodec.h"

#include <QHostAddress>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace fieldline::sync {

HttpSyncTransport::HttpSyncTransport(QUrl base, Options options)
    : m_base(std::move(base))
    , m_options(options)
{}

HttpSyncTransport::~HttpSyncTransport()
{
    // The callbacks belong to a client that may be going away too: none may run from here on.
    const QList<QNetworkReply *> replies = m_network.findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies) {
        reply->disconnect();
        reply->abort();
    }
}

bool HttpSyncTransport::isAllowedUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    const QHostAddress address(url.host());
    return url.host() == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
}

QByteArray TransportReply::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QString TransportReply::errorText() const
{
    if (status == 0)
        return networkError;
    auto error = protocol::decode<protocol::ErrorMessage>(body);
    return error ? error->message : QStringLiteral("HTTP %1").arg(status);
}

void HttpSyncTransport::post(const QString &path, const QByteArray &body, const QByteArray &token, Done done)
{
    send(TransportRequest{QByteArrayLiteral("POST"), path, body}, token, std::move(done));
}

void HttpSyncTransport::send(const TransportRequest &what, const QByteArray &token, Done done)
{
    QUrl url = m_base;
    url.setPath(what.path);
    QNetworkRequest request(url);
    if (!what.body.isEmpty() || what.verb != "GET")
        request.setHeader(QNetworkRequest::ContentTypeHeader, what.contentType);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/cbor"));
    for (const auto &[name, value] : what.headers)
        request.setRawHeader(name, value);
    if (!token.isEmpty())
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Bearer " + token);
    request.setTransferTimeout(m_options.timeoutMs);
    if (!m_options.extraCaCertificates.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_options.extraCaCertificates);
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, what.verb, what.body);
    const qint64 limit = m_options.maxAnswerBytes;
    auto tooLarge = std::make_shared<bool>(false);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply, limit, tooLarge](qint64 received, qint64 total) {
                         if (received > limit || total > limit) {
                             *tooLarge = true;
                             reply->abort();
                         }
                     });
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, tooLarge, done = std::move(done)] {
        reply->deleteLater();
        TransportReply answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (*tooLarge) {
            answer.status = 0;
            answer.networkError = QStringLiteral("the server's answer was larger than this device accepts");
        } else if (answer.status == 0) {
            answer.networkError = reply->errorString();
        } else {
            answer.body = reply->readAll();
            answer.headers = reply->rawHeaderPairs();
            bool ok = false;
            const qint64 seconds = reply->rawHeader(QByteArrayLiteral("Retry-After")).trimmed().toLongLong(&ok);
            if (ok && seconds >= 0)
                answer.retryAfterMs = qMin<qint64>(seconds, 24 * 3600) * 1000;
        }
        done(answer);
    });
}

} // namespace fieldline::sync
