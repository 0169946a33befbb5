#pragma once

#include <QString>

namespace fieldline::csv {

/**
 * Keeps exported text from running as a spreadsheet formula (CSV injection: a note typed as
 * `=HYPERLINK(...)` or `-2+3+cmd|...`) and reads it back unchanged.
 *
 * On export, text that starts with = + - @, a tab or a carriage return, after any apostrophes, gets one more
 * apostrophe in front, which spreadsheets show as text; a plain number (-5, +4930123456, 1.5e3) is left as it is.
 * On import one such apostrophe is dropped again, so what an export wrote reads back as the stored value, and a
 * file a spreadsheet saved (which never writes the apostrophe) reads as it shows.
 */
class FormulaGuard
{
public:
    /** The text to write for @p value. */
    static QString guard(const QString &value);
    /** The value a cell written by guard() (or typed without the apostrophe) stands for. */
    static QString unguard(const QString &cell);

private:
    /** Whether @p text, after its leading apostrophes, starts as a formula would. */
    static bool startsAsFormula(const QString &text);
};

} // namespace fieldline::csv
