#include "AccessLog.h"

#include "LogFields.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerRouterRule>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMetaEnum>

// Off by default; ServerLog::install() turns it on in the server process.
Q_LOGGING_CATEGORY(lcAccess, "fieldline.server.access", QtWarningMsg)

namespace fieldline::server {

namespace {

/** A path longer than this is cut, so that a client cannot make log lines of any length. */
constexpr qsizetype MaxLoggedPath = 256;

/**
 * Qt 6.4 has a hook after a route's answer (afterRequest) but none before the route runs. The router tries its
 * rules in the order they were added, so a first rule that never matches sees every request as it starts.
 */
class StopwatchRule : public QHttpServerRouterRule
{
public:
    StopwatchRule(const QString &pattern, std::function<void()> onRequest, RouterHandler handler)
        : QHttpServerRouterRule(pattern, std::move(handler))
        , m_onRequest(std::move(onRequest))
    {}

protected:
    bool matches(const QHttpServerRequest &, QRegularExpressionMatch *) const override
    {
        m_onRequest();
        return false;
    }

private:
    std::function<void()> m_onRequest;
};

QString methodName(QHttpServerRequest::Method method)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(int(method));
    return key ? QString::fromLatin1(key).toUpper() : QStringLiteral("UNKNOWN");
}

} // namespace

AccessLog::AccessLog(QHttpServer &http)
{
    m_timer.start();
    // The rule's handler never runs (matches() always declines), but QHttpServer::route() needs one.
    http.route<StopwatchRule>(
        QStringLiteral("/"), [this] { started(); },
        [](const QHttpServerRequest &) { return QHttpServerResponse(QHttpServerResponse::StatusCode::NotFound); });
    http.afterRequest([this](QHttpServerResponse &&response, const QHttpServerRequest &request) {
        finished(request, int(response.statusCode()));
        return std::move(response);
    });
}

void AccessLog::started()
{
    m_timer.restart();
    m_tenantId = 0;
}

void AccessLog::finished(const QHttpServerRequest &request, int status)
{
    if (!lcAccess().isInfoEnabled())
        return;
    const double durationMs = double(m_timer.nsecsElapsed() / 1000) / 1000.0;
    const QString method = methodName(request.method());
    const QString path = request.url().path(QUrl::FullyEncoded).left(MaxLoggedPath);
    const QString remote = request.remoteAddress().toString();
    QJsonObject fields{{QStringLiteral("method"), method},
                       {QStringLiteral("path"), path},
                       {QStringLiteral("status"), status},
                       {QStringLiteral("duration_ms"), durationMs},
                       {QStringLiteral("remote"), remote}};
    if (m_tenantId != 0)
        fields.insert(QStringLiteral("tenant_id"), m_tenantId);
    const LogFields scope(std::move(fields));
    QString line = method + u' ' + path + u' ' + QString::number(status) + u' ' + QString::number(durationMs, 'f', 3) +
                   QLatin1StringView(" ms from ") + remote;
    if (m_tenantId != 0)
        line += QLatin1StringView(" tenant ") + QString::number(m_tenantId);
    qCInfo(lcAccess).noquote() << line;
}

} // namespace fieldline::server
