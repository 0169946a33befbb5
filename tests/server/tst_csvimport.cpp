#include "app/csv/FormulaGuard.h"
#include "app/sync/AppSchema.h"
#include "app/telemarketing/MemberId.h"
#include "server/CellParser.h"
#include "server/CsvExport.h"
#include "server/CsvImport.h"
#include "server/CsvReader.h"
#include "server/DemoData.h"
#include "server/ImportSchema.h"
#include "sync/RowMerge.h"

#include <QTest>

#include <map>

using namespace fieldline::server;
using fieldline::sync::Change;
using fieldline::sync::ChangeBatch;
using fieldline::sync::RowId;
using fieldline::sync::RowState;
using fieldline::sync::SiteId;
using fieldline::sync::Stamp;

namespace {

class FixedClock final : public fieldline::sync::Clock
{
public:
    qint64 nowMs() const override { return ms; }
    qint64 ms = 1767225600000;
};

CellParser cells()
{
    return CellParser({QStringLiteral("agent"), QStringLiteral("field")}, QString());
}

QStringList problems(const QByteArray &csv, const char *table = "contacts")
{
    const CellParser parser = cells();
    CsvImport import(*importTable(QString::fromLatin1(table)), parser);
    import.check(CsvReader({}).read(csv));
    QStringList out;
    for (const CsvProblem &problem : import.problems())
        out.append(problem.toString());
    return out;
}

/** The rows a server would hold after merging @p changes into @p rows, as SyncStore::rows() returns them. */
std::vector<SyncStore::StoredRow> merged(std::vector<SyncStore::StoredRow> rows, const ChangeBatch &changes)
{
    std::map<RowId, RowState> byId;
    for (auto &row : rows)
        byId[row.id] = row.state;
    std::map<RowId, std::vector<size_t>> indexes;
    for (size_t i = 0; i < changes.size(); ++i)
        indexes[changes[i].row].push_back(i);
    std::vector<fieldline::sync::ApplyResult> results(changes.size());
    for (const auto &[id, list] : indexes)
        fieldline::sync::mergeRowChanges(byId[id], changes, list, true, results);
    std::vector<SyncStore::StoredRow> out;
    for (auto &[id, state] : byId) {
        state.exists = true;
        out.push_back({id, state});
    }
    return out;
}

ImportPlan plan(const QByteArray &csv, const std::vector<SyncStore::StoredRow> &stored, const FixedClock &clock,
                const char *table = "contacts")
{
    const CellParser parser = cells();
    CsvImport import(*importTable(QString::fromLatin1(table)), parser);
    if (!import.check(CsvReader({}).read(csv)))
        qWarning() << import.problems().front().toString();
    return import.plan(stored, clock);
}

} // namespace

/** CsvImport's checks (one problem per bad line, with its number) and its plan against stored rows, no server. */
class TestCsvImport : public QObject
{
    Q_OBJECT

private slots:
    void tablesFollowTheClientSchema()
    {
        const fieldline::sync::SyncSchema schema = fieldline::app::appSchema();
        for (const QString &name : importTableNames()) {
            const auto *client = schema.find(name);
            QVERIFY2(client, qPrintable(name));
            const ImportTable &table = *importTable(name);
            QStringList imported;
            for (const auto &column : client->columns) {
                if (!table.notImported.contains(column.name))
                    imported.append(column.name);
            }
            QCOMPARE(qsizetype(table.columns.size()), imported.size());
            for (size_t i = 0; i < table.columns.size(); ++i)
                QCOMPARE(table.columns[i].name, imported[qsizetype(i)]);
        }
    }

    void badLinesAreEachReported_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QStringList>("expected");
        const QByteArray header = "first_name,last_name,phone,time_zone,owner\n";
        QTest::newRow("every kind of bad line")
            << header + "Ada,Okafor,+12125550100,America/New_York,agent\n" // 2: good
                        "Ben,Schmidt,+1 555,Europe/Berlin,agent\n"         // 3
                        "Chloé,Dubois,+33142250000\n"                      // 4
                        "Dmitri,Ivanova,,Europe/Moscow,agent\n"            // 5
                        "Elif,Yilmaz,+493090100000,Mars/Base,nobody\n"     // 6
                        "Farah,Haddad,+442079400000,Europe/London,field\n"
            << QStringList{QStringLiteral("line 3: phone '+1 555' is not a valid phone number"),
                           QStringLiteral("line 4: 3 fields, the header has 5"),
                           QStringLiteral("line 5: phone is required and empty"),
                           QStringLiteral("line 6: time_zone 'Mars/Base' is not a known time zone (such as "
                                          "Europe/Berlin)"),
                           QStringLiteral("line 6: owner 'nobody' is not a user of this tenant")};
        QTest::newRow("no country code")
            << header + "Gao,Chen,212 555 0100,,\n"
            << QStringList{QStringLiteral("line 2: phone '212 555 0100' is not a valid phone number (write it with its "
                                          "country code, such as +1 212 555 0100)")};
        QTest::newRow("extension") // E.164 has none: kept, the number would be shortened without a word
            << header + "Hana,Sato,+1 212 555 0100 ext. 12,,\n"
                        "Ivo,Novak,+1 212 555 0101,,\n"
                        "Jana,Horak,+1 (212) 555-0102 x7,,\n"
            << QStringList{QStringLiteral("line 2: phone '+1 212 555 0100 ext. 12' has an extension (12), which a "
                                          "phone number here cannot keep: import the number without it and keep the "
                                          "extension in another column"),
                           QStringLiteral("line 4: phone '+1 (212) 555-0102 x7' has an extension (7), which a phone "
                                          "number here cannot keep: import the number without it and keep the "
                                          "extension in another column")};
        QTest::newRow("duplicate and malformed ids")
            << QByteArray("id,phone\n"
                          "00112233445566778899aabbccddeeff,+12125550100\n"
                          "xyz,+12125550101\n"
                          "00112233445566778899AABBCCDDEEFF,+12125550102\n")
            << QStringList{QStringLiteral("line 3: id 'xyz' is not 32 hexadecimal digits"),
                           QStringLiteral("line 4: id 00112233445566778899AABBCCDDEEFF is already on line 2")};
        QTest::newRow("header problems")
            << QByteArray("phone,fax,Phone\n+12125550100,1,2\n")
            << QStringList{QStringLiteral("line 1: unknown column 'fax'; contacts has the columns id, first_name, "
                                          "last_name, company, phone, time_zone, owner, territory, do_not_call"),
                           QStringLiteral("line 1: the column 'phone' appears twice")};
        QTest::newRow("semicolons") << QByteArray("first_name;phone\nAda;+12125550100\n")
                                    << QStringList{QStringLiteral(
                                           "line 1: the columns are separated by semicolons, not commas; save the file "
                                           "as CSV with commas (UTF-8)")};
        QTest::newRow("tabs") << QByteArray("first_name\tphone\nAda\t+12125550100\n")
                              << QStringList{QStringLiteral("line 1: the columns are separated by tabs, not commas; "
                                                            "save the file as CSV with commas (UTF-8)")};
        QTest::newRow("required column missing")
            << QByteArray("first_name\nAda\n")
            << QStringList{QStringLiteral("line 1: the required column 'phone' is missing")};
        QTest::newRow("empty file") << QByteArray()
                                    << QStringList{
                                           QStringLiteral("line 1: the file is empty; its first line names the "
                                                          "columns, such as id, first_name, last_name, "
                                                          "company, phone, time_zone, owner, territory, do_not_call")};
        QTest::newRow("reader and table problems in line order")
            << header + "a,b,+1 555,,\n\"x\"y,b,+12125550100,,\nc,d,+12125550100,,\n"
            << QStringList{QStringLiteral("line 2: phone '+1 555' is not a valid phone number"),
                           QStringLiteral("line 3: text after the closing quote of field 1 (a quote inside a quoted "
                                          "field is written as two quotes)")};
    }
    void badLinesAreEachReported()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QStringList, expected);
        QCOMPARE(problems(csv), expected);
    }

    void numbersAreChecked()
    {
        QCOMPARE(problems("sku,name,unit_price_cents\nA,a,12.5\nB,b,-1\nC,c,199\n", "products"),
                 (QStringList{QStringLiteral("line 2: unit_price_cents '12.5' is not a whole number"),
                              QStringLiteral("line 3: unit_price_cents '-1' is not at least 0")}));
        QCOMPARE(problems("name,latitude,longitude\nA,91,0\nB,52,5;3\nC,-33.87,151.21\n", "accounts"),
                 (QStringList{QStringLiteral("line 2: latitude '91' is not between -90 and 90"),
                              QStringLiteral("line 3: longitude '5;3' is not a number (write decimals with a point, "
                                             "such as 52.52)")}));
    }

    void zonesAndBlankRequiredText()
    {
        // A zone the system knows but Qt's id list leaves out (not in zone.tab) is taken, as devices take it, and so
        // is a UTC offset; a path is not a zone. A required name of spaces is as empty as no name.
        QCOMPARE(problems("first_name,phone,time_zone\n"
                          "Hana,+81312345678,Etc/GMT-9\n"
                          "Ivan,+12125550100,UTC+05:30\n"
                          "Jo,+12125550101,../../etc/localtime\n"),
                 (QStringList{QStringLiteral("line 4: time_zone '../../etc/localtime' is not a known time zone (such "
                                             "as Europe/Berlin)")}));
        QCOMPARE(problems("sku,name,unit_price_cents\n   ,Widget,1\nB,  ,2\nC,Gadget,3\n", "products"),
                 (QStringList{QStringLiteral("line 2: sku is required and empty"),
                              QStringLiteral("line 3: name is required and empty")}));
    }

    void phonesAreStoredInE164()
    {
        FixedClock clock;
        const ImportPlan first = plan("phone\n+1 (212) 555-0100\n", {}, clock);
        QCOMPARE(first.created, 1);
        QCOMPARE(first.changes.size(), size_t(2)); // the row record and its phone
        QCOMPARE(std::get<QString>(first.changes[1].value), QStringLiteral("+12125550100"));
        QCOMPARE(first.changes[1].stamp.site, CsvImport::importSite());
    }

    void reimportWithIdsChangesNothing()
    {
        FixedClock clock;
        const QByteArray csv = "id,last_name,phone\n"
                               "00000000000000000000000000000001,Okafor,+12125550100\n"
                               "00000000000000000000000000000002,Chen,+861065200000\n";
        const ImportPlan first = plan(csv, {}, clock);
        QCOMPARE(first.created, 2);
        std::vector<SyncStore::StoredRow> stored = merged({}, first.changes);
        clock.ms += 1000;
        const ImportPlan second = plan(csv, stored, clock);
        QCOMPARE(second.changes.size(), size_t(0));
        QCOMPARE(second.unchanged, 2);

        // One changed cell is one write, stamped in the row's life and newer than what it replaces.
        const ImportPlan third = plan("id,phone\n00000000000000000000000000000002,+861065200001\n", stored, clock);
        QCOMPARE(third.updated, 1);
        QCOMPARE(third.changes.size(), size_t(1));
        QCOMPARE(third.changes[0].column, QStringLiteral("phone"));
        QVERIFY(third.changes[0].stamp.hlc > first.changes[0].stamp.hlc);
        stored = merged(stored, third.changes);
        // last_name was not in that file, so it is kept.
        QVERIFY(exportCsv(*importTable(QStringLiteral("contacts")), stored)
                    .contains("00000000000000000000000000000002,,Chen,,+861065200001,,,,\r\n"));
    }

    // A device that clears a text field may store empty text; the export writes an empty field, which reads as no
    // value. Importing that export again changes nothing.
    void clearedTextReadsBackUnchanged()
    {
        FixedClock clock;
        const QByteArray csv =
            "id,last_name,company,phone\n00000000000000000000000000000001,Okafor,Kestrel,+12125550100\n";
        std::vector<SyncStore::StoredRow> stored = merged({}, plan(csv, {}, clock).changes);
        const RowId id = stored.front().id;
        const Stamp cleared{stored.front().state.stamp.cl, stored.front().state.stamp.hlc + 1, SiteId::generate()};
        stored =
            merged(stored,
                   {Change{QStringLiteral("contacts"), id, QStringLiteral("company"), QStringLiteral(""), cleared, 0}});
        QCOMPARE(stored.front().state.liveCell(QStringLiteral("company"))->value,
                 fieldline::sync::Value(QStringLiteral("")));
        const QByteArray exported = exportCsv(*importTable(QStringLiteral("contacts")), stored);
        QVERIFY(exported.contains("00000000000000000000000000000001,,Okafor,,+12125550100"));
        clock.ms += 1000;
        const ImportPlan again = plan(exported, stored, clock);
        QCOMPARE(again.unchanged, 1);
        QCOMPARE(again.changes.size(), size_t(0));
        // A value in the field still replaces the empty text.
        const ImportPlan named =
            plan("id,company,phone\n00000000000000000000000000000001,Harrier,+12125550100\n", stored, clock);
        QCOMPARE(named.updated, 1);
    }

    void exportReadsBackToTheSameRows()
    {
        FixedClock clock;
        const QByteArray csv = "name,city,latitude,longitude,owner\n"
                               "\"Kestrel Tools, Ltd\",Berlin,52.52,13.405,field\n"
                               "长城五金,\"Bei\njing\",39.9,116.4,\n"
                               "Plain,,-0.1,1e-7,\n";
        const ImportTable &accounts = *importTable(QStringLiteral("accounts"));
        const std::vector<SyncStore::StoredRow> stored = merged({}, plan(csv, {}, clock, "accounts").changes);
        const QByteArray exported = exportCsv(accounts, stored);
        QVERIFY(exported.startsWith("id,name,city,latitude,longitude,owner,territory\r\n"));
        const ImportPlan again = plan(exported, stored, clock, "accounts");
        QCOMPARE(again.unchanged, 3);
        QCOMPARE(again.changes.size(), size_t(0));
        QCOMPARE(exportCsv(accounts, merged(stored, again.changes)), exported);
    }

    void textThatStartsLikeAFormulaIsExportedAsText()
    {
        // Notes typed on a device must not run when an admin opens the export in a spreadsheet; the mark the
        // export adds is dropped again on import, and numbers (a negative amount, an E.164 phone) stay unmarked.
        FixedClock clock;
        const QByteArray csv = "name,city\n"
                               "\"=HYPERLINK(\"\"http://example.com\"\",\"\"x\"\")\",-2+3+cmd\n"
                               "@SUM(A1),''=kept with its apostrophe\n"
                               "-5,+4930123456\n"
                               "Semi,a;=1+1\n"
                               "\"\t=3\",\"b\t=2\"\n";
        const ImportTable &accounts = *importTable(QStringLiteral("accounts"));
        const std::vector<SyncStore::StoredRow> stored = merged({}, plan(csv, {}, clock, "accounts").changes);
        QStringList cities;
        for (const auto &row : stored)
            cities.append(std::get<QString>(row.state.liveCell(QStringLiteral("city"))->value));
        cities.sort();
        QCOMPARE(cities, (QStringList{QStringLiteral("'=kept with its apostrophe"), QStringLiteral("+4930123456"),
                                      QStringLiteral("-2+3+cmd"), QStringLiteral("a;=1+1"), QStringLiteral("b\t=2")}));
        const QByteArray exported = exportCsv(accounts, stored);
        for (const char *field :
             {",\"'=HYPERLINK(\"\"http", ",'-2+3+cmd,", ",'@SUM(A1),", ",''=kept with", ",-5,", ",+4930123456,",
              // quoted, so a spreadsheet splitting on ; or tab keeps the cell whole
              ",\"a;=1+1\",", ",\"'\t=3\",\"b\t=2\","})
            QVERIFY2(exported.contains(field), qPrintable(QString::fromUtf8(exported) + QLatin1String(field)));
        const ImportPlan again = plan(exported, stored, clock, "accounts");
        QCOMPARE(again.unchanged, 5);
        QCOMPARE(again.changes.size(), size_t(0));
    }

    void formulaGuardMarksOnlyWhatCouldRun()
    {
        using fieldline::csv::FormulaGuard;
        for (const char *plain : {"Okafor", "-5", "+4930123456", "1.5e3", "-.5", "", "'", "a=b"})
            QCOMPARE(FormulaGuard::guard(QString::fromLatin1(plain)), QString::fromLatin1(plain));
        for (const char *formula : {"=1+1", "-5\n", "+49 30 1234", "@x", "\t=1", "\r=1", "'=1", "-"})
            QCOMPARE(FormulaGuard::guard(QString::fromLatin1(formula)),
                     QLatin1Char('\'') + QString::fromLatin1(formula));
        for (const char *value : {"=1+1", "-5\n", "'=1", "''@x", "'", "'a", "-5"})
            QCOMPARE(FormulaGuard::unguard(FormulaGuard::guard(QString::fromLatin1(value))),
                     QString::fromLatin1(value));
        QCOMPARE(FormulaGuard::unguard(QStringLiteral("'plain")),
                 QStringLiteral("'plain")); // not a mark guard() writes
    }

    void demoDataExportsAndImportsCleanly()
    {
        // Every demo phone must be a valid number, or an admin's first export of the demo tenant would not
        // import again.
        const ChangeBatch demo = demoRows(DemoDataSize{10000, 500, 5000, 0});
        FixedClock clock;
        for (const char *table : {"contacts", "accounts", "products"}) {
            ChangeBatch ofTable;
            std::copy_if(demo.cbegin(), demo.cend(), std::back_inserter(ofTable),
                         [&](const auto &change) { return change.table == QLatin1String(table); });
            const std::vector<SyncStore::StoredRow> stored = merged({}, ofTable);
            const QByteArray exported = exportCsv(*importTable(QString::fromLatin1(table)), stored);
            const QStringList found = problems(exported, table);
            QVERIFY2(found.isEmpty(), qPrintable(found.mid(0, 3).join(u'\n')));
            const ImportPlan again = plan(exported, stored, clock, table);
            QCOMPARE(again.changes.size(), size_t(0));
            QVERIFY(again.unchanged >= 500);
        }
    }

    void deletedRowsComeBackInANewLife()
    {
        FixedClock clock;
        const QByteArray csv = "id,phone\n00000000000000000000000000000003,+12125550100\n";
        std::vector<SyncStore::StoredRow> stored = merged({}, plan(csv, {}, clock).changes);
        // A device deletes it: causal length 2.
        stored.front().state.stamp.cl = 2;
        QVERIFY(!exportCsv(*importTable(QStringLiteral("contacts")), stored).contains("0000000003"));
        const ImportPlan back = plan(csv, stored, clock);
        QCOMPARE(back.updated, 1);
        QCOMPARE(back.changes.front().stamp.cl, qint64(3));
        QVERIFY(back.changes.front().isRowChange());
    }

    // Campaign set-up: every campaign cell kind is checked, members name live campaigns and contacts of the tenant,
    // take their contact's calling-hours zone, and new ones start queued with no attempts.
    void campaignsAndMembers()
    {
        const QByteArray dispositions = R"("[{""code"": ""sale"", ""label"": {""en"": ""Sale""}, ""key"": ""1""}]")";
        const QStringList bad = problems("name,mode,window_start,window_end,max_attempts,retry_minutes,dispositions\n"
                                         "Spring,preview,09:00,21:00,3,\"60,240\"," +
                                             dispositions +
                                             "\n"
                                             "Robo,robocall,9am,21:00,0,soon,[]\n"
                                             "Long,progressive,09:00,21:00,3,60,\"[{\"\"code\"\": \"\"x\"\"}]\"\n",
                                         "campaigns");
        QCOMPARE(bad.size(), 6);
        QVERIFY2(bad[0].startsWith(QStringLiteral("line 3: mode 'robocall' is not one of preview, progressive")),
                 qPrintable(bad.join(u'\n')));
        QVERIFY(bad[1].contains(QStringLiteral("window_start '9am' is not a time of day")));
        QVERIFY(bad[2].contains(QStringLiteral("max_attempts '0' is not between 1 and 100")));
        QVERIFY(bad[3].contains(QStringLiteral("retry_minutes 'soon'")));
        QVERIFY(bad[4].startsWith(QStringLiteral("line 3: dispositions: ")));
        QVERIFY(bad[5].startsWith(QStringLiteral("line 4: dispositions: ")));

        // Re-imported with the mode left empty: the stored mode stays (new rows would get "preview").
        FixedClock first;
        const QByteArray rule = "id,name,mode,window_start,window_end,max_attempts,dispositions\n"
                                "00000000000000000000000000000009,Spring,%1,09:00,21:00,3," +
                                dispositions + "\n";
        const auto stored =
            merged({}, plan(QByteArray(rule).replace("%1", "progressive"), {}, first, "campaigns").changes);
        const ImportPlan blank = plan(QByteArray(rule).replace("%1", ""), stored, first, "campaigns");
        QCOMPARE(blank.unchanged, 1);
        QCOMPARE(blank.changes.size(), size_t(0));

        const QByteArray campaign = QByteArray(16, '\x01');
        const QByteArray nyContact = QByteArray(16, '\x02');
        const QByteArray placeless = QByteArray(16, '\x03');
        ReferenceIndex references;
        references[QStringLiteral("campaigns")].insert(campaign, QString());
        references[QStringLiteral("contacts")].insert(nyContact, QStringLiteral("tz:America/New_York"));
        references[QStringLiteral("contacts")].insert(placeless, QString());
        const CellParser parser({QStringLiteral("agent")}, QString(), references);
        CsvImport members(*importTable(QStringLiteral("campaign_members")), parser);
        const QByteArray header = "campaign,contact,priority,owner\n";
        const QByteArray good = campaign.toHex() + "," + nyContact.toHex() + ",5,agent\n";
        const QByteArray file = header + good + campaign.toHex() + "," + placeless.toHex() + ",1,\n" +
                                QByteArray(32, 'f') + "," + nyContact.toHex() + ",1,\n";
        QVERIFY(!members.check(CsvReader({}).read(file)));
        QCOMPARE(members.problems().size(), size_t(2));
        QVERIFY(members.problems()[0].toString().contains(QStringLiteral("calling hours cannot be applied")));
        QVERIFY(
            members.problems()[1].toString().contains(QStringLiteral("not the id of one of this tenant's campaigns")));

        CsvImport clean(*importTable(QStringLiteral("campaign_members")), parser);
        const QByteArray goodFile = header + good;
        QVERIFY(clean.check(CsvReader({}).read(goodFile)));
        FixedClock clock;
        std::map<QString, fieldline::sync::Value> cells;
        for (const auto &change : clean.plan({}, clock).changes)
            cells[change.column] = change.value;
        QCOMPARE(cells[QStringLiteral("zone")], fieldline::sync::Value(QStringLiteral("tz:America/New_York")));
        QCOMPARE(cells[QStringLiteral("status")], fieldline::sync::Value(QStringLiteral("queued")));
        QCOMPARE(cells[QStringLiteral("attempts")], fieldline::sync::Value(qint64(0)));
        QCOMPARE(cells[QStringLiteral("next_attempt_ms")], fieldline::sync::Value(qint64(0)));
        QCOMPARE(cells[QStringLiteral("priority")], fieldline::sync::Value(qint64(5)));
        QCOMPARE(cells[QStringLiteral("campaign")], fieldline::sync::Value(campaign));
    }

    void campaignRulesAcrossColumnsAreCheckedAsStored()
    {
        const QByteArray dispositions = "\"[{\"\"code\"\": \"\"later\"\", \"\"label\"\": {\"\"en\"\": "
                                        "\"\"Later\"\"}, \"\"key\"\": \"\"2\"\", \"\"effect\"\": \"\"retry\"\"}]\"";
        const QByteArray header = "id,name,window_start,window_end,max_attempts,retry_minutes,dispositions\n";
        FixedClock clock;
        // Each cell is fine alone; together the window closes before it opens, or retries have no delay.
        const ImportPlan crossed =
            plan(header + "00000000000000000000000000000001,Evening,21:00,09:00,3,60," + dispositions + "\n" +
                     "00000000000000000000000000000002,Soon,09:00,21:00,3,," + dispositions + "\n",
                 {}, clock, "campaigns");
        QCOMPARE(crossed.problems.size(), size_t(2));
        QVERIFY2(crossed.problems[0].toString().startsWith(QStringLiteral("line 2: Campaign Evening has no valid "
                                                                          "calling window")),
                 qPrintable(crossed.problems[0].toString()));
        QVERIFY(crossed.problems[1].toString().startsWith(QStringLiteral("line 3: Campaign Soon retries calls")));

        // A file leaving retry_minutes out keeps each stored value, and the rules are checked with it.
        const QByteArray finalOnly = "\"[{\"\"code\"\": \"\"sale\"\", \"\"label\"\": {\"\"en\"\": \"\"Sale\"\"}, "
                                     "\"\"key\"\": \"\"1\"\"}]\"";
        const auto stored =
            merged({}, plan(header + "00000000000000000000000000000001,Day,09:00,17:00,3,," + finalOnly +
                                "\n00000000000000000000000000000002,Dusk,17:00,20:00,3,60," + finalOnly + "\n",
                            {}, clock, "campaigns")
                           .changes);
        const ImportPlan retries =
            plan("id,name,window_start,window_end,max_attempts,dispositions\n"
                 "00000000000000000000000000000001,Day,09:00,17:00,3," +
                     dispositions + "\n00000000000000000000000000000002,Dusk,17:00,20:00,3," + dispositions + "\n",
                 stored, clock, "campaigns");
        QCOMPARE(retries.problems.size(), size_t(1));
        QVERIFY2(retries.problems[0].toString().startsWith(QStringLiteral("line 2: Campaign Day retries calls")),
                 qPrintable(retries.problems[0].toString()));
        QCOMPARE(retries.updated, 2);
    }

    void aMemberFileWithoutIdsNamesTheSameRowsAgain()
    {
        const QByteArray campaign(16, '\x01');
        const QByteArray ann(16, '\x02');
        const QByteArray bob(16, '\x04');
        ReferenceIndex references;
        references[QStringLiteral("campaigns")].insert(campaign, QString());
        references[QStringLiteral("contacts")].insert(ann, QStringLiteral("tz:Europe/Berlin"));
        references[QStringLiteral("contacts")].insert(bob, QStringLiteral("tz:Europe/Berlin"));
        const CellParser parser({QStringLiteral("agent")}, QString(), references);
        const ImportTable &members = *importTable(QStringLiteral("campaign_members"));
        const QByteArray header = "campaign,contact,priority\n";
        const QByteArray annLine = campaign.toHex() + "," + ann.toHex() + ",5\n";
        const QByteArray bobLine = campaign.toHex() + "," + bob.toHex() + ",1\n";

        CsvImport twice(members, parser);
        QVERIFY(!twice.check(CsvReader({}).read(QByteArray(header + annLine + bobLine + annLine))));
        QCOMPARE(twice.problems().size(), size_t(1));
        QCOMPARE(twice.problems()[0].toString(), QStringLiteral("line 4: the same campaign and contact as line 2"));
        // Also when one of the two lines names an id of its own.
        CsvImport named(members, parser);
        QVERIFY(!named.check(
            CsvReader({}).read(QByteArray("id," + header + QByteArray(32, 'a') + "," + annLine + "," + annLine))));
        QCOMPARE(named.problems().size(), size_t(1));
        QCOMPARE(named.problems()[0].toString(), QStringLiteral("line 3: the same campaign and contact as line 2"));

        FixedClock clock;
        CsvImport first(members, parser);
        QVERIFY(first.check(CsvReader({}).read(QByteArray(header + annLine + bobLine))));
        const ImportPlan created = first.plan({}, clock);
        QCOMPARE(created.created, 2);
        QCOMPARE(created.changes.front().row, fieldline::telemarketing::memberId(campaign, ann));
        auto stored = merged({}, created.changes);
        // Ann was worked meanwhile; the list comes again with Bob's priority raised.
        for (auto &row : stored) {
            if (row.id == fieldline::telemarketing::memberId(campaign, ann)) {
                for (auto &cell : row.state.cells) {
                    if (cell.column == QLatin1String("status"))
                        cell.value = QStringLiteral("done");
                }
            }
        }
        CsvImport again(members, parser);
        QVERIFY(again.check(
            CsvReader({}).read(QByteArray(header + annLine + campaign.toHex() + "," + bob.toHex() + ",9\n"))));
        QCOMPARE(again.namedIds().size(), size_t(2));
        const ImportPlan second = again.plan(stored, clock);
        QCOMPARE(second.created, 0);
        QCOMPARE(second.unchanged, 1);
        QCOMPARE(second.updated, 1);
        QCOMPARE(second.changes.size(), size_t(1));
        QCOMPARE(second.changes[0].column, QStringLiteral("priority"));
        QCOMPARE(second.changes[0].row, fieldline::telemarketing::memberId(campaign, bob));
    }
};

QTEST_GUILESS_MAIN(TestCsvImport)
#include "tst_csvimport.moc"
