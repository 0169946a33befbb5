#include "Expression.h"
#include "ExpressionFunctions.h"

namespace fieldline::forms {

namespace {

using Type = FormValue::Type;

/**
 * Walks the tree. Nulls propagate through arithmetic and ordering (an empty field makes a total empty, not an
 * error); and/or follow three-valued logic (false and null is false, true or null is true); = and != compare any
 * two values, null equal only to null; if() takes its second argument when the condition is true and its third
 * when it is false or null.
 */
class Evaluator
{
    Q_DECLARE_TR_FUNCTIONS(fieldline::forms::Expression)

public:
    explicit Evaluator(const EvaluationContext &context)
        : m_context(context)
    {}

    Evaluation eval(const ExpressionNode &node)
    {
        switch (node.kind) {
        case ExpressionNode::Kind::Literal:
            return Evaluation::of(node.literal);
        case ExpressionNode::Kind::Field:
            return Evaluation::of(m_context.field ? m_context.field(node.name) : FormValue());
        case ExpressionNode::Kind::Unary:
            return unary(node);
        case ExpressionNode::Kind::Binary:
            if (node.op == Operator::And || node.op == Operator::Or)
                return logical(node);
            return binary(node);
        case ExpressionNode::Kind::Call:
            return call(node);
        }
        return Evaluation::failure(node.position, {});
    }

private:
    /** The operand as yes/no (or null), or the error saying it is not one. */
    Evaluation truth(const ExpressionNode &node)
    {
        Evaluation e = eval(node);
        if (!e.error && e.value.type() != Type::Boolean && !e.value.isNull())
            return Evaluation::failure(node.position,
                                       tr("Expected yes/no here, not %1.").arg(FormValue::typeName(e.value.type())));
        return e;
    }

    Evaluation unary(const ExpressionNode &node)
    {
        if (node.op == Operator::Not) {
            Evaluation e = truth(node.args[0]);
            if (e.error || e.value.isNull())
                return e;
            return Evaluation::of(FormValue::boolean(!e.value.toBool()));
        }
        Evaluation e = eval(node.args[0]);
        if (e.error || e.value.isNull())
            return e;
        if (e.value.type() != Type::Number)
            return Evaluation::failure(
                node.position, tr("Only a number can be negated, not %1.").arg(FormValue::typeName(e.value.type())));
        return Evaluation::of(FormValue::number(e.value.toNumber().negated()));
    }

    Evaluation logical(const ExpressionNode &node)
    {
        const bool isAnd = node.op == Operator::And;
        Evaluation left = truth(node.args[0]);
        if (left.error)
            return left;
        // Short circuit: the right side of "false and ..." or "true or ..." is never looked at.
        if (!left.value.isNull() && left.value.toBool() != isAnd)
            return left;
        Evaluation right = truth(node.args[1]);
        if (right.error)
            return right;
        if (!right.value.isNull() && right.value.toBool() != isAnd)
            return right;
        if (left.value.isNull() || right.value.isNull())
            return Evaluation::of(FormValue());
        return Evaluation::of(FormValue::boolean(isAnd));
    }

    Evaluation binary(const ExpressionNode &node)
    {
        Evaluation left = eval(node.args[0]);
        if (left.error)
            return left;
        Evaluation right = eval(node.args[1]);
        if (right.error)
            return right;
        const FormValue &a = left.value;
        const FormValue &b = right.value;
        if (node.op == Operator::Equal || node.op == Operator::NotEqual)
            return equality(node, a, b);
        if (a.isNull() || b.isNull())
            return Evaluation::of(FormValue());
        switch (node.op) {
        case Operator::Less:
        case Operator::LessOrEqual:
        case Operator::Greater:
        case Operator::GreaterOrEqual:
            return ordering(node, a, b);
        default:
            return arithmetic(node, a, b);
        }
    }

    Evaluation mismatch(const ExpressionNode &node, const FormValue &a, const FormValue &b)
    {
        return Evaluation::failure(node.position, tr("The operator '%1' cannot combine %2 and %3.")
                                                      .arg(operatorText(node.op), FormValue::typeName(a.type()),
                                                           FormValue::typeName(b.type())));
    }

    Evaluation equality(const ExpressionNode &node, const FormValue &a, const FormValue &b)
    {
        if (!a.isNull() && !b.isNull() && a.type() != b.type())
            return mismatch(node, a, b);
        const bool equal = a == b;
        return Evaluation::of(FormValue::boolean(node.op == Operator::Equal ? equal : !equal));
    }

    Evaluation ordering(const ExpressionNode &node, const FormValue &a, const FormValue &b)
    {
        const std::optional<int> ordered = FormValue::order(a, b);
        if (!ordered)
            return mismatch(node, a, b);
        const int order = *ordered;
        const bool result = node.op == Operator::Less          ? order < 0
                            : node.op == Operator::LessOrEqual ? order <= 0
                            : node.op == Operator::Greater     ? order > 0
                                                               : order >= 0;
        return Evaluation::of(FormValue::boolean(result));
    }

    Evaluation arithmetic(const ExpressionNode &node, const FormValue &a, const FormValue &b)
    {
        if (a.type() == Type::Number && b.type() == Type::Number)
            return numbers(node, a.toNumber(), b.toNumber());
        if (node.op == Operator::Add && a.type() == Type::Text && b.type() == Type::Text)
            return Evaluation::of(FormValue::text(a.toText() + b.toText()));
        if (node.op == Operator::Subtract && a.type() == Type::Date && b.type() == Type::Date)
            return Evaluation::of(FormValue::number(Decimal::fromInt(b.toDate().daysTo(a.toDate()))));
        // A date plus or minus a whole number of days.
        const bool dateFirst = a.type() == Type::Date && b.type() == Type::Number;
        const bool dateSecond = node.op == Operator::Add && a.type() == Type::Number && b.type() == Type::Date;
        if ((node.op == Operator::Add || node.op == Operator::Subtract) && (dateFirst || dateSecond)) {
            const FormValue &days = dateFirst ? b : a;
            const std::optional<qint64> whole = days.toNumber().toInt64();
            if (!whole || *whole > 3'000'000 || *whole < -3'000'000)
                return Evaluation::failure(node.position,
                                           tr("A date moves by a whole number of days (at most 3,000,000)."));
            const QDate date = (dateFirst ? a : b).toDate();
            const QDate moved = date.addDays(node.op == Operator::Add ? *whole : -*whole);
            return moved.isValid() ? Evaluation::of(FormValue::date(moved)) : Evaluation::of(FormValue());
        }
        return mismatch(node, a, b);
    }

    Evaluation numbers(const ExpressionNode &node, const Decimal &a, const Decimal &b)
    {
        if ((node.op == Operator::Divide || node.op == Operator::Remainder) && b.isZero())
            return Evaluation::failure(node.position, tr("Division by zero."));
        std::optional<Decimal> result;
        switch (node.op) {
        case Operator::Add:
            result = a.plus(b);
            break;
        case Operator::Subtract:
            result = a.minus(b);
            break;
        case Operator::Multiply:
            result = a.times(b);
            break;
        case Operator::Divide:
            result = a.dividedBy(b);
            break;
        case Operator::Remainder:
            result = a.remainder(b);
            break;
        default:
            break;
        }
        if (!result)
            return Evaluation::failure(node.position, tr("The result is too large for a number."));
        return Evaluation::of(FormValue::number(*result));
    }

    Evaluation call(const ExpressionNode &node)
    {
        if (node.name == QLatin1String("if")) {
            Evaluation condition = truth(node.args[0]);
            if (condition.error)
                return condition;
            return eval(node.args[condition.value.toBool() ? 1 : 2]);
        }
        std::vector<FormValue> args;
        args.reserve(node.args.size());
        for (const ExpressionNode &arg : node.args) {
            Evaluation e = eval(arg);
            if (e.error)
                return e;
            args.push_back(std::move(e.value));
        }
        return ExpressionFunctions::call(node, args, m_context);
    }

    const EvaluationContext &m_context;
};

} // namespace

Evaluation Expression::evaluate(const EvaluationContext &context) const
{
    return Evaluator(context).eval(m_root);
}

} // namespace fieldline::forms
