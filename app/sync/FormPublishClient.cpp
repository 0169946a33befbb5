#include "app/sync/FormPublishClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace fieldline::app {

FormPublishClient::FormPublishClient(QObject *parent)
    : QObject(parent)
{}

void FormPublishClient::publish(const QUrl &server, const QString &tenant, const QByteArray &token,
                                const QByteArray &json, Done done)
{
    QUrl url = server;
    url.setPath(QStringLiteral("/v1/admin/tenants/%1/forms").arg(QString::fromUtf8(QUrl::toPercentEncoding(tenant))),
                QUrl::TolerantMode);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(TimeoutMs);
    QNetworkReply *reply = m_network.post(request, json);
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject answer = QJsonDocument::fromJson(reply->read(1 << 20)).object();
        const QString form = answer.value(QLatin1String("form")).toString();
        const qint64 version = answer.value(QLatin1String("version")).toInteger();
        switch (status) {
        case 201:
            return done(
                true,
                tr("Published version %1 of %2; devices receive it with their next sync.").arg(version).arg(form));
        case 200:
            return done(true, tr("Version %1 of %2 was already published as it is.").arg(version).arg(form));
        case 400: {
            const QJsonArray errors = answer.value(QLatin1String("errors")).toArray();
            const QJsonObject first = errors.isEmpty() ? QJsonObject() : errors.first().toObject();
            return done(false, tr("The server refused the layout: %1 %2")
                                   .arg(first.value(QLatin1String("path")).toString(),
                                        first.value(QLatin1String("message")).toString()));
        }
        case 401:
        case 403:
        case 404:
            return done(false, tr("Only an administrator of this organisation may publish forms."));
        case 0:
            return done(false, tr("The server could not be reached: %1").arg(reply->errorString()));
        default:
            return done(false, tr("The server refused the layout (HTTP %1): %2")
                                   .arg(status)
                                   .arg(answer.value(QLatin1String("error")).toString()));
        }
    });
}

} // namespace fieldline::app
