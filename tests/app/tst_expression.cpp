// The forms expression language: one table of sources and what they evaluate to (or the error and its position),
// covering precedence, three-valued logic, nulls, exact decimals, dates, repeat groups and every function; then
// the parse errors a form author sees, with positions, and the limits on length and nesting.
#include "app/forms/Expression.h"

#include <QtTest>

using namespace fieldline::forms;

namespace {

FormValue number(const char *text)
{
    return FormValue::number(*Decimal::parse(QString::fromLatin1(text)));
}

/** The fields of a small order form: a few scalars, a multi-choice, and a repeat group of three rows. */
FormValue field(const QString &path)
{
    static const QMap<QString, FormValue> fields{
        {QStringLiteral("qty"), number("3")},
        {QStringLiteral("price"), number("19.99")},
        {QStringLiteral("name"), FormValue::text(QStringLiteral("Ada"))},
        {QStringLiteral("ok"), FormValue::boolean(true)},
        {QStringLiteral("due"), FormValue::date(QDate(2026, 11, 30))},
        {QStringLiteral("tags"),
         FormValue::list({FormValue::text(QStringLiteral("vip")), FormValue::text(QStringLiteral("new"))})},
        {QStringLiteral("items"),
         FormValue::list({FormValue::boolean(true), FormValue::boolean(true), FormValue::boolean(true)})},
        {QStringLiteral("items.qty"), FormValue::list({number("2"), FormValue(), number("5.5")})},
        {QStringLiteral("items.sku"), FormValue::list({FormValue::text(QStringLiteral("A-1")), FormValue(),
                                                       FormValue::text(QStringLiteral("B-2"))})},
    };
    return fields.value(path); // a field left empty, or one this form does not have: null
}

EvaluationContext context()
{
    return EvaluationContext{field, QDate(2026, 11, 22), QDateTime(QDate(2026, 11, 22), QTime(10, 0), Qt::UTC)};
}

/** "value" or "error@position: message". */
QString outcome(const QString &source)
{
    ExpressionError error;
    const std::optional<Expression> parsed = Expression::parse(source, error);
    if (!parsed)
        return QStringLiteral("error@%1: %2").arg(error.position).arg(error.message);
    const Evaluation result = parsed->evaluate(context());
    if (result.error)
        return QStringLiteral("error@%1: %2").arg(result.error->position).arg(result.error->message);
    return result.value.debugText();
}

} // namespace

class TestExpression : public QObject
{
    Q_OBJECT

private slots:
    void evaluates_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *source, const char *expected) {
            QTest::newRow(source) << QString::fromUtf8(source) << QString::fromUtf8(expected);
        };
        // Numbers are exact decimals.
        row("0.1 + 0.2", "0.3");
        row("0.1 + 0.2 = 0.3", "true");
        row("qty * price", "59.97");
        row("1 / 3", "0.333333333333");
        row("round(2 / 3, 2)", "0.67");
        row("round(2.5)", "2");
        row("7 % 3", "1");
        // Precedence and associativity.
        row("1 + 2 * 3", "7");
        row("(1 + 2) * 3", "9");
        row("10 - 4 - 3", "3");
        row("24 / 4 / 2", "3");
        row("-2 * 3", "-6");
        row("- -2", "2");
        row("2 - -2", "4");
        row("1 + 1 = 2 and not 2 > 3", "true");
        row("true or false and false", "true");
        row("(true or false) and false", "false");
        row("not true = false", "true");
        // Nulls: empty fields propagate through arithmetic and ordering, and = compares them.
        row("missing", "null");
        row("missing + 1", "null");
        row("missing > 1", "null");
        row("missing = null", "true");
        row("qty = null", "false");
        row("qty != null", "true");
        row("null = null", "true");
        // Three-valued logic.
        row("null and false", "false");
        row("null and true", "null");
        row("null or true", "true");
        row("null or false", "null");
        row("not null", "null");
        row("false and 1 / 0 = 1", "false"); // short circuit
        row("if(missing > 1, 'big', 'small')", "'small'");
        row("if(qty >= 3, 'three or more', 1 / 0)", "'three or more'"); // the branch not taken is not evaluated
        // Text.
        row("name + ' Lovelace'", "'Ada Lovelace'");
        row("len(name)", "3");
        row("len('😀x')", "2");
        row("len(missing)", "0");
        row("contains(name, 'd')", "true");
        row("contains(missing, 'd')", "false");
        row("'b' > 'a'", "true");
        row("'it\\'s'", "'it's'");
        row("\"say \\\"hi\\\"\"", "'say \"hi\"'");
        // Multi-choice and repeat groups.
        row("contains(tags, 'vip')", "true");
        row("contains(tags, 'gold')", "false");
        row("count(items)", "3");
        row("count(items.qty)", "2");
        row("sum(items.qty)", "7.5");
        row("sum(missing)", "0");
        row("len(tags)", "2");
        // Dates.
        row("today()", "2026-11-22");
        row("due - today()", "8");
        row("today() + 10", "2026-12-02");
        row("10 + today()", "2026-12-02");
        row("due - 30", "2026-10-31");
        row("due > today()", "true");
        row("date('2024-02-29')", "2024-02-29");
        row("date(now()) = today()", "true");
        row("now() > now()", "false");
        // Errors found while evaluating, at the operator or argument that failed.
        row("1 / 0", "error@3: Division by zero.");
        row("qty + name", "error@5: The operator '+' cannot combine a number and text.");
        row("qty = 'three'", "error@5: The operator '=' cannot combine a number and text.");
        row("ok < true", "error@4: The operator '<' cannot combine yes/no and yes/no.");
        row("qty and ok", "error@1: Expected yes/no here, not a number.");
        row("if(name, 1, 2)", "error@4: Expected yes/no here, not text.");
        row("-name", "error@1: Only a number can be negated, not text.");
        row("today() + 1.5", "error@9: A date moves by a whole number of days (at most 3,000,000).");
        row("date('2023-02-29')", "error@6: '2023-02-29' is not a date written as YYYY-MM-DD.");
        row("sum(items.sku)", "error@1: sum() adds numbers; the list holds text.");
        row("len(qty)", "error@5: len() cannot take a number here.");
        row("round(1.5, 19)", "error@12: round() keeps 0 to 18 digits after the point.");
        row("999999999999999999999999999999999999 * 999", "error@38: The result is too large for a number.");
    }
    void evaluates()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(outcome(source), expected);
    }

    void parseErrorsSayWhereAndWhat_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char *source, const char *expected) {
            QTest::newRow(source) << QString::fromUtf8(source) << QString::fromUtf8(expected);
        };
        row("", "error@1: The expression ends where a value is expected.");
        row("1 +", "error@4: The expression ends where a value is expected.");
        row("(1 + 2", "error@7: Expected ')' to close the '(' at position 1.");
        row("1 + 2)", "error@6: Unexpected ')' after a complete expression.");
        row("qty qty", "error@5: Unexpected 'qty' after a complete expression.");
        row("1 < 2 < 3", "error@7: Comparisons cannot be chained; join them with 'and'.");
        row("sume(items.qty)", "error@1: There is no function called 'sume'.");
        row("if(ok, 1)", "error@1: if() takes 3 arguments, not 2.");
        row("round()", "error@1: round() takes 1 to 2 arguments, not 0.");
        row("len(name, 2", "error@12: Expected ',' or ')' in the call of len() that opens at position 4.");
        row("'open", "error@1: The text that starts here has no closing quote.");
        row("'a\\tb'", "error@3: Unknown escape '\\t' in a text; use \\\\, \\', \\\" or \\n.");
        row("qty # 2", "error@5: The character '#' has no meaning in an expression.");
        row("2qty", "error@2: A number cannot run into a name; put a space or an operator between them.");
        row("1.2.3", "error@4: Unexpected '.3' after a complete expression.");
        row("0.1234567890123456789", "error@1: A number may have at most 36 digits, 18 of them after the point.");
        row("* 2", "error@1: Expected a value here, found '*'.");
        row("and", "error@1: Expected a value here, found 'and'.");
    }
    void parseErrorsSayWhereAndWhat()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        QCOMPARE(outcome(source), expected);
    }

    void limitsLengthAndNesting()
    {
        const QString nested = QString(Expression::MaxDepth - 1, u'(') + u'1' + QString(Expression::MaxDepth - 1, u')');
        QCOMPARE(outcome(nested), QStringLiteral("1"));
        const QString tooDeep = QString(Expression::MaxDepth, u'(') + u'1' + QString(Expression::MaxDepth, u')');
        QCOMPARE(outcome(tooDeep), QStringLiteral("error@%1: The expression is nested more than %2 levels deep.")
                                       .arg(Expression::MaxDepth + 1) // at the value inside the last '('
                                       .arg(Expression::MaxDepth));
        QVERIFY(outcome(QString(Expression::MaxDepth + 1, u'-') + u'1').contains(QLatin1String("nested more")));
        QVERIFY(outcome(QStringLiteral("not ").repeated(Expression::MaxDepth + 1) + QStringLiteral("true"))
                    .contains(QLatin1String("nested more")));
        // A long flat sum is fine up to the length limit, one character more is refused before any parsing.
        const QString longSum = QStringLiteral("1") + QStringLiteral("+1").repeated((Expression::MaxLength - 1) / 2);
        QCOMPARE(outcome(longSum), QString::number((Expression::MaxLength - 1) / 2 + 1));
        QCOMPARE(outcome(QString(Expression::MaxLength + 1, u' ')),
                 QStringLiteral("error@%1: The expression is longer than %2 characters.")
                     .arg(Expression::MaxLength + 1)
                     .arg(Expression::MaxLength));
    }

    void listsTheFieldsItReads()
    {
        ExpressionError error;
        const auto parsed = Expression::parse(u"if(qty > 2, sum(items.qty) * price, qty * price)", error);
        QVERIFY(parsed);
        QCOMPARE(parsed->references(),
                 (QStringList{QStringLiteral("qty"), QStringLiteral("items.qty"), QStringLiteral("price")}));
    }
};

QTEST_GUILESS_MAIN(TestExpression)
#include "tst_expression.moc"
