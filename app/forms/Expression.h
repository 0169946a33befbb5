#pragma once

#include "ExpressionSyntax.h"

#include <QCoreApplication>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <optional>

namespace fieldline::forms {

/** What an expression may read while it is evaluated. */
struct EvaluationContext
{
    /**
     * A field's value by path: "qty" (inside a repeat row, that row's), "items.qty" (the column of a repeat group,
     * as a list), "items" (the group's rows, one non-null item each). Null for an empty field.
     */
    std::function<FormValue(const QString &path)> field;
    QDate today;
    QDateTime now;
};

/** The value an expression computed, or why it could not (with the position of the part that failed). */
struct Evaluation
{
    FormValue value;
    std::optional<ExpressionError> error;

    static Evaluation of(FormValue v) { return Evaluation{std::move(v), std::nullopt}; }
    static Evaluation failure(int position, const QString &message)
    {
        return Evaluation{{}, ExpressionError{position, message}};
    }
};

/**
 * A parsed expression of the forms language (grammar in docs/forms.md): exact decimal numbers, texts, dates,
 * yes/no and null; comparison, and/or/not, arithmetic, function calls and field references. Parsing is a
 * recursive descent over tokens with limits on length and nesting; nothing is ever evaluated as code.
 */
class Expression
{
    Q_DECLARE_TR_FUNCTIONS(Expression)

public:
    static constexpr int MaxLength = 2000;
    static constexpr int MaxDepth = 32;

    /** The expression in @p source, or nullopt with @p error filled. */
    static std::optional<Expression> parse(QStringView source, ExpressionError &error);

    /** Every field path the expression reads, once each, in order of first use. */
    QStringList references() const;
    Evaluation evaluate(const EvaluationContext &context) const;
    const ExpressionNode &root() const { return m_root; }

private:
    explicit Expression(ExpressionNode root)
        : m_root(std::move(root))
    {}
    ExpressionNode m_root;
};

} // namespace fieldline::forms
