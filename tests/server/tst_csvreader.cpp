#include "server/CsvReader.h"
#include "server/CsvWriter.h"

#include <QTest>

using fieldline::server::CsvDocument;
using fieldline::server::CsvReader;
using fieldline::server::CsvWriter;

namespace {

using Records = QList<QStringList>;

CsvDocument read(const QByteArray &data, CsvReader::Limits limits = {})
{
    return CsvReader(limits).read(data);
}

Records fieldsOf(const CsvDocument &document)
{
    Records out;
    for (const auto &record : document.records)
        out.append(record.fields);
    return out;
}

QList<qsizetype> linesOf(const CsvDocument &document)
{
    QList<qsizetype> out;
    for (const auto &record : document.records)
        out.append(record.line);
    return out;
}

QStringList problemsOf(const CsvDocument &document)
{
    QStringList out;
    for (const auto &problem : document.problems)
        out.append(problem.toString());
    return out;
}

} // namespace

/** CsvReader on RFC 4180 and on what spreadsheets save; CsvWriter's output read back unchanged. */
class TestCsvReader : public QObject
{
    Q_OBJECT

private slots:
    void readsRecords_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<Records>("records");
        QTest::addColumn<QList<qsizetype>>("lines");
        using L = QList<qsizetype>;
        auto s = [](const char *text) { return QString::fromUtf8(text); };
        QTest::newRow("LF") << QByteArray("a,b\n1,2\n") << Records{{s("a"), s("b")}, {s("1"), s("2")}} << L{1, 2};
        QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << Records{{s("a"), s("b")}, {s("1"), s("2")}} << L{1, 2};
        QTest::newRow("CR") << QByteArray("a,b\r1,2") << Records{{s("a"), s("b")}, {s("1"), s("2")}} << L{1, 2};
        QTest::newRow("no final line break")
            << QByteArray("a,b\n1,2") << Records{{s("a"), s("b")}, {s("1"), s("2")}} << L{1, 2};
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBFid,name\n1,x\n")
                             << Records{{s("id"), s("name")}, {s("1"), s("x")}} << L{1, 2};
        QTest::newRow("quoted comma") << QByteArray("\"Smith, Jr.\",b\n") << Records{{s("Smith, Jr."), s("b")}} << L{1};
        QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\",x\n") << Records{{s("say \"hi\""), s("x")}}
                                        << L{1};
        QTest::newRow("embedded newline")
            << QByteArray("a,\"line 1\nline 2\",c\nnext,row,here\n")
            << Records{{s("a"), s("line 1\nline 2"), s("c")}, {s("next"), s("row"), s("here")}} << L{1, 3};
        QTest::newRow("embedded CRLF") << QByteArray("\"x\r\ny\"\r\nz\r\n") << Records{{s("x\r\ny")}, {s("z")}}
                                       << L{1, 3};
        QTest::newRow("empty fields") << QByteArray(",,\n") << Records{{QString(), QString(), QString()}} << L{1};
        QTest::newRow("trailing comma at end") << QByteArray("a,") << Records{{s("a"), QString()}} << L{1};
        QTest::newRow("quoted empty") << QByteArray("\"\"\n") << Records{{QString()}} << L{1};
        QTest::newRow("blank lines skipped") << QByteArray("a\n\n\r\nb\n") << Records{{s("a")}, {s("b")}} << L{1, 4};
        QTest::newRow("ragged lines kept")
            << QByteArray("a,b,c\n1\n1,2,3,4\n")
            << Records{{s("a"), s("b"), s("c")}, {s("1")}, {s("1"), s("2"), s("3"), s("4")}} << L{1, 2, 3};
        QTest::newRow("bare quote inside a field")
            << QByteArray("5\" pipe,x\n") << Records{{s("5\" pipe"), s("x")}} << L{1};
        QTest::newRow("UTF-8") << QByteArray("长城五金,Chloé\n") << Records{{s("长城五金"), s("Chloé")}} << L{1};
        QTest::newRow("spaces kept") << QByteArray(" a , b \n") << Records{{s(" a "), s(" b ")}} << L{1};
        QTest::newRow("empty file") << QByteArray() << Records{} << L{};
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << Records{} << L{};
        QTest::newRow("BOM inside a field kept")
            << QByteArray("a\n\xEF\xBB\xBFx\n") << Records{{s("a")}, {QChar(0xFEFF) + s("x")}} << L{1, 2};
    }
    void readsRecords()
    {
        QFETCH(QByteArray, data);
        QFETCH(Records, records);
        QFETCH(QList<qsizetype>, lines);
        const CsvDocument document = read(data);
        QCOMPARE(problemsOf(document), QStringList());
        QCOMPARE(fieldsOf(document), records);
        QCOMPARE(linesOf(document), lines);
    }

    void reportsEveryBadLine_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QStringList>("problems");
        QTest::addColumn<int>("goodRecords");
        QTest::newRow("text after closing quote")
            << QByteArray("a,b\n\"x\"y,1\nok,2\n\"p\" ,3\n")
            << QStringList{QStringLiteral("line 2: text after the closing quote of field 1 (a quote inside a quoted "
                                          "field is written as two quotes)"),
                           QStringLiteral("line 4: text after the closing quote of field 1 (a quote inside a quoted "
                                          "field is written as two quotes)")}
            << 2;
        QTest::newRow("unclosed quote ends the file")
            << QByteArray("a,b\n1,\"open\n2,3\n4,5\n")
            << QStringList{QStringLiteral("line 2: a quoted field starts on this line and is never closed")} << 1;
        QTest::newRow("invalid UTF-8") << QByteArray("a,b\n1,\xC3\x28\n2,3\n")
                                       << QStringList{QStringLiteral(
                                              "line 2: field 2 is not UTF-8 text (save the file as UTF-8)")}
                                       << 2;
        QTest::newRow("line numbers after embedded newlines")
            << QByteArray("a,b\n\"1\n2\n3\",x\"y\"z\n\"bad\"!,1\n")
            << QStringList{QStringLiteral("line 5: text after the closing quote of field 1 (a quote inside a quoted "
                                          "field is written as two quotes)")}
            << 2;
    }
    void reportsEveryBadLine()
    {
        QFETCH(QByteArray, data);
        QFETCH(QStringList, problems);
        QFETCH(int, goodRecords);
        const CsvDocument document = read(data);
        QCOMPARE(problemsOf(document), problems);
        QCOMPARE(int(document.records.size()), goodRecords);
    }

    void limitsAreCheckedFirst()
    {
        const QByteArray data = "a,b\n1,2\n";
        const CsvDocument exact = read(data, {data.size(), 8});
        QVERIFY(!exact.tooLarge);
        QCOMPARE(exact.records.size(), size_t(2));
        const CsvDocument over = read(data, {data.size() - 1, 8});
        QVERIFY(over.tooLarge);
        QVERIFY(over.records.empty());
        QCOMPARE(over.problems.size(), size_t(1));
        QCOMPARE(over.problems.front().line, qsizetype(0));

        const CsvDocument wide = read("a,b,c,d,e\n1,2\n", {1024, 4});
        QCOMPARE(problemsOf(wide), QStringList{QStringLiteral("line 1: more than 4 fields")});
        QCOMPARE(fieldsOf(wide), (Records{{QStringLiteral("1"), QStringLiteral("2")}}));
    }

    void writerOutputReadsBack()
    {
        const Records records{
            {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("note")},
            {QStringLiteral("1"), QStringLiteral("Smith, Jr."), QStringLiteral("said \"hi\"")},
            {QStringLiteral("2"), QStringLiteral("two\nlines"), QStringLiteral("cr\r\nlf")},
            {QStringLiteral("3"), QString(), QStringLiteral("长城五金")},
            {QString()},
        };
        CsvWriter writer;
        for (const QStringList &record : records)
            writer.addRecord(record);
        QVERIFY(writer.data().startsWith("id,name,note\r\n1,\"Smith, Jr.\",\"said \"\"hi\"\"\"\r\n"));
        const CsvDocument document = read(writer.data());
        QCOMPARE(problemsOf(document), QStringList());
        QCOMPARE(fieldsOf(document), records);
        QCOMPARE(linesOf(document), (QList<qsizetype>{1, 2, 3, 6, 7})); // record 3 spans lines 3 to 5
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "tst_csvreader.moc"
