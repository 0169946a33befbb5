#include "ServerLog.h"

#include "LogFields.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

#include <unistd.h>

namespace fieldline::server {

namespace {

LogFormat g_format = LogFormat::Json; // written once by install(), before the event loop starts

QLatin1StringView levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return QLatin1StringView("debug");
    case QtInfoMsg:
        return QLatin1StringView("info");
    case QtWarningMsg:
        return QLatin1StringView("warning");
    case QtCriticalMsg:
        return QLatin1StringView("error");
    case QtFatalMsg:
        return QLatin1StringView("fatal");
    }
    return QLatin1StringView("info");
}

void writeAll(const QByteArray &line)
{
    const char *data = line.constData();
    qsizetype left = line.size();
    while (left > 0) {
        const ssize_t written = ::write(STDERR_FILENO, data, size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return; // nowhere left to report a failing stderr
        data += written;
        left -= written;
    }
}

void handleMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    writeAll(ServerLog::formatLine(g_format, type, context.category, message, LogFields::current(),
                                   QDateTime::currentDateTimeUtc()));
}

} // namespace

std::optional<LogFormat> logFormatFromName(const QString &name)
{
    if (name == QLatin1StringView("text"))
        return LogFormat::Text;
    if (name == QLatin1StringView("json"))
        return LogFormat::Json;
    return std::nullopt;
}

void ServerLog::install(std::optional<LogFormat> format)
{
    g_format = format.value_or(::isatty(STDERR_FILENO) ? LogFormat::Text : LogFormat::Json);
    QLoggingCategory::setFilterRules(QStringLiteral("fieldline.server.access.info=true"));
    qInstallMessageHandler(handleMessage);
}

QByteArray ServerLog::formatLine(LogFormat format, QtMsgType type, const char *category, const QString &message,
                                 const QJsonObject &fields, const QDateTime &time)
{
    const QString timestamp = time.toUTC().toString(Qt::ISODateWithMs);
    const QLatin1StringView categoryName(category ? category : "default");
    if (format == LogFormat::Text)
        return (timestamp + u' ' + levelName(type) + u' ' + categoryName + QLatin1StringView(": ") + message + u'\n')
            .toUtf8();
    // The fixed keys go last so that a field can never overwrite them.
    QJsonObject line = fields;
    line.insert(QLatin1StringView("time"), timestamp);
    line.insert(QLatin1StringView("level"), levelName(type));
    line.insert(QLatin1StringView("category"), categoryName);
    line.insert(QLatin1StringView("message"), message);
    return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace fieldline::server
