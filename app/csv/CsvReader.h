#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <vector>

namespace fieldline::csv {

/** One record of a CSV file: its fields and the line it starts on (1-based, as an editor counts lines). */
struct CsvRecord
{
    qsizetype line = 0;
    QStringList fields;
};

/** Why a line of a CSV file cannot be used; line 0 is the file as a whole. */
struct CsvProblem
{
    qsizetype line = 0;
    QString message; ///< a phrase without the line number: "6 fields, the header has 5"

    /** "line 40: 6 fields, the header has 5", or the message alone for the whole file. */
    QString toString() const;
};

/** What CsvReader::read() found: the records it could read and a problem for every line it could not. */
struct CsvDocument
{
    std::vector<CsvRecord> records;
    std::vector<CsvProblem> problems;
    bool tooLarge = false; ///< over maxBytes: nothing was parsed
};

/**
 * Reads CSV as RFC 4180 writes it, plus what spreadsheets actually save: fields quoted with doubled quotes
 * inside, line breaks inside quoted fields, CRLF, LF or CR line ends, a UTF-8 byte order mark, and no line
 * break after the last record. Blank lines are skipped. A quote inside an unquoted field is kept as text
 * (5" pipe), since that is how people type inches and spreadsheets read it.
 *
 * The reader does not stop at the first bad line: a paying admin fixes a file in one pass, so every record
 * with a problem (text after a closing quote, invalid UTF-8, too many fields) is reported with its line and
 * left out. An unclosed quote swallows the rest of the file, so it ends the reading. Field counts are not
 * compared here; that is the table's business (see CsvImport).
 *
 * Problems are in the reader's language (tr(); the server has no translation, so English). Limits are checked
 * before anything is parsed (size) or allocated (fields per record), so a hostile body
 * costs at most maxBytes of input.
 */
class CsvReader
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    struct Limits
    {
        qsizetype maxBytes = 8 << 20;
        qsizetype maxFields = 256; ///< per record
    };

    explicit CsvReader(Limits limits)
        : m_limits(limits)
    {}

    CsvDocument read(QByteArrayView data) const;
    const Limits &limits() const { return m_limits; }

private:
    Limits m_limits;
};

} // namespace fieldline::csv
