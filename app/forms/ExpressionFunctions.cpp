#include "ExpressionFunctions.h"

#include <iterator>

namespace fieldline::forms {

namespace {

using Type = FormValue::Type;

constexpr FunctionSpec Functions[] = {
    {"if", 3, 3},  {"today", 0, 0}, {"now", 0, 0},  {"len", 1, 1},   {"contains", 2, 2},
    {"sum", 1, 1}, {"count", 1, 1}, {"date", 1, 1}, {"round", 1, 2},
};

} // namespace

const FunctionSpec *findFunction(const QString &name)
{
    for (const FunctionSpec &spec : Functions) {
        if (name == QLatin1String(spec.name))
            return &spec;
    }
    return nullptr;
}

Evaluation ExpressionFunctions::call(const ExpressionNode &node, const std::vector<FormValue> &args,
                                     const EvaluationContext &context)
{
    const QString &name = node.name;
    const auto wrongType = [&](int index) {
        return Evaluation::failure(
            node.args[size_t(index)].position,
            tr("%1() cannot take %2 here.").arg(name, FormValue::typeName(args[size_t(index)].type())));
    };
    if (name == QLatin1String("today"))
        return Evaluation::of(FormValue::date(context.today));
    if (name == QLatin1String("now"))
        return Evaluation::of(FormValue::dateTime(context.now));
    if (name == QLatin1String("len")) {
        // Characters as people count them: a character outside the BMP is one, not two UTF-16 units.
        if (args[0].type() == Type::Text) {
            const QString &text = args[0].toText();
            return Evaluation::of(FormValue::number(Decimal::fromInt(text.toUcs4().size())));
        }
        if (args[0].type() == Type::List)
            return Evaluation::of(FormValue::number(Decimal::fromInt(qint64(args[0].toList().size()))));
        if (args[0].isNull())
            return Evaluation::of(FormValue::number(Decimal::fromInt(0)));
        return wrongType(0);
    }
    if (name == QLatin1String("contains")) {
        if (args[0].isNull() || args[1].isNull())
            return Evaluation::of(FormValue::boolean(false));
        if (args[0].type() == Type::Text && args[1].type() == Type::Text)
            return Evaluation::of(FormValue::boolean(args[0].toText().contains(args[1].toText())));
        if (args[0].type() == Type::List) {
            const FormValue::List &items = args[0].toList();
            return Evaluation::of(FormValue::boolean(std::find(items.begin(), items.end(), args[1]) != items.end()));
        }
        return wrongType(0);
    }
    if (name == QLatin1String("sum") || name == QLatin1String("count")) {
        if (args[0].isNull())
            return Evaluation::of(FormValue::number(Decimal::fromInt(0)));
        if (args[0].type() != Type::List)
            return wrongType(0);
        Decimal total;
        qint64 filled = 0;
        for (const FormValue &item : args[0].toList()) {
            if (item.isNull())
                continue;
            ++filled;
            if (name == QLatin1String("count"))
                continue;
            if (item.type() != Type::Number)
                return Evaluation::failure(
                    node.position, tr("sum() adds numbers; the list holds %1.").arg(FormValue::typeName(item.type())));
            const std::optional<Decimal> next = total.plus(item.toNumber());
            if (!next)
                return Evaluation::failure(node.position, tr("The result is too large for a number."));
            total = *next;
        }
        return Evaluation::of(FormValue::number(name == QLatin1String("sum") ? total : Decimal::fromInt(filled)));
    }
    if (name == QLatin1String("date")) {
        if (args[0].isNull())
            return Evaluation::of(FormValue());
        if (args[0].type() == Type::Date)
            return Evaluation::of(args[0]);
        if (args[0].type() == Type::DateTime)
            return Evaluation::of(FormValue::date(args[0].toDateTime().date()));
        if (args[0].type() != Type::Text)
            return wrongType(0);
        const QDate date = QDate::fromString(args[0].toText(), QStringLiteral("yyyy-MM-dd"));
        if (!date.isValid())
            return Evaluation::failure(node.args[0].position,
                                       tr("'%1' is not a date written as YYYY-MM-DD.").arg(args[0].toText().left(40)));
        return Evaluation::of(FormValue::date(date));
    }
    if (name == QLatin1String("round")) {
        if (args[0].isNull())
            return Evaluation::of(FormValue());
        if (args[0].type() != Type::Number)
            return wrongType(0);
        qint64 places = 0;
        if (args.size() == 2) {
            const std::optional<qint64> whole =
                args[1].type() == Type::Number ? args[1].toNumber().toInt64() : std::nullopt;
            if (!whole || *whole < 0 || *whole > Decimal::MaxScale)
                return Evaluation::failure(node.args[1].position,
                                           tr("round() keeps 0 to %1 digits after the point.").arg(Decimal::MaxScale));
            places = *whole;
        }
        return Evaluation::of(FormValue::number(args[0].toNumber().rounded(int(places))));
    }
    return Evaluation::failure(node.position, tr("There is no function called '%1'.").arg(name));
}

} // namespace fieldline::forms
