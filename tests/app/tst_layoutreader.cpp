// Reading form layouts: the shipped example layout is accepted and read as written; each kind of mistake a form
// author can make is refused with the path of the property and a message that says what is wrong; an unknown
// field type is refused at publish but rendered as unsupported (its JSON kept); the size limits hold.
#include "app/forms/LayoutReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace fieldline::forms;

namespace {

/** A layout of one section holding @p fields (JSON text of the array's items). */
QByteArray layoutWith(const QString &fields, const QString &sectionExtra = QString())
{
    return QStringLiteral(R"({"format": 1, "id": "f", "version": 2, "title": "Form",
        "sections": [{"id": "s", %1 "fields": [%2]}]})")
        .arg(sectionExtra, fields)
        .toUtf8();
}

} // namespace

class tst_LayoutReader : public QObject
{
    Q_OBJECT

private slots:
    void readsTheExampleLayout();
    void refusesMistakes_data();
    void refusesMistakes();
    void acceptsEveryFieldType_data();
    void acceptsEveryFieldType();
    void unknownTypeIsUnsupportedWhenRendering();
    void unknownPropertiesAreIgnoredWhenRendering();
    void limits();
};

void tst_LayoutReader::readsTheExampleLayout()
{
    const QString source = qEnvironmentVariable("FIELDLINE_SOURCE_DIR");
    QVERIFY2(!source.isEmpty(), "run through ctest, which sets FIELDLINE_SOURCE_DIR");
    QFile file(source + QStringLiteral("/resources/forms/visit-report.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const LayoutReader::Result result = LayoutReader::read(file.readAll(), LayoutJson::Mode::Publish);
    QVERIFY2(result.layout, qPrintable(LayoutJson::describe(result.problems)));
    const Layout &layout = *result.layout;
    QCOMPARE(layout.id, QStringLiteral("visit-report"));
    QCOMPARE(layout.version, 1);
    QCOMPARE(layout.title.text(QStringLiteral("zh_CN")), QStringLiteral("拜访报告"));
    QCOMPARE(layout.title.text(QStringLiteral("fr_FR")), QStringLiteral("Visit report"));
    QCOMPARE(layout.sections.size(), size_t(3));
    QCOMPARE(layout.allFields().size(), size_t(20));
    const FieldSpec *outcome = layout.field(QStringLiteral("outcome"));
    QVERIFY(outcome);
    QCOMPARE(outcome->type, FieldType::Choice);
    QCOMPARE(outcome->options.size(), size_t(3));
    QCOMPARE(outcome->option(QStringLiteral("follow_up"))->label.text(QStringLiteral("zh_CN")),
             QStringLiteral("需要跟进"));
    const FieldSpec *qty = layout.field(QStringLiteral("qty"));
    QCOMPARE(layout.groupOf(QStringLiteral("qty"))->id, QStringLiteral("lines"));
    QCOMPARE(qty->defaultValue.toNumber().toInt64(), qint64(1));
    QCOMPARE(qty->maximum.toNumber().toInt64(), qint64(10000));
    QCOMPARE(layout.field(QStringLiteral("unit_price"))->places, 2);
    QVERIFY(layout.field(QStringLiteral("sku"))->pattern->match(QStringLiteral("AB-12")).hasMatch());
    QVERIFY(!layout.field(QStringLiteral("sku"))->pattern->match(QStringLiteral("xAB-12")).hasMatch());
    QCOMPARE(layout.field(QStringLiteral("order_total"))->computed.source, QStringLiteral("sum(lines.amount)"));
    QCOMPARE(layout.field(QStringLiteral("satisfaction"))->maximum.toNumber().toInt64(), qint64(5));
    QVERIFY(!layout.groupOf(QStringLiteral("order_total")));
}

void tst_LayoutReader::refusesMistakes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("message");

    const auto field = [](const char *json) { return layoutWith(QString::fromUtf8(json)); };
    QTest::newRow("not json") << QByteArray("{\"format\": 1,") << QString() << QStringLiteral("not valid JSON");
    QTest::newRow("array") << QByteArray("[]") << QString() << QStringLiteral("must be a JSON object");
    QTest::newRow("newer format") << QByteArray(R"({"format": 2})") << QStringLiteral("format")
                                  << QStringLiteral("needs a newer Fieldline");
    QTest::newRow("no version") << QByteArray(R"({"format": 1, "id": "f", "title": "t", "sections": []})")
                                << QStringLiteral("version") << QStringLiteral("version number is required");
    QTest::newRow("no sections") << QByteArray(R"({"format": 1, "id": "f", "version": 1, "title": "t"})")
                                 << QStringLiteral("sections") << QStringLiteral("list of 1 to 500 sections");
    QTest::newRow("bad layout id") << QByteArray(R"({"format": 1, "id": "a b", "version": 1, "title": "t",
        "sections": [{"id": "s", "fields": [{"id": "a", "type": "text", "label": "A"}]}]})")
                                   << QStringLiteral("id") << QStringLiteral("only letters, digits");
    QTest::newRow("typo in a property") << field(R"({"id": "a", "type": "text", "label": "A", "requird": true})")
                                        << QStringLiteral("sections[0].fields[0].requird")
                                        << QStringLiteral("Unknown property 'requird'");
    QTest::newRow("unknown type") << field(R"({"id": "a", "type": "slider", "label": "A"})")
                                  << QStringLiteral("sections[0].fields[0].type")
                                  << QStringLiteral("'slider' is not a field type");
    QTest::newRow("field id with a space")
        << field(R"({"id": "a b", "type": "text", "label": "A"})") << QStringLiteral("sections[0].fields[0].id")
        << QStringLiteral("starts with a letter");
    QTest::newRow("field id is a keyword")
        << field(R"({"id": "and", "type": "text", "label": "A"})") << QStringLiteral("sections[0].fields[0].id")
        << QStringLiteral("word of the expression language");
    QTest::newRow("missing label") << field(R"({"id": "a", "type": "text"})")
                                   << QStringLiteral("sections[0].fields[0].label")
                                   << QStringLiteral("text is required");
    QTest::newRow("bad language code") << field(R"({"id": "a", "type": "text", "label": {"english": "A"}})")
                                       << QStringLiteral("sections[0].fields[0].label")
                                       << QStringLiteral("not a language code");
    QTest::newRow("duplicate field id") << field(R"({"id": "a", "type": "text", "label": "A"},
                                                    {"id": "a", "type": "integer", "label": "B"})")
                                        << QStringLiteral("sections[0].fields[1].id")
                                        << QStringLiteral("already has the id 'a'");
    QTest::newRow("expression syntax") << field(R"({"id": "a", "type": "text", "label": "A", "visibleIf": "(1 + 2"})")
                                       << QStringLiteral("sections[0].fields[0].visibleIf")
                                       << QStringLiteral("At character 7: Expected ')'");
    QTest::newRow("unknown reference") << field(R"({"id": "a", "type": "integer", "label": "A", "computed": "b * 2"})")
                                       << QStringLiteral("sections[0].fields[0].computed")
                                       << QStringLiteral("reads 'b', but the layout has no field");
    QTest::newRow("group field read outside its row")
        << field(
               R"({"id": "g", "type": "group", "label": "G", "fields": [{"id": "x", "type": "integer", "label": "X"}]},
                   {"id": "t", "type": "integer", "label": "T", "computed": "x + 1"})")
        << QStringLiteral("sections[0].fields[1].computed") << QStringLiteral("write g.x to read its column");
    QTest::newRow("column of a non-group")
        << field(R"~({"id": "a", "type": "integer", "label": "A"},
                   {"id": "t", "type": "integer", "label": "T", "computed": "sum(a.x)"})~")
        << QStringLiteral("sections[0].fields[1].computed") << QStringLiteral("'a' is not a repeat group");
    QTest::newRow("computed circle") << field(R"({"id": "a", "type": "integer", "label": "A", "computed": "b + 1"},
                   {"id": "b", "type": "integer", "label": "B", "computed": "a + 1"})")
                                     << QString() << QStringLiteral("circle: a -> b -> a");
    QTest::newRow("min above max") << field(R"({"id": "a", "type": "integer", "label": "A", "min": 5, "max": 1})")
                                   << QStringLiteral("sections[0].fields[0].min")
                                   << QStringLiteral("minimum is greater than the maximum");
    QTest::newRow("fractional integer bound")
        << field(R"({"id": "a", "type": "integer", "label": "A", "max": 1.5})")
        << QStringLiteral("sections[0].fields[0].max") << QStringLiteral("Expected a whole number");
    QTest::newRow("date bound not a date")
        << field(R"({"id": "a", "type": "date", "label": "A", "min": "22/11/2026"})")
        << QStringLiteral("sections[0].fields[0].min") << QStringLiteral("YYYY-MM-DD");
    QTest::newRow("options on a text") << field(R"({"id": "a", "type": "text", "label": "A", "options": []})")
                                       << QStringLiteral("sections[0].fields[0].options")
                                       << QStringLiteral("does not apply to a field of type 'text'");
    QTest::newRow("choice without options")
        << field(R"({"id": "a", "type": "choice", "label": "A"})") << QStringLiteral("sections[0].fields[0].options")
        << QStringLiteral("needs a list of options");
    QTest::newRow("duplicate option") << field(R"({"id": "a", "type": "choice", "label": "A",
                   "options": [{"value": "x", "label": "X"}, {"value": "x", "label": "Y"}]})")
                                      << QStringLiteral("sections[0].fields[0].options[1].value")
                                      << QStringLiteral("already used by another option");
    QTest::newRow("default not an option")
        << field(R"({"id": "a", "type": "choice", "label": "A", "default": "z",
                   "options": [{"value": "x", "label": "X"}]})")
        << QStringLiteral("sections[0].fields[0].default") << QStringLiteral("not one of the options");
    QTest::newRow("default of the wrong type")
        << field(R"({"id": "a", "type": "checkbox", "label": "A", "default": "yes"})")
        << QStringLiteral("sections[0].fields[0].default") << QStringLiteral("Expected true or false");
    QTest::newRow("bad pattern") << field(R"({"id": "a", "type": "text", "label": "A", "pattern": "([a-z]"})")
                                 << QStringLiteral("sections[0].fields[0].pattern")
                                 << QStringLiteral("regular expression is not valid");
    QTest::newRow("places out of range") << field(R"({"id": "a", "type": "decimal", "label": "A", "places": 19})")
                                         << QStringLiteral("sections[0].fields[0].places")
                                         << QStringLiteral("from 0 to 18");
    QTest::newRow("rating of 11 stars") << field(R"({"id": "a", "type": "rating", "label": "A", "max": 11})")
                                        << QStringLiteral("sections[0].fields[0].max")
                                        << QStringLiteral("at most 10 stars");
    QTest::newRow("group in a group") << field(R"({"id": "g", "type": "group", "label": "G", "fields": [
                   {"id": "h", "type": "group", "label": "H", "fields": [{"id": "x", "type": "text", "label": "X"}]}]})")
                                      << QStringLiteral("sections[0].fields[0].fields[0]")
                                      << QStringLiteral("cannot hold another repeat group");
    QTest::newRow("empty group") << field(R"({"id": "g", "type": "group", "label": "G", "fields": []})")
                                 << QStringLiteral("sections[0].fields[0].fields")
                                 << QStringLiteral("at least one field");
    QTest::newRow("computed group") << field(R"({"id": "g", "type": "group", "label": "G", "computed": "1",
                   "fields": [{"id": "x", "type": "text", "label": "X"}]})")
                                    << QStringLiteral("sections[0].fields[0].computed")
                                    << QStringLiteral("does not apply");
    QTest::newRow("section rule reads nothing")
        << layoutWith(QStringLiteral(R"({"id": "a", "type": "text", "label": "A"})"),
                      QStringLiteral(R"("visibleIf": "b = 1",)"))
        << QStringLiteral("sections[0].visibleIf") << QStringLiteral("reads 'b'");
}

void tst_LayoutReader::refusesMistakes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, path);
    QFETCH(QString, message);
    const LayoutReader::Result result = LayoutReader::read(json, LayoutJson::Mode::Publish);
    QVERIFY(!result.layout);
    const auto found = std::find_if(result.problems.cbegin(), result.problems.cend(), [&](const LayoutProblem &p) {
        return p.path == path && p.message.contains(message);
    });
    QVERIFY2(found != result.problems.cend(), qPrintable(LayoutJson::describe(result.problems)));
}

void tst_LayoutReader::acceptsEveryFieldType_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("type");
    QTest::newRow("text") << QStringLiteral(R"("type": "text", "min": 2, "max": 5, "pattern": "[a-z]+")")
                          << int(FieldType::Text);
    QTest::newRow("multiline") << QStringLiteral(R"("type": "multiline", "default": "x")") << int(FieldType::Multiline);
    QTest::newRow("integer") << QStringLiteral(R"("type": "integer", "min": -5, "max": "12")")
                             << int(FieldType::Integer);
    QTest::newRow("decimal") << QStringLiteral(R"("type": "decimal", "places": 3, "default": "0.125")")
                             << int(FieldType::Decimal);
    QTest::newRow("date") << QStringLiteral(R"("type": "date", "min": "2026-01-01")") << int(FieldType::Date);
    QTest::newRow("time") << QStringLiteral(R"("type": "time", "min": "08:00", "max": "18:30")")
                          << int(FieldType::Time);
    QTest::newRow("datetime") << QStringLiteral(R"("type": "datetime", "max": "2030-01-01T00:00:00Z")")
                              << int(FieldType::DateTime);
    QTest::newRow("choice") << QStringLiteral(R"("type": "choice", "options": [{"value": "a", "label": "A"}])")
                            << int(FieldType::Choice);
    QTest::newRow("multi-choice")
        << QStringLiteral(
               R"("type": "multi-choice", "max": 2, "default": ["a"], "options": [{"value": "a", "label": "A"}])")
        << int(FieldType::MultiChoice);
    QTest::newRow("checkbox") << QStringLiteral(R"("type": "checkbox", "default": true)") << int(FieldType::Checkbox);
    QTest::newRow("phone") << QStringLiteral(R"("type": "phone")") << int(FieldType::Phone);
    QTest::newRow("email") << QStringLiteral(R"("type": "email")") << int(FieldType::Email);
    QTest::newRow("rating") << QStringLiteral(R"("type": "rating", "max": 10)") << int(FieldType::Rating);
    QTest::newRow("barcode") << QStringLiteral(R"("type": "barcode", "pattern": "[0-9]{13}")")
                             << int(FieldType::Barcode);
    QTest::newRow("photo") << QStringLiteral(R"("type": "photo", "max": 3)") << int(FieldType::Photo);
    QTest::newRow("signature") << QStringLiteral(R"("type": "signature", "required": true)")
                               << int(FieldType::Signature);
    QTest::newRow("group") << QStringLiteral(
                                  R"("type": "group", "fields": [{"id": "y", "type": "text", "label": "Y"}])")
                           << int(FieldType::Group);
}

void tst_LayoutReader::acceptsEveryFieldType()
{
    QFETCH(QString, field);
    QFETCH(int, type);
    const LayoutReader::Result result = LayoutReader::read(
        layoutWith(QStringLiteral(R"({"id": "x", "label": {"en": "X", "zh_CN": "十"}, %1})").arg(field)),
        LayoutJson::Mode::Publish);
    QVERIFY2(result.layout, qPrintable(LayoutJson::describe(result.problems)));
    QCOMPARE(int(result.layout->field(QStringLiteral("x"))->type), type);
    QCOMPARE(fieldTypeName(FieldType(type)), result.layout->field(QStringLiteral("x"))->typeName);
}

void tst_LayoutReader::unknownTypeIsUnsupportedWhenRendering()
{
    const QByteArray json = layoutWith(QStringLiteral(
        R"({"id": "a", "type": "slider", "label": "A", "steps": 7}, {"id": "b", "type": "text", "label": "B"})"));
    QVERIFY(!LayoutReader::read(json, LayoutJson::Mode::Publish).layout);
    const LayoutReader::Result result = LayoutReader::read(json, LayoutJson::Mode::Render);
    QVERIFY2(result.layout, qPrintable(LayoutJson::describe(result.problems)));
    const FieldSpec *slider = result.layout->field(QStringLiteral("a"));
    QVERIFY(slider->isUnsupported());
    QCOMPARE(slider->typeName, QStringLiteral("slider"));
    QCOMPARE(slider->raw.value(QStringLiteral("steps")).toInt(), 7);
    QCOMPARE(slider->label.text(QStringLiteral("en")), QStringLiteral("A"));
}

void tst_LayoutReader::unknownPropertiesAreIgnoredWhenRendering()
{
    const QByteArray json = layoutWith(
        QStringLiteral(R"({"id": "a", "type": "text", "label": "A", "placeholder": "from a newer server"})"));
    QVERIFY(!LayoutReader::read(json, LayoutJson::Mode::Publish).layout);
    QVERIFY(LayoutReader::read(json, LayoutJson::Mode::Render).layout);
}

void tst_LayoutReader::limits()
{
    QByteArray huge(LayoutReader::MaxBytes + 1, ' ');
    LayoutReader::Result result = LayoutReader::read(huge, LayoutJson::Mode::Publish);
    QVERIFY(!result.layout);
    QVERIFY(result.problems.front().message.contains(QStringLiteral("larger than 4 MB")));

    const auto fields = [](int count) {
        QStringList list;
        for (int i = 0; i < count; ++i)
            list << QStringLiteral(R"({"id": "f%1", "type": "integer", "label": "F"})").arg(i);
        return list.join(QLatin1Char(','));
    };
    QElapsedTimer timer;
    timer.start();
    result = LayoutReader::read(layoutWith(fields(LayoutReader::MaxFields)), LayoutJson::Mode::Publish);
    QVERIFY2(result.layout, qPrintable(LayoutJson::describe(result.problems)));
    QCOMPARE(result.layout->allFields().size(), size_t(LayoutReader::MaxFields));
    qInfo("read %d fields in %lld ms", LayoutReader::MaxFields, qlonglong(timer.elapsed()));

    result = LayoutReader::read(layoutWith(fields(LayoutReader::MaxFields + 1)), LayoutJson::Mode::Publish);
    QVERIFY(!result.layout);
    QVERIFY2(LayoutJson::describe(result.problems).contains(QStringLiteral("more than 10000 fields")),
             qPrintable(LayoutJson::describe(result.problems)));

    // A chain of computed fields as long as the limit allows: checked without recursion.
    QStringList chain{QStringLiteral(R"({"id": "c0", "type": "integer", "label": "C"})")};
    for (int i = 1; i < 5000; ++i)
        chain << QStringLiteral(R"({"id": "c%1", "type": "integer", "label": "C", "computed": "c%2 + 1"})")
                     .arg(i)
                     .arg(i - 1);
    result = LayoutReader::read(layoutWith(chain.join(QLatin1Char(','))), LayoutJson::Mode::Publish);
    QVERIFY2(result.layout, qPrintable(LayoutJson::describe(result.problems)));

    // Problems stop being collected at a hundred, however many there are.
    QStringList bad;
    for (int i = 0; i < 500; ++i)
        bad << QStringLiteral(R"({"id": "1bad", "type": "nope"})");
    result = LayoutReader::read(layoutWith(bad.join(QLatin1Char(','))), LayoutJson::Mode::Publish);
    QCOMPARE(int(result.problems.size()), LayoutJson::MaxProblems);
}

QTEST_GUILESS_MAIN(tst_LayoutReader)
#include "tst_layoutreader.moc"
