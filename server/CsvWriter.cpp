#include "CsvWriter.h"

namespace fieldline::server {

namespace {

bool needsQuotes(const QByteArray &field)
{
    // Readers drop a byte order mark at the start of a file, so a field that starts with one keeps it in quotes.
    if (field.startsWith("\xEF\xBB\xBF"))
        return true;
    // A semicolon or a tab too: a spreadsheet set to split on them (Excel in many European locales) keeps a quoted
    // field whole, so text after them cannot start a cell of its own (and a formula).
    for (char c : field) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r' || c == ';' || c == '\t')
            return true;
    }
    return false;
}

} // namespace

void CsvWriter::addRecord(const QStringList &fields)
{
    // A lone empty field would be a blank line, which readers skip.
    if (fields.size() == 1 && fields.front().isEmpty()) {
        m_data += "\"\"\r\n";
        return;
    }
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            m_data += ',';
        const QByteArray field = fields[i].toUtf8();
        if (needsQuotes(field)) {
            m_data += '"';
            m_data += QByteArray(field).replace('"', QByteArrayLiteral("\"\""));
            m_data += '"';
        } else {
            m_data += field;
        }
    }
    m_data += "\r\n";
}

} // namespace fieldline::server
