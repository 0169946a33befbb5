// libFuzzer target for the forms expression language (app/forms): lexer, parser and evaluator.
//
// Any text must come back as a parsed expression or an error whose position lies inside the text (or just past
// its end) with a message, never a crash or a runaway recursion. A parsed expression is evaluated against fields
// of every type, and an evaluation error must carry a position inside the text as well.
#include "app/forms/Expression.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace fieldline::forms;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "%s\n", what);
    std::abort();
}

void checkError(const ExpressionError &error, qsizetype length)
{
    if (error.message.isEmpty())
        fail("an error without a message");
    if (error.position < 1 || error.position > std::max<qsizetype>(length, Expression::MaxLength) + 1)
        fail("an error position outside the text");
}

/** A value of a type chosen by the field's name, so the fuzzer reaches every operator and function branch. */
FormValue field(const QString &path)
{
    const auto n = FormValue::number(*Decimal::parse(QStringLiteral("12.5")));
    switch (qHash(path) % 7) {
    case 0:
        return {};
    case 1:
        return n;
    case 2:
        return FormValue::text(path);
    case 3:
        return FormValue::date(QDate(2026, 2, 28));
    case 4:
        return FormValue::boolean(path.size() % 2 == 0);
    case 5:
        return FormValue::list({n, FormValue(), n});
    default:
        return FormValue::dateTime(QDateTime(QDate(2026, 3, 29), QTime(1, 30), Qt::UTC));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4 * Expression::MaxLength)
        return 0;
    const QString source = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    ExpressionError error;
    const std::optional<Expression> parsed = Expression::parse(source, error);
    if (!parsed) {
        checkError(error, source.size());
        return 0;
    }
    (void)parsed->references();
    const Evaluation result =
        parsed->evaluate(EvaluationContext{field, QDate(2026, 11, 22), QDateTime(QDate(2026, 11, 22), QTime(9, 0))});
    if (result.error)
        checkError(*result.error, source.size());
    (void)Decimal::parse(source);
    return 0;
}
