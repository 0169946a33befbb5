#pragma once

#include "FormValue.h"

#include <QString>

#include <vector>

namespace fieldline::forms {

/** A problem in an expression: where (1-based character position) and what, in words a form author reads. */
struct ExpressionError
{
    int position = 0;
    QString message;
};

enum class Operator {
    Or,
    And,
    Not,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Negate
};

/** One node of a parsed expression; positions are 1-based characters in the source text. */
struct ExpressionNode
{
    enum class Kind { Literal, Field, Unary, Binary, Call };

    Kind kind = Kind::Literal;
    int position = 0;
    FormValue literal;                ///< Literal
    QString name;                     ///< Field: the path ("qty", "items.qty"); Call: the function
    Operator op = Operator::Add;      ///< Unary, Binary
    std::vector<ExpressionNode> args; ///< operands or arguments, in order
};

/** The source spelling of an operator, for messages. */
QString operatorText(Operator op);

} // namespace fieldline::forms
