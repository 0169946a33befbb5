// baresip's control framing: whole and split messages, several in one read, and every malformed or oversized
// frame refused for good (the connection is then dropped) without buffering past the limit.
#include "app/telephony/Netstring.h"

#include <QtTest>

using fieldline::telephony::netstring;
using fieldline::telephony::NetstringReader;

class TestNetstring : public QObject
{
    Q_OBJECT

private slots:
    void framesAreReadAsTheyArrive()
    {
        QCOMPARE(netstring("{\"a\":1}"), QByteArray("7:{\"a\":1},"));
        QCOMPARE(netstring(""), QByteArray("0:,"));
        NetstringReader reader;
        const QByteArray two = netstring("hello") + netstring("") + netstring("world");
        for (char c : two.left(4))
            reader.append(QByteArray(1, c));
        QVERIFY(!reader.next());
        reader.append(two.mid(4));
        QCOMPARE(reader.next(), std::optional<QByteArray>("hello"));
        QCOMPARE(reader.next(), std::optional<QByteArray>(""));
        QCOMPARE(reader.next(), std::optional<QByteArray>("world"));
        QVERIFY(!reader.next());
        QVERIFY(!reader.failed());
    }

    void malformedFramesFail_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("letter in the length") << QByteArray("1x:a,");
        QTest::newRow("no length") << QByteArray(":a,");
        QTest::newRow("missing comma") << QByteArray("1:ab");
        QTest::newRow("over the limit") << QByteArray("65:");
        QTest::newRow("endless digits") << QByteArray("1234567890123");
        QTest::newRow("negative") << QByteArray("-1:,");
        QTest::newRow("leading zero") << QByteArray("01:a,"); // found by fuzz_netstring
    }

    void malformedFramesFail()
    {
        QFETCH(QByteArray, bytes);
        NetstringReader reader(64);
        reader.append(bytes);
        QVERIFY(!reader.next());
        QVERIFY(reader.failed());
        reader.append(netstring("ok")); // nothing more is read once it failed
        QVERIFY(!reader.next());
    }
};

QTEST_GUILESS_MAIN(TestNetstring)
#include "tst_netstring.moc"
