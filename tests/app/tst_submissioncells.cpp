// How a submission maps onto form_values rows: ids, ranges, encode/decode, and the writes a save makes.
#include "app/forms/LayoutReader.h"
#include "app/formsync/SubmissionCells.h"
#include "app/formsync/SubmissionCheck.h"

#include <QtTest>

using namespace fieldline;
using forms::FormValue;
using formsync::StoredCells;
using formsync::SubmissionCells;

namespace {

forms::Layout layout()
{
    const QByteArray json = R"({"format": 1, "id": "t", "version": 1, "title": {"en": "T"}, "sections": [
      {"id": "s", "fields": [
        {"id": "name", "type": "text", "label": {"en": "Name"}},
        {"id": "qty", "type": "integer", "label": {"en": "Qty"}},
        {"id": "on", "type": "date", "label": {"en": "On"}},
        {"id": "tags", "type": "multi-choice", "label": {"en": "Tags"},
         "options": [{"value": "a", "label": {"en": "A"}}, {"value": "b", "label": {"en": "B"}}]},
        {"id": "double", "type": "integer", "label": {"en": "Double"}, "computed": "qty * 2"},
        {"id": "lines", "type": "group", "label": {"en": "Lines"}, "fields": [
          {"id": "sku", "type": "text", "label": {"en": "SKU"}},
          {"id": "price", "type": "decimal", "label": {"en": "Price"}}]}]}]})";
    return *forms::LayoutReader::read(json, forms::LayoutJson::Mode::Publish).layout;
}

sync::RowId submission(char fill)
{
    return *sync::RowId::fromBytes(QByteArray(16, fill));
}

forms::FormData sample()
{
    forms::FormData data;
    data.setValue(QStringLiteral("name"), FormValue::text(QStringLiteral("Zoë 📦")));
    data.setValue(QStringLiteral("qty"), FormValue::number(*forms::Decimal::parse(QStringLiteral("12"))));
    data.setValue(QStringLiteral("on"), FormValue::date(QDate(2026, 12, 4)));
    data.setValue(QStringLiteral("tags"), FormValue::list({FormValue::text(QStringLiteral("b"))}));
    data.setValue(QStringLiteral("double"), FormValue::number(*forms::Decimal::parse(QStringLiteral("24"))));
    data.rows(QStringLiteral("lines"))
        .push_back({QStringLiteral("r2"),
                    {{QStringLiteral("sku"), FormValue::text(QStringLiteral("AB-1"))},
                     {QStringLiteral("price"), FormValue::number(*forms::Decimal::parse(QStringLiteral("2.50")))}}});
    data.rows(QStringLiteral("lines")).push_back({QStringLiteral("r1"), {}});
    return data;
}

} // namespace

class TestSubmissionCells : public QObject
{
    Q_OBJECT

private slots:
    void rowIdsAreStableAndInTheSubmissionsRange()
    {
        const sync::RowId a = submission('\x11');
        QCOMPARE(SubmissionCells::rowId(a, QStringLiteral("qty")), SubmissionCells::rowId(a, QStringLiteral("qty")));
        QVERIFY(SubmissionCells::rowId(a, QStringLiteral("qty")) != SubmissionCells::rowId(a, QStringLiteral("name")));
        QVERIFY(SubmissionCells::rowId(a, QStringLiteral("qty")) !=
                SubmissionCells::rowId(submission('\x12'), QStringLiteral("qty")));
        const auto [first, last] = SubmissionCells::range(a);
        for (const char *path : {"qty", "lines/r1", "lines/r1/sku", ""}) {
            const sync::RowId id = SubmissionCells::rowId(a, QString::fromUtf8(path));
            QVERIFY(first <= id && id <= last);
        }
        // The neighbouring submissions' ranges do not overlap this one.
        QVERIFY(SubmissionCells::range(submission('\x10')).second < first);
        QVERIFY(last < SubmissionCells::range(submission('\x12')).first);
    }

    void encodeThenDecodeGivesTheValuesBack()
    {
        const forms::Layout form = layout();
        const StoredCells cells = SubmissionCells::encode(sample(), form);
        // Computed values are not stored; rows carry their position.
        QVERIFY(!cells.contains(QStringLiteral("double")));
        QCOMPARE(cells.value(QStringLiteral("lines/r2")), sync::Value(QStringLiteral("0")));
        QCOMPARE(cells.value(QStringLiteral("lines/r1")), sync::Value(QStringLiteral("1")));
        QCOMPARE(cells.value(QStringLiteral("lines/r2/price")), sync::Value(QStringLiteral("[\"2.5\"]")));
        QCOMPARE(cells.value(QStringLiteral("on")), sync::Value(QStringLiteral("[\"2026-12-04\"]")));
        QCOMPARE(cells.size(), 8);

        std::vector<forms::LayoutProblem> problems;
        forms::FormData back = SubmissionCells::decode(cells, form, problems);
        QVERIFY(problems.empty());
        forms::FormData expected = sample();
        expected.setValue(QStringLiteral("double"), FormValue());
        QCOMPARE(back.value(QStringLiteral("name")), expected.value(QStringLiteral("name")));
        QVERIFY(back == expected);
        QCOMPARE(back.rows(QStringLiteral("lines")).size(), size_t(2));
        QCOMPARE(back.rows(QStringLiteral("lines"))[0].id, QStringLiteral("r2"));
        QCOMPARE(back.rows(QStringLiteral("lines"))[0], expected.rows(QStringLiteral("lines"))[0]);
    }

    void decodeReportsWhatDoesNotFit_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("stored");
        QTest::addColumn<QString>("problemPath");
        QTest::newRow("unknown field") << "fax"
                                       << "[\"1\"]"
                                       << "fax";
        QTest::newRow("wrong type") << "qty"
                                    << "[\"twelve\"]"
                                    << "qty";
        QTest::newRow("not JSON") << "name"
                                  << "name"
                                  << "name";
        QTest::newRow("two items") << "name"
                                   << "[\"a\",\"b\"]"
                                   << "name";
        QTest::newRow("row of a field") << "name/r1"
                                        << "0"
                                        << "name/r1";
        QTest::newRow("row without position") << "lines/r9"
                                              << "first"
                                              << "lines/r9";
        QTest::newRow("group field outside a row") << "sku"
                                                   << "[\"x\"]"
                                                   << "sku";
        QTest::newRow("field of another group") << "lines/r2/qty"
                                                << "[\"1\"]"
                                                << "";
        QTest::newRow("field of a removed row") << "lines/r7/sku"
                                                << "[\"x\"]"
                                                << "";
    }

    void decodeReportsWhatDoesNotFit()
    {
        QFETCH(QString, path);
        QFETCH(QString, stored);
        QFETCH(QString, problemPath);
        StoredCells cells = SubmissionCells::encode(sample(), layout());
        cells.insert(path, stored);
        std::vector<forms::LayoutProblem> problems;
        const forms::FormData data = SubmissionCells::decode(cells, layout(), problems);
        if (problemPath.isEmpty()) {
            QVERIFY(problems.empty());
        } else {
            QCOMPARE(problems.size(), size_t(1));
            QCOMPARE(problems.front().path, problemPath);
            QVERIFY(!problems.front().message.isEmpty());
        }
        // The rest is still read.
        QCOMPARE(data.rows(QStringLiteral("lines")).size(), size_t(2));
        QCOMPARE(data.value(QStringLiteral("on")).toDate(), QDate(2026, 12, 4));
    }

    void checkedAtIsTheDevicesMomentWhenPlausible()
    {
        const QDateTime server = QDateTime(QDate(2026, 12, 5), QTime(20, 0), Qt::UTC);
        const QString started = QStringLiteral("2026-12-05T18:00:00.000Z");
        using formsync::SubmissionCheck;
        // The device's offset is kept, so its date is the user's (already the 6th in UTC+14).
        const QDateTime kept =
            SubmissionCheck::checkedAt(QStringLiteral("2026-12-06T09:30:00.000+14:00"), started, server);
        QCOMPARE(kept.date(), QDate(2026, 12, 6));
        QCOMPARE(kept.toMSecsSinceEpoch(), server.addSecs(-30 * 60).toMSecsSinceEpoch());
        // Older devices wrote UTC.
        QCOMPARE(SubmissionCheck::checkedAt(QStringLiteral("2026-12-05T19:00:00.000Z"), started, server).date(),
                 QDate(2026, 12, 5));
        // Unreadable, too far ahead of the server, or before the submission was started: the server's moment.
        for (const char *text : {"", "yesterday", "2026-12-05T20:06:00.000Z", "2026-12-05T17:50:00.000Z"})
            QCOMPARE(SubmissionCheck::checkedAt(QString::fromLatin1(text), started, server), server);
        // Within the allowed clock difference it stands.
        QCOMPARE(SubmissionCheck::checkedAt(QStringLiteral("2026-12-05T20:04:00.000Z"), started, server),
                 server.addSecs(240));
    }

    void changedAndRemovedRowsAreTheMinimalWrites()
    {
        const forms::Layout form = layout();
        const StoredCells before = SubmissionCells::encode(sample(), form);
        forms::FormData next = sample();
        next.setValue(QStringLiteral("name"), FormValue()); // cleared
        next.setValue(QStringLiteral("qty"), FormValue::number(*forms::Decimal::parse(QStringLiteral("13")))); // edited
        next.rows(QStringLiteral("lines")).erase(next.rows(QStringLiteral("lines")).begin()); // r2 removed
        const StoredCells after = SubmissionCells::encode(next, form);
        const StoredCells changed = SubmissionCells::changed(before, after);
        QCOMPARE(changed.value(QStringLiteral("name")), sync::Value());
        QCOMPARE(changed.value(QStringLiteral("qty")), sync::Value(QStringLiteral("[\"13\"]")));
        QCOMPARE(changed.value(QStringLiteral("lines/r1")), sync::Value(QStringLiteral("0"))); // moved up
        QCOMPARE(changed.size(), 3); // r2's fields go with the row, not as nulls
        QCOMPARE(SubmissionCells::removedRows(before, after), QStringList{QStringLiteral("lines/r2")});
        QVERIFY(SubmissionCells::changed(after, after).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSubmissionCells)
#include "tst_submissioncells.moc"
