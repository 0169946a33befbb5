#pragma once

#include <QJsonObject>

namespace fieldline::server {

/**
 * Structured fields for the log records written while an instance lives, on this thread. Qt's message handler
 * sees only a string, so a record that has fields (the access log's method, path, status...) sets them in a scope
 * around its qCInfo(); the JSON log adds them to the line, the text log shows only the message.
 */
class LogFields
{
public:
    explicit LogFields(QJsonObject fields);
    ~LogFields();
    LogFields(const LogFields &) = delete;
    LogFields &operator=(const LogFields &) = delete;

    /** The fields of the innermost live scope on this thread (empty outside any). */
    static const QJsonObject &current();

private:
    QJsonObject m_outer;
};

} // namespace fieldline::server
