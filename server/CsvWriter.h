#pragma once

#include <QByteArray>
#include <QStringList>

namespace fieldline::server {

/**
 * Writes CSV that CsvReader, spreadsheets and RFC 4180 tools read back unchanged: UTF-8 without a byte order
 * mark, CRLF line ends, and a field quoted (quotes doubled) only when it holds a comma, a quote, a line break, a
 * semicolon or a tab.
 */
class CsvWriter
{
public:
    void addRecord(const QStringList &fields);
    const QByteArray &data() const { return m_data; }

private:
    QByteArray m_data;
};

} // namespace fieldline::server
