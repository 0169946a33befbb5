#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QtGlobal>

#include <optional>

class QJsonObject;

namespace fieldline::server {

enum class LogFormat {
    Text, ///< "2026-01-31T12:00:00.123Z info fieldline.server: message", for a person at a terminal
    Json, ///< one JSON object per line, for journald and log shippers
};

/** "text" or "json"; nullopt for anything else. */
std::optional<LogFormat> logFormatFromName(const QString &name);

/**
 * fieldline-server's log: every Qt message (qCInfo() and friends, Qt's own warnings included) becomes one line on
 * stderr, in the chosen format. Lines are written whole with one write() each, so a line is never interleaved
 * with another and journald receives one entry per line.
 */
class ServerLog
{
public:
    /**
     * Installs the message handler for @p format; without one, JSON unless stderr is a terminal. Also turns on
     * the access log (category fieldline.server.access, off by default so that tests running the server's
     * classes in-process stay quiet); QT_LOGGING_RULES still overrides both.
     */
    static void install(std::optional<LogFormat> format);

    /** One line, newline included: a message with its context and structured fields at @p time. */
    static QByteArray formatLine(LogFormat format, QtMsgType type, const char *category, const QString &message,
                                 const QJsonObject &fields, const QDateTime &time);
};

} // namespace fieldline::server
