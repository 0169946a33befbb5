#include "ExpressionLexer.h"

#include "Decimal.h"

namespace fieldline::forms {

namespace {

bool isNameStart(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
}

bool isNamePart(QChar c)
{
    return isNameStart(c) || (c >= u'0' && c <= u'9');
}

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

} // namespace

std::optional<Token> ExpressionLexer::next(ExpressionError &error)
{
    while (m_at < m_source.size() && m_source[m_at].isSpace())
        ++m_at;
    if (m_at >= m_source.size())
        return Token{Token::Kind::End, int(m_at) + 1, {}};
    const QChar c = m_source[m_at];
    if (isDigit(c) || (c == u'.' && m_at + 1 < m_source.size() && isDigit(m_source[m_at + 1])))
        return number(error);
    if (c == u'\'' || c == u'"')
        return quoted(error);
    if (isNameStart(c))
        return name();
    const int position = int(m_at) + 1;
    const QStringView two = m_source.mid(m_at, 2);
    for (const char *symbol : {"!=", "<=", ">="}) {
        if (two == QLatin1String(symbol)) {
            m_at += 2;
            return Token{Token::Kind::Symbol, position, QString::fromLatin1(symbol)};
        }
    }
    if (QStringView(u"(),+-*/%=<>").contains(c)) {
        ++m_at;
        return Token{Token::Kind::Symbol, position, QString(c)};
    }
    error = {position, tr("The character '%1' has no meaning in an expression.").arg(c)};
    return std::nullopt;
}

std::optional<Token> ExpressionLexer::number(ExpressionError &error)
{
    const qsizetype start = m_at;
    bool point = false;
    while (m_at < m_source.size() && (isDigit(m_source[m_at]) || (m_source[m_at] == u'.' && !point))) {
        point = point || m_source[m_at] == u'.';
        ++m_at;
    }
    const QString digits = m_source.mid(start, m_at - start).toString();
    if (m_at < m_source.size() && isNamePart(m_source[m_at])) {
        error = {int(m_at) + 1, tr("A number cannot run into a name; put a space or an operator between them.")};
        return std::nullopt;
    }
    if (!Decimal::parse(digits)) {
        error = {int(start) + 1, tr("A number may have at most %1 digits, %2 of them after the point.")
                                     .arg(Decimal::MaxDigits)
                                     .arg(Decimal::MaxScale)};
        return std::nullopt;
    }
    return Token{Token::Kind::Number, int(start) + 1, digits};
}

std::optional<Token> ExpressionLexer::quoted(ExpressionError &error)
{
    const qsizetype start = m_at;
    const QChar quote = m_source[m_at++];
    QString text;
    while (m_at < m_source.size()) {
        const QChar c = m_source[m_at++];
        if (c == quote)
            return Token{Token::Kind::Text, int(start) + 1, text};
        if (c != u'\\') {
            text.append(c);
            continue;
        }
        if (m_at >= m_source.size())
            break;
        const QChar escaped = m_source[m_at++];
        if (escaped == u'n')
            text.append(u'\n');
        else if (escaped == u'\\' || escaped == u'\'' || escaped == u'"')
            text.append(escaped);
        else {
            error = {int(m_at) - 1, tr("Unknown escape '\\%1' in a text; use \\\\, \\', \\\" or \\n.").arg(escaped)};
            return std::nullopt;
        }
    }
    error = {int(start) + 1, tr("The text that starts here has no closing quote.")};
    return std::nullopt;
}

Token ExpressionLexer::name()
{
    const qsizetype start = m_at;
    while (m_at < m_source.size() &&
           (isNamePart(m_source[m_at]) ||
            (m_source[m_at] == u'.' && m_at + 1 < m_source.size() && isNameStart(m_source[m_at + 1]))))
        ++m_at;
    const QString word = m_source.mid(start, m_at - start).toString();
    static const QStringList keywords{QStringLiteral("and"),  QStringLiteral("or"),    QStringLiteral("not"),
                                      QStringLiteral("true"), QStringLiteral("false"), QStringLiteral("null")};
    return Token{keywords.contains(word) ? Token::Kind::Keyword : Token::Kind::Name, int(start) + 1, word};
}

} // namespace fieldline::forms
