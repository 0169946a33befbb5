// Writing a layout back to JSON (what the designer publishes): reading what was written gives the same layout,
// every property and an unknown field type included, and writing is stable.
#include "app/forms/LayoutDiff.h"
#include "app/forms/LayoutReader.h"
#include "app/forms/LayoutWriter.h"

#include <QFile>
#include <QtTest>

using namespace fieldline::forms;

namespace {

Layout read(const QByteArray &json)
{
    LayoutReader::Result result = LayoutReader::read(json, LayoutJson::Mode::Render);
    if (!result.layout)
        qWarning("%s", qPrintable(LayoutJson::describe(result.problems)));
    return result.layout.value_or(Layout());
}

} // namespace

class tst_LayoutWriter : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("json");
        QFile file(qEnvironmentVariable("FIELDLINE_SOURCE_DIR") + QStringLiteral("/resources/forms/visit-report.json"));
        QVERIFY2(file.open(QIODevice::ReadOnly), "run through ctest, which sets FIELDLINE_SOURCE_DIR");
        QTest::newRow("visit report") << file.readAll();
        QTest::newRow("every property") << QByteArray(R"~({"format": 1, "id": "all", "version": 7,
          "title": {"en": "All", "zh_CN": "全部"},
          "sections": [{"id": "a", "title": {"en": "A"}, "visibleIf": "n > 1", "fields": [
            {"id": "n", "type": "integer", "label": {"en": "N"}, "hint": {"en": "A number"}, "min": 1, "max": 9,
             "default": 3, "required": true},
            {"id": "t", "type": "text", "label": {"en": "T"}, "pattern": "[a-z]+",
             "patternMessage": {"en": "Lower case"}, "requiredIf": "n = 2", "readOnly": true, "max": 40},
            {"id": "d", "type": "decimal", "label": {"en": "D"}, "places": 2, "min": "0.5",
             "constraint": "d < 100", "constraintMessage": {"en": "Too much"}},
            {"id": "c", "type": "choice", "label": {"en": "C"}, "default": "y",
             "options": [{"value": "x", "label": {"en": "X"}}, {"value": "y", "label": {"en": "Y", "zh_CN": "是"}}]},
            {"id": "on", "type": "date", "label": {"en": "On"}, "min": "2026-01-01"},
            {"id": "slider", "type": "slider", "label": {"en": "S"}, "steps": 5, "colour": "blue"},
            {"id": "g", "type": "group", "label": {"en": "G"}, "max": 4, "fields": [
              {"id": "q", "type": "integer", "label": {"en": "Q"}},
              {"id": "twice", "type": "integer", "label": {"en": "2Q"}, "computed": "q * 2"}]},
            {"id": "total", "type": "integer", "label": {"en": "Total"}, "computed": "sum(g.twice)"}]}]})~");
    }

    void roundTrip()
    {
        QFETCH(QByteArray, json);
        const Layout original = read(json);
        QVERIFY(!original.sections.empty());
        const QByteArray written = LayoutWriter::write(original);
        const Layout back = read(written);
        QCOMPARE(back.id, original.id);
        QCOMPARE(back.version, original.version);
        QCOMPARE(back.allFields().size(), original.allFields().size());
        QCOMPARE(LayoutDiff::between(original, back), QStringList());
        QCOMPARE(back.sections.front().visibleIf.source, original.sections.front().visibleIf.source);
        QCOMPARE(LayoutWriter::write(back), written);
    }

    void unknownTypeIsWrittenAsItCame()
    {
        const Layout layout = read(R"({"format": 1, "id": "u", "version": 1, "title": "U", "sections": [{"id": "s",
            "fields": [{"id": "slider", "type": "slider", "label": "S", "steps": 5}]}]})");
        const QJsonObject field =
            LayoutWriter::toJson(layout)[QStringLiteral("sections")][0][QStringLiteral("fields")][0].toObject();
        QCOMPARE(field[QStringLiteral("steps")].toInt(), 5);
        QCOMPARE(field[QStringLiteral("type")].toString(), QStringLiteral("slider"));
    }
};

QTEST_GUILESS_MAIN(tst_LayoutWriter)
#include "tst_layoutwriter.moc"
