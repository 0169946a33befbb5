#include "app/csv/FormulaGuard.h"

#include <QRegularExpression>

namespace fieldline::csv {

bool FormulaGuard::startsAsFormula(const QString &text)
{
    qsizetype at = 0;
    while (at < text.size() && text[at] == u'\'')
        ++at;
    if (at == text.size())
        return false;
    const QChar first = text[at];
    return first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r';
}

QString FormulaGuard::guard(const QString &value)
{
    // A number is no formula, and a phone number in E.164 or a negative amount reads better without the mark.
    static const QRegularExpression number(
        QRegularExpression::anchoredPattern(QStringLiteral("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?")));
    if (!startsAsFormula(value) || number.match(value).hasMatch())
        return value;
    return u'\'' + value;
}

QString FormulaGuard::unguard(const QString &cell)
{
    // Only an apostrophe guard() could have written: one or more, then a formula's start.
    if (cell.startsWith(u'\'') && startsAsFormula(cell))
        return cell.mid(1);
    return cell;
}

} // namespace fieldline::csv
