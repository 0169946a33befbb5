#include "AccessLog.h"

#include "LogFields.h"
#include "RequestStartRule.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaEnum>

// Off by default; ServerLog::install() turns it on in the server process.
Q_LOGGING_CATEGORY(lcAccess, "fieldline.server.access", QtWarningMsg)

namespace fieldline::server {

namespace {

/** A path longer than this is cut, so that a client cannot make log lines of any length. */
constexpr qsizetype MaxLoggedPath = 256;

QString methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QString::fromLatin1(key).toUpper() : QStringLiteral("UNKNOWN");
}

} // namespace

AccessLog::AccessLog(QHttpServer &http)
{
    m_clock.start();
    RequestStartRule::install(http, [this] { started(); });
    http.afterRequest([this](QHttpServerResponse &&response, const QHttpServerRequest &request) {
        write(pending(request), int(response.statusCode()));
        return std::move(response);
    });
}

void AccessLog::started()
{
    m_startNs = m_clock.nsecsElapsed();
    m_tenantId = 0;
}

AccessLog::Record AccessLog::pending(const QHttpServerRequest &request) const
{
    if (!lcAccess().isInfoEnabled())
        return {};
    return Record{methodName(request.method()), request.url().path(QUrl::FullyEncoded).left(MaxLoggedPath),
                  request.remoteAddress().toString(), m_tenantId, m_startNs};
}

void AccessLog::write(const Record &record, int status) const
{
    if (record.method.isEmpty() || !lcAccess().isInfoEnabled())
        return;
    const double durationMs = double((m_clock.nsecsElapsed() - record.startNs) / 1000) / 1000.0;
    QJsonObject fields{{QStringLiteral("method"), record.method},
                       {QStringLiteral("path"), record.path},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("duration_ms"), durationMs},
                       {QStringLiteral("remote"), record.remote}};
    if (record.tenantId != 0)
        fields.insert(QStringLiteral("tenant_id"), record.tenantId);
    const LogFields scope(std::move(fields));
    QString line = record.method + u' ' + record.path + u' ' + QString::number(status) + u' ' +
                   QString::number(durationMs, 'f', 3) + QLatin1StringView(" ms from ") + record.remote;
    if (record.tenantId != 0)
        line += QLatin1StringView(" tenant ") + QString::number(record.tenantId);
    qCInfo(lcAccess).noquote() << line;
}

} // namespace fieldline::server
