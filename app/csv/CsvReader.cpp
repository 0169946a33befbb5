#include "app/csv/CsvReader.h"

#include <QByteArray>
#include <QStringDecoder>

namespace fieldline::csv {

namespace {

/** The reading state of one pass over the bytes; one record at a time. */
class Scanner
{
public:
    Scanner(QByteArrayView data, const CsvReader::Limits &limits, CsvDocument &out)
        : m_data(data)
        , m_limits(limits)
        , m_out(out)
    {}

    void run()
    {
        if (m_data.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        while (m_pos < m_data.size()) {
            if (!readRecord())
                return;
        }
    }

private:
    bool atEnd() const { return m_pos >= m_data.size(); }
    char peek() const { return m_data[m_pos]; }
    static bool isLineBreak(char c) { return c == '\n' || c == '\r'; }

    /** Consumes one line break (CRLF counts once) and moves to the next line. */
    void takeLineBreak()
    {
        if (peek() == '\r' && m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '\n')
            ++m_pos;
        ++m_pos;
        ++m_line;
    }

    void problem(qsizetype line, const QString &message) { m_out.problems.push_back({line, message}); }

    /** Skips what is left of a bad record up to its line break, so the next record starts cleanly. */
    void skipToLineEnd()
    {
        while (!atEnd() && !isLineBreak(peek()))
            ++m_pos;
        if (!atEnd())
            takeLineBreak();
    }

    /** A quoted field from its opening quote; false when the file ends before the closing quote. */
    bool readQuoted(QByteArray &field, qsizetype recordLine)
    {
        ++m_pos;
        while (!atEnd()) {
            const char c = peek();
            if (c == '"') {
                if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '"') {
                    field += '"';
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                return true;
            }
            // Line breaks inside quotes are kept as written; only the line count follows them.
            if (c == '\n' || (c == '\r' && (m_pos + 1 >= m_data.size() || m_data[m_pos + 1] != '\n')))
                ++m_line;
            field += c;
            ++m_pos;
        }
        problem(recordLine, CsvReader::tr("a quoted field starts on this line and is never closed"));
        return false;
    }

    /** Reads one record and appends it (or its problem); false when the rest of the file cannot be read. */
    bool readRecord()
    {
        const qsizetype recordLine = m_line;
        QStringList fields;
        bool quotedAny = false;
        while (true) {
            if (fields.size() >= m_limits.maxFields) {
                problem(recordLine, CsvReader::tr("more than %1 fields").arg(m_limits.maxFields));
                skipToLineEnd();
                return true;
            }
            QByteArray field;
            if (!atEnd() && peek() == '"') {
                quotedAny = true;
                if (!readQuoted(field, recordLine))
                    return false;
                if (!atEnd() && peek() != ',' && !isLineBreak(peek())) {
                    problem(recordLine,
                            CsvReader::tr("text after the closing quote of field %1 (a quote inside a quoted "
                                          "field is written as two quotes)")
                                .arg(fields.size() + 1));
                    skipToLineEnd();
                    return true;
                }
            } else {
                const qsizetype start = m_pos;
                while (!atEnd() && peek() != ',' && !isLineBreak(peek()))
                    ++m_pos;
                field = m_data.sliced(start, m_pos - start).toByteArray();
            }
            if (!QByteArrayView(field).isValidUtf8()) {
                problem(recordLine,
                        CsvReader::tr("field %1 is not UTF-8 text (save the file as UTF-8)").arg(fields.size() + 1));
                skipToLineEnd();
                return true;
            }
            fields.append(m_decoder(field));
            if (atEnd())
                break;
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            takeLineBreak();
            break;
        }
        const bool blank = fields.size() == 1 && fields.front().isEmpty() && !quotedAny;
        if (!blank)
            m_out.records.push_back({recordLine, std::move(fields)});
        return true;
    }

    QByteArrayView m_data;
    // QString::fromUtf8 drops a byte order mark at the start of every field; only the file's own is dropped here.
    QStringDecoder m_decoder{QStringDecoder::Utf8,
                             QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom};
    const CsvReader::Limits &m_limits;
    CsvDocument &m_out;
    qsizetype m_pos = 0;
    qsizetype m_line = 1;
};

} // namespace

QString CsvProblem::toString() const
{
    return line > 0 ? CsvReader::tr("line %1: %2").arg(QString::number(line), message) : message;
}

CsvDocument CsvReader::read(QByteArrayView data) const
{
    CsvDocument document;
    if (data.size() > m_limits.maxBytes) {
        document.tooLarge = true;
        document.problems.push_back(
            {0, CsvReader::tr("the file is larger than %1 bytes; split it into smaller files").arg(m_limits.maxBytes)});
        return document;
    }
    Scanner(data, m_limits, document).run();
    return document;
}

} // namespace fieldline::csv
