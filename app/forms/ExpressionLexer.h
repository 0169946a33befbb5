#pragma once

#include "ExpressionSyntax.h"

#include <QStringView>

#include <optional>

namespace fieldline::forms {

struct Token
{
    enum class Kind { End, Number, Text, Name, Keyword, Symbol };
    Kind kind = Kind::End;
    int position = 0; ///< 1-based
    QString text;     ///< the number's digits, the text's content (unescaped), the name, keyword or symbol
};

/**
 * Splits an expression into tokens: numbers (12, 0.5), texts in single or double quotes (\\, \', \" and \n
 * escapes), names (letters, digits and _, dotted for a repeat group's field: items.qty), the keywords and, or,
 * not, true, false and null, and the symbols ( ) , + - * / % = != < <= > >=.
 */
class ExpressionLexer
{
    Q_DECLARE_TR_FUNCTIONS(ExpressionLexer)

public:
    explicit ExpressionLexer(QStringView source)
        : m_source(source)
    {}

    /** The next token, or the error that stops the expression. */
    std::optional<Token> next(ExpressionError &error);

private:
    std::optional<Token> number(ExpressionError &error);
    std::optional<Token> quoted(ExpressionError &error);
    Token name();

    QStringView m_source;
    qsizetype m_at = 0;
};

} // namespace fieldline::forms
