#include "ManualClock.h"
#include "sync/HybridLogicalClock.h"

#include <QtTest>

using fieldline::sync::HybridLogicalClock;

constexpr qint64 Minute = 60 * 1000;

class TestHlc : public QObject
{
    Q_OBJECT

private slots:
    void ticksIncreaseWhenTheWallClockStallsOrStepsBack();
    void ticksFollowTheWallClock();
    void observeMovesPastARemoteStamp();
    void observeIgnoresAnOlderRemoteStamp();
    void skewBeyondFiveMinutesIsRejectedInPlainWords_data();
    void skewBeyondFiveMinutesIsRejectedInPlainWords();
    void counterOverflowCarriesIntoTheMillisecond();
    void restoreNeverMovesBackwards();
};

void TestHlc::ticksIncreaseWhenTheWallClockStallsOrStepsBack()
{
    ManualClock clock;
    HybridLogicalClock hlc(clock);
    qint64 previous = hlc.tick();
    for (int i = 0; i < 1000; ++i) {
        if (i == 500)
            clock.advance(-10 * Minute); // NTP stepped the clock back
        const qint64 next = hlc.tick();
        QVERIFY2(next > previous, qPrintable(QStringLiteral("tick %1 went backwards").arg(i)));
        previous = next;
    }
}

void TestHlc::ticksFollowTheWallClock()
{
    ManualClock clock;
    HybridLogicalClock hlc(clock);
    const qint64 first = hlc.tick();
    QCOMPARE(HybridLogicalClock::physicalMs(first), clock.nowMs());
    QCOMPARE(HybridLogicalClock::counter(first), 0);
    QCOMPARE(HybridLogicalClock::counter(hlc.tick()), 1);
    clock.advance(5);
    const qint64 later = hlc.tick();
    QCOMPARE(HybridLogicalClock::physicalMs(later), clock.nowMs());
    QCOMPARE(HybridLogicalClock::counter(later), 0);
}

void TestHlc::observeMovesPastARemoteStamp()
{
    ManualClock clock;
    HybridLogicalClock hlc(clock);
    const qint64 remote = HybridLogicalClock::make(clock.nowMs() + 2 * Minute, 7);
    QVERIFY(hlc.observe(remote).ok());
    const qint64 next = hlc.tick();
    QVERIFY(next > remote);
    QCOMPARE(HybridLogicalClock::physicalMs(next), clock.nowMs() + 2 * Minute);
    QCOMPARE(HybridLogicalClock::counter(next), 8);
}

void TestHlc::observeIgnoresAnOlderRemoteStamp()
{
    ManualClock clock;
    HybridLogicalClock hlc(clock);
    const qint64 mine = hlc.tick();
    QVERIFY(hlc.observe(HybridLogicalClock::make(clock.nowMs() - Minute, 3)).ok());
    QCOMPARE(hlc.last(), mine);
}

void TestHlc::skewBeyondFiveMinutesIsRejectedInPlainWords_data()
{
    QTest::addColumn<qint64>("aheadMs");
    QTest::addColumn<QString>("words"); // empty: accepted

    QTest::newRow("1 minute") << Minute << QString();
    QTest::newRow("exactly the limit") << 5 * Minute << QString();
    QTest::newRow("1 ms over") << 5 * Minute + 1 << QStringLiteral("is 5 minutes ahead of yours");
    QTest::newRow("7 minutes") << 7 * Minute + 30'000 << QStringLiteral("the other device's clock is 7 minutes ahead");
    QTest::newRow("3 hours") << 3 * 60 * Minute << QStringLiteral("is 3 hours ahead of yours");
    QTest::newRow("2 days") << 49 * 60 * Minute << QStringLiteral("is 2 days ahead of yours");
}

void TestHlc::skewBeyondFiveMinutesIsRejectedInPlainWords()
{
    QFETCH(qint64, aheadMs);
    QFETCH(QString, words);
    ManualClock clock;
    HybridLogicalClock hlc(clock);
    const qint64 before = hlc.tick();
    const qint64 remote = HybridLogicalClock::make(clock.nowMs() + aheadMs, 0);
    const fieldline::storage::Status status = hlc.observe(remote);
    if (words.isEmpty()) {
        QVERIFY2(status.ok(), qPrintable(status.message()));
        QCOMPARE(hlc.last(), remote);
        return;
    }
    QVERIFY(!status.ok());
    QVERIFY2(status.message().contains(words), qPrintable(status.message()));
    QCOMPARE(hlc.last(), before); // rejected, not clamped: nothing of the remote stamp leaked in
}

void TestHlc::counterOverflowCarriesIntoTheMillisecond()
{
    ManualClock clock;
    HybridLogicalClock hlc(clock);
    const qint64 ms = clock.nowMs();
    QVERIFY(hlc.observe(HybridLogicalClock::make(ms, HybridLogicalClock::CounterMask)).ok());
    const qint64 carried = hlc.tick();
    QCOMPARE(HybridLogicalClock::physicalMs(carried), ms + 1);
    QCOMPARE(HybridLogicalClock::counter(carried), 0);

    // 200,000 events inside one wall-clock millisecond: still strictly increasing, never wrapping.
    qint64 previous = carried;
    for (int i = 0; i < 200'000; ++i) {
        const qint64 next = hlc.tick();
        if (next <= previous)
            QFAIL(qPrintable(QStringLiteral("tick %1 did not increase").arg(i)));
        previous = next;
    }
    QCOMPARE(HybridLogicalClock::physicalMs(previous), ms + 1 + 200'000 / 65'536);
}

void TestHlc::restoreNeverMovesBackwards()
{
    ManualClock clock;
    HybridLogicalClock hlc(clock);
    const qint64 saved = HybridLogicalClock::make(clock.nowMs() + Minute, 42);
    hlc.restore(saved);
    hlc.restore(saved - 1000);
    QCOMPARE(hlc.last(), saved);
    QVERIFY(hlc.tick() > saved);
}

QTEST_GUILESS_MAIN(TestHlc)
#include "tst_hlc.moc"
