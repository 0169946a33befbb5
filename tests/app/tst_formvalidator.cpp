// Checking a submission against its layout: one table row per field type and rule, each with a value that passes
// and values that fail with the message a user reads; hidden fields are not checked; a finalised submission
// collects every problem with its path, rows of repeat groups included.
#include "app/forms/FieldValueJson.h"
#include "app/forms/FormValidator.h"
#include "app/forms/LayoutReader.h"

#include <QJsonDocument>
#include <QtTest>

using namespace fieldline::forms;

namespace {

const QDate Today(2026, 11, 22);
const QDateTime Now(Today, QTime(9, 30), Qt::UTC);

const char *const LayoutJsonText = R"~({"format": 1, "id": "checks", "version": 1, "title": "Checks", "sections": [
  {"id": "main", "fields": [
    {"id": "name", "type": "text", "label": "Name", "required": true, "min": 2, "max": 5},
    {"id": "code", "type": "text", "label": "Code", "pattern": "[A-Z]{2}[0-9]+",
     "patternMessage": {"en": "Two capitals, then digits.", "zh_CN": "两个大写字母加数字。"}},
    {"id": "notes", "type": "multiline", "label": "Notes", "max": 10},
    {"id": "qty", "type": "integer", "label": "Qty", "min": 1, "max": 100},
    {"id": "price", "type": "decimal", "label": "Price", "places": 2, "min": "0.01"},
    {"id": "due", "type": "date", "label": "Due", "min": "2026-01-01", "max": "2026-12-31",
     "constraint": "due >= today()", "constraintMessage": "Not in the past."},
    {"id": "at", "type": "time", "label": "At", "min": "08:00", "max": "18:00"},
    {"id": "stamp", "type": "datetime", "label": "Stamp", "max": "2027-01-01T00:00:00Z"},
    {"id": "size", "type": "choice", "label": "Size", "options": [{"value": "s", "label": "S"}, {"value": "m", "label": "M"}]},
    {"id": "tags", "type": "multi-choice", "label": "Tags", "max": 2,
     "options": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}, {"value": "c", "label": "C"}]},
    {"id": "agree", "type": "checkbox", "label": "Agree", "required": true},
    {"id": "phone", "type": "phone", "label": "Phone"},
    {"id": "mail", "type": "email", "label": "Mail"},
    {"id": "stars", "type": "rating", "label": "Stars", "max": 5},
    {"id": "scan", "type": "barcode", "label": "Scan", "pattern": "[0-9]{13}"},
    {"id": "pics", "type": "photo", "label": "Pictures", "max": 2},
    {"id": "sign", "type": "signature", "label": "Signature", "requiredIf": "size = 's' and qty > 10"},
    {"id": "secret", "type": "integer", "label": "Secret", "visibleIf": "size = 'm'", "required": true, "max": 1},
    {"id": "lines", "type": "group", "label": "Lines", "min": 1, "max": 3, "fields": [
      {"id": "sku", "type": "text", "label": "SKU", "required": true},
      {"id": "n", "type": "integer", "label": "N", "min": 1},
      {"id": "total", "type": "integer", "label": "Total", "computed": "n * 2"}]},
    {"id": "grand", "type": "integer", "label": "Grand", "computed": "sum(lines.total)", "max": 10}
  ]}]})~";

const Layout &layout()
{
    static const Layout read = *LayoutReader::read(QByteArray(LayoutJsonText), LayoutJson::Mode::Publish).layout;
    return read;
}

/** A submission that passes every check; each table row changes one field of it. */
FormData validData()
{
    FormData data;
    const auto set = [&](const char *id, const char *json) {
        QString error;
        const QString key = QString::fromLatin1(id);
        const QJsonDocument document = QJsonDocument::fromJson(QByteArray("[") + json + "]");
        data.setValue(key, *FieldValueJson::read(document.array().at(0), layout().field(key)->type, error));
    };
    set("name", R"("Ada")");
    set("agree", "true");
    set("qty", "3");
    data.rows(QStringLiteral("lines"))
        .push_back(FormRow{QStringLiteral("r1"),
                           {{QStringLiteral("sku"), FormValue::text(QStringLiteral("A1"))},
                            {QStringLiteral("n"), FormValue::number(Decimal::fromInt(2))}}});
    return data;
}

} // namespace

class tst_FormValidator : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void checksEachField_data();
    void checksEachField();
    void checksRepeatRows();
    void hiddenFieldsAreNotChecked();
    void reportsEveryProblemWithItsPath();
};

void tst_FormValidator::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English));
    const LayoutReader::Result result = LayoutReader::read(QByteArray(LayoutJsonText), LayoutJson::Mode::Publish);
    QVERIFY2(result.layout, qPrintable(LayoutJson::describe(result.problems)));
    FormEvaluator evaluator(layout());
    FormData data = validData();
    const std::vector<LayoutProblem> problems = FormValidator(evaluator).validate(data, Today, Now);
    QVERIFY2(problems.empty(), qPrintable(LayoutJson::describe(problems)));
}

void tst_FormValidator::checksEachField_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("value"); // JSON; "null" empties the field
    QTest::addColumn<QString>("problem");  // empty: the value passes

    const auto row = [](const char *name, const char *field, const char *json, const char *problem) {
        QTest::newRow(name) << QString::fromLatin1(field) << QByteArray(json) << QString::fromUtf8(problem);
    };
    row("text ok", "name", R"("Grace")", "");
    row("text required", "name", "null", "This field is required.");
    row("text too short", "name", R"("A")", "At least 2 character(s).");
    row("text too long", "name", R"("Adelaide")", "At most 5 character(s).");
    row("text counts characters not units", "name", R"("😀😀😀😀😀")", "");
    row("pattern ok", "code", R"("AB12")", "");
    row("pattern fails with its message", "code", R"("ab12")", "Two capitals, then digits.");
    row("pattern is anchored", "code", R"("xAB12")", "Two capitals, then digits.");
    row("multiline too long", "notes", R"("0123456789x")", "At most 10 character(s).");
    row("integer ok", "qty", "100", "");
    row("integer below min", "qty", "0", "The smallest value allowed is 1.");
    row("integer above max", "qty", "101", "The largest value allowed is 100.");
    row("decimal ok", "price", R"("19.99")", "");
    row("decimal too many places", "price", R"("19.999")", "At most 2 decimal place(s).");
    row("decimal below min", "price", R"("0.001")", "At most 2 decimal place(s).");
    row("decimal zero below min", "price", "0", "The smallest value allowed is 0.01.");
    row("date ok", "due", R"("2026-12-01")", "");
    row("date after max", "due", R"("2027-01-05")", "The largest value allowed is 2026-12-31.");
    row("date constraint", "due", R"("2026-11-01")", "Not in the past.");
    row("time ok", "at", R"("08:00")", "");
    row("time before min", "at", R"("07:59")", "The smallest value allowed is 08:00.");
    row("datetime ok", "stamp", R"("2026-11-22T10:00:00+08:00")", "");
    row("datetime after max", "stamp", R"("2027-01-01T00:00:01Z")", "The largest value allowed is");
    row("choice ok", "size", R"("s")", "");
    row("choice not an option", "size", R"("xl")", "'xl' is not one of the options.");
    row("multi-choice ok", "tags", R"(["a", "c"])", "");
    row("multi-choice too many", "tags", R"(["a", "b", "c"])", "At most 2 item(s).");
    row("multi-choice unknown", "tags", R"(["z"])", "'z' is not one of the options.");
    row("multi-choice twice", "tags", R"(["a", "a"])", "'a' is chosen twice.");
    row("checkbox required means ticked", "agree", "false", "This field is required.");
    row("phone ok", "phone", R"("+86 10 1234 5678")", "");
    row("phone with letters", "phone", R"("call me")", "Expected a phone number");
    row("email ok", "mail", R"("ada@example.com")", "");
    row("email without a domain", "mail", R"("ada@")", "Expected an email address");
    row("rating ok", "stars", "5", "");
    row("rating above max", "stars", "6", "The largest value allowed is 5.");
    row("rating below one", "stars", "0", "The smallest value allowed is 1.");
    row("barcode ok", "scan", R"("4006381333931")", "");
    row("barcode pattern", "scan", R"("40063813339")", "does not have the expected form");
    row("photos ok", "pics", R"(["b1", "b2"])", "");
    row("too many photos", "pics", R"(["b1", "b2", "b3"])", "At most 2 item(s).");
    row("signature not required", "sign", "null", "");
    row("signature ok", "sign", R"("{\"strokes\":[[10,20,30,40]],\"png\":\"ab\"}")", "");
    row("signature unreadable", "sign", R"("signed on paper")", "The signature cannot be read.");
    row("hidden field is not checked", "secret", "5", "");
}

void tst_FormValidator::checksEachField()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, value);
    QFETCH(QString, problem);
    const FieldSpec *spec = layout().field(field);
    QVERIFY(spec);
    QString error;
    const QJsonDocument document = QJsonDocument::fromJson("[" + value + "]");
    const std::optional<FormValue> parsed = FieldValueJson::read(document.array().at(0), spec->type, error);
    QVERIFY2(parsed, qPrintable(error));
    FormData data = validData();
    data.setValue(field, *parsed);
    FormEvaluator evaluator(layout());
    const std::vector<LayoutProblem> problems = FormValidator(evaluator).validate(data, Today, Now);
    if (problem.isEmpty()) {
        QVERIFY2(problems.empty(), qPrintable(LayoutJson::describe(problems)));
        return;
    }
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(problems.front().path, field);
    QVERIFY2(problems.front().message.contains(problem), qPrintable(problems.front().message));
}

void tst_FormValidator::checksRepeatRows()
{
    FormEvaluator evaluator(layout());
    FormValidator validator(evaluator);
    FormData data = validData();
    data.rows(QStringLiteral("lines")).clear();
    std::vector<LayoutProblem> problems = validator.validate(data, Today, Now);
    QCOMPARE(LayoutJson::describe(problems), QStringLiteral("lines: At least 1 item(s)."));

    data = validData();
    std::vector<FormRow> &rows = data.rows(QStringLiteral("lines"));
    rows.push_back(FormRow{QStringLiteral("r2"), {{QStringLiteral("n"), FormValue::number(Decimal::fromInt(0))}}});
    rows.push_back(FormRow{QStringLiteral("r3"),
                           {{QStringLiteral("sku"), FormValue::text(QStringLiteral("C"))},
                            {QStringLiteral("n"), FormValue::number(Decimal::fromInt(3))}}});
    problems = validator.validate(data, Today, Now);
    QCOMPARE(LayoutJson::describe(problems), QStringLiteral("lines[1].sku: This field is required.\n"
                                                            "lines[1].n: The smallest value allowed is 1."));
    // The computed column feeds the computed total: 2*2 + 0*2 + 3*2 = 10, the most allowed.
    QCOMPARE(data.value(QStringLiteral("grand")).debugText(), QStringLiteral("10"));
    QCOMPARE(rows[2].values.value(QStringLiteral("total")).debugText(), QStringLiteral("6"));

    rows.push_back(FormRow{QStringLiteral("r4"),
                           {{QStringLiteral("sku"), FormValue::text(QStringLiteral("D"))},
                            {QStringLiteral("n"), FormValue::number(Decimal::fromInt(1))}}});
    problems = validator.validate(data, Today, Now);
    QVERIFY2(LayoutJson::describe(problems).contains(QStringLiteral("lines: At most 3 item(s).")),
             qPrintable(LayoutJson::describe(problems)));
    QVERIFY2(LayoutJson::describe(problems).contains(QStringLiteral("grand: The largest value allowed is 10.")),
             qPrintable(LayoutJson::describe(problems)));
}

void tst_FormValidator::hiddenFieldsAreNotChecked()
{
    FormEvaluator evaluator(layout());
    FormValidator validator(evaluator);
    FormData data = validData();
    QVERIFY(validator.validate(data, Today, Now).empty()); // "secret" is required, but hidden
    data.setValue(QStringLiteral("size"), FormValue::text(QStringLiteral("m")));
    QCOMPARE(LayoutJson::describe(validator.validate(data, Today, Now)),
             QStringLiteral("secret: This field is required."));
    data.setValue(QStringLiteral("secret"), FormValue::number(Decimal::fromInt(2)));
    QCOMPARE(LayoutJson::describe(validator.validate(data, Today, Now)),
             QStringLiteral("secret: The largest value allowed is 1."));
    data.setValue(QStringLiteral("size"), FormValue::text(QStringLiteral("s")));
    QVERIFY(validator.validate(data, Today, Now).empty());
    QCOMPARE(data.value(QStringLiteral("secret")).debugText(), QStringLiteral("2")); // kept while hidden

    // required-if: a signature becomes required above ten items.
    data.setValue(QStringLiteral("qty"), FormValue::number(Decimal::fromInt(11)));
    QCOMPARE(LayoutJson::describe(validator.validate(data, Today, Now)),
             QStringLiteral("sign: This field is required."));
}

void tst_FormValidator::reportsEveryProblemWithItsPath()
{
    FormEvaluator evaluator(layout());
    FormData empty;
    const std::vector<LayoutProblem> problems = FormValidator(evaluator).validate(empty, Today, Now);
    QCOMPARE(LayoutJson::describe(problems), QStringLiteral("name: This field is required.\n"
                                                            "agree: This field is required.\n"
                                                            "lines: At least 1 item(s)."));
}

QTEST_GUILESS_MAIN(tst_FormValidator)
#include "tst_formvalidator.moc"
