#include "sync/Stamp.h"

#include <QtTest>

using fieldline::sync::ByteId;
using fieldline::sync::Stamp;

namespace {

ByteId site(unsigned char first, unsigned char last = 0)
{
    QByteArray bytes(ByteId::Size, '\0');
    bytes[0] = char(first);
    bytes[ByteId::Size - 1] = char(last);
    return *ByteId::fromBytes(bytes);
}

} // namespace

Q_DECLARE_METATYPE(Stamp)

class TestStamp : public QObject
{
    Q_OBJECT

private slots:
    void totalOrder_data();
    void totalOrder();
    void orderIsTransitiveOverAllPairs();
    void causalLengthParity();
    void idsRoundTripAndAreRandom();
};

void TestStamp::totalOrder_data()
{
    QTest::addColumn<Stamp>("a");
    QTest::addColumn<Stamp>("b");
    QTest::addColumn<int>("expected"); // sign of a <=> b

    const qint64 h = qint64(1'790'000'000'000) << 16;
    QTest::newRow("equal") << Stamp{1, h, site(1)} << Stamp{1, h, site(1)} << 0;
    QTest::newRow("cl beats a later clock") << Stamp{2, h, site(1)} << Stamp{1, h + 1'000'000, site(9)} << 1;
    QTest::newRow("resurrection beats delete") << Stamp{3, h, site(0)} << Stamp{2, h + 5, site(0xff)} << 1;
    QTest::newRow("hlc decides within one life") << Stamp{1, h + 1, site(1)} << Stamp{1, h, site(2)} << 1;
    QTest::newRow("counter decides within one ms") << Stamp{1, h, site(1)} << Stamp{1, h + 1, site(1)} << -1;
    QTest::newRow("site breaks a clock tie") << Stamp{1, h, site(2)} << Stamp{1, h, site(1)} << 1;
    QTest::newRow("site compares unsigned bytes") << Stamp{1, h, site(0x80)} << Stamp{1, h, site(0x7f)} << 1;
    QTest::newRow("site compares every byte") << Stamp{1, h, site(1, 2)} << Stamp{1, h, site(1, 1)} << 1;
}

void TestStamp::totalOrder()
{
    QFETCH(Stamp, a);
    QFETCH(Stamp, b);
    QFETCH(int, expected);
    const auto sign = [](std::strong_ordering o) { return o < 0 ? -1 : (o > 0 ? 1 : 0); };
    QCOMPARE(sign(a <=> b), expected);
    QCOMPARE(sign(b <=> a), -expected); // antisymmetric: merge does not depend on who receives first
    QCOMPARE(a == b, expected == 0);
}

void TestStamp::orderIsTransitiveOverAllPairs()
{
    std::vector<Stamp> stamps;
    for (qint64 cl : {1, 2, 3})
        for (qint64 hlc : {10, 11})
            for (unsigned char s : {0x01, 0x80, 0xff})
                stamps.push_back(Stamp{cl, hlc, site(s)});
    for (const Stamp &a : stamps)
        for (const Stamp &b : stamps)
            for (const Stamp &c : stamps)
                if (a < b && b < c)
                    QVERIFY(a < c);
}

void TestStamp::causalLengthParity()
{
    QVERIFY(Stamp::isAlive(1));
    QVERIFY(!Stamp::isAlive(2));
    QVERIFY(Stamp::isAlive(3));
    QVERIFY(!(Stamp{4, 0, {}}.alive()));
}

void TestStamp::idsRoundTripAndAreRandom()
{
    const ByteId a = ByteId::generate();
    QCOMPARE(a.toBytes().size(), ByteId::Size);
    QCOMPARE(*ByteId::fromBytes(a.toBytes()), a);
    QVERIFY(a != ByteId::generate());
    QVERIFY(!ByteId::fromBytes(QByteArray(15, 'x')));
}

QTEST_GUILESS_MAIN(TestStamp)
#include "tst_stamp.moc"
