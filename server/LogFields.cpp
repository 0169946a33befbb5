#include "LogFields.h"

namespace fieldline::server {

namespace {
thread_local QJsonObject t_fields;
} // namespace

LogFields::LogFields(QJsonObject fields)
    : m_outer(std::exchange(t_fields, std::move(fields)))
{}

LogFields::~LogFields()
{
    t_fields = std::move(m_outer);
}

const QJsonObject &LogFields::current()
{
    return t_fields;
}

} // namespace fieldline::server
