#include "app/sync/LoginClient.h"

#include "sync/SyncTransport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QTimer>

namespace fieldline::app {

LoginClient::LoginClient(QObject *parent)
    : QObject(parent)
{}

void LoginClient::login(const QUrl &server, const QString &tenant, const QString &user, const QString &password,
                        const QString &deviceName)
{
    if (!sync::HttpSyncTransport::isAllowedUrl(server)) {
        // Queued, so the caller always hears back from the event loop, whatever happened.
        QTimer::singleShot(0, this, [this, server] {
            emit finished({LoginProblem::BadUrl, server.toString(), 0, {}, {}});
        });
        return;
    }
    QUrl url = server;
    url.setPath(QStringLiteral("/v1/login"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(30000);
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("tenant"), tenant},
                                                      {QStringLiteral("login"), user},
                                                      {QStringLiteral("password"), password},
                                                      {QStringLiteral("device"), deviceName}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply = m_network.post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->read(64 * 1024);
        const QJsonObject json = QJsonDocument::fromJson(answer).object();
        LoginResult result;
        if (status == 200 && json.value(QLatin1String("token")).isString()) {
            result.token = json.value(QLatin1String("token")).toString().toLatin1();
            result.role = json.value(QLatin1String("role")).toString();
        } else if (status == 0) {
            result.problem = LoginProblem::Offline;
            result.detail = reply->errorString();
        } else if (status == 401) {
            result.problem = LoginProblem::WrongCredentials;
        } else if (status == 429) {
            result.problem = LoginProblem::Throttled;
            result.retryAfterSeconds = reply->rawHeader(QByteArrayLiteral("Retry-After")).trimmed().toInt();
        } else {
            result.problem = LoginProblem::ServerError;
            result.detail =
                QStringLiteral("HTTP %1: %2").arg(status).arg(json.value(QLatin1String("error")).toString());
        }
        emit finished(result);
    });
}

} // namespace fieldline::app
