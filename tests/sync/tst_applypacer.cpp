// How the client sizes the pieces of a pulled page (ApplyPacer): about TargetMs each from what pieces took, never
// below MinChanges however slow the commits, growing at most MaxGrowth times a piece, and fixed when a test says so.
#include "sync/ApplyPacer.h"

#include <QtTest>

using fieldline::sync::ApplyPacer;

class TestApplyPacer : public QObject
{
    Q_OBJECT

private slots:
    void cheapPiecesGrowAtMostFourfoldEachTime()
    {
        ApplyPacer pacer;
        QCOMPARE(pacer.nextPiece(), ApplyPacer::FirstChanges);
        pacer.pieceTook(1000, 1'000'000); // 1 us a change: 20,000 would fit in 20 ms
        QCOMPARE(pacer.nextPiece(), 4000);
        pacer.pieceTook(4000, 4'000'000);
        QCOMPARE(pacer.nextPiece(), 16000);
        pacer.pieceTook(16000, 16'000'000);
        QCOMPARE(pacer.nextPiece(), 20000);
    }

    void slowPiecesShrinkToTheTargetButNotBelowTheFloor()
    {
        ApplyPacer pacer;
        pacer.pieceTook(1000, 40'000'000); // 40 us a change: 500 fit in 20 ms
        QCOMPARE(pacer.nextPiece(), 500);
        // Commits that cost 25 ms whatever the piece: pieces stay at the floor instead of dwindling.
        for (int i = 0; i < 10; ++i)
            pacer.pieceTook(pacer.nextPiece(), 25'000'000);
        QCOMPARE(pacer.nextPiece(), ApplyPacer::MinChanges);
    }

    void aSlowPieceCountsAtOnceAndAFastOneByHalves()
    {
        ApplyPacer pacer;
        pacer.pieceTook(2000, 10'000'000); // 5 us a change: 4,000
        QCOMPARE(pacer.nextPiece(), 4000);
        pacer.pieceTook(2000, 30'000'000); // 15 us (a checkpoint in this one): 1,333 at once
        QCOMPARE(pacer.nextPiece(), 1333);
        pacer.pieceTook(1333, 6'665'000); // 5 us again: the estimate halves its way down, 10 us: 2,000
        QCOMPARE(pacer.nextPiece(), 2000);
    }

    void aFixedPieceStaysFixed()
    {
        ApplyPacer pacer(3);
        QCOMPARE(pacer.nextPiece(), 3);
        pacer.pieceTook(3, 90'000'000);
        QCOMPARE(pacer.nextPiece(), 3);
    }
};

QTEST_APPLESS_MAIN(TestApplyPacer)
#include "tst_applypacer.moc"
