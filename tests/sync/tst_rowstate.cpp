#include "sync/RowState.h"

#include <QtTest>

#include <cmath>
#include <limits>

using namespace fieldline::sync;

namespace {

Stamp stamp(qint64 cl, qint64 hlc, unsigned char site)
{
    QByteArray bytes(ByteId::Size, char(site));
    return Stamp{cl, hlc, *ByteId::fromBytes(bytes)};
}

} // namespace

class TestRowState : public QObject
{
    Q_OBJECT

private slots:
    void valuesRoundTripBitExactly_data();
    void valuesRoundTripBitExactly();
    void cellsStaySortedAndMergeByStamp();
    void recordTakesOnlyAGreaterStamp();
    void malformedBlobsAreDamaged_data();
    void malformedBlobsAreDamaged();
};

void TestRowState::valuesRoundTripBitExactly_data()
{
    QTest::addColumn<int>("index");
    QTest::newRow("null") << 0;
    QTest::newRow("int64 2^53+1") << 1;
    QTest::newRow("int64 min") << 2;
    QTest::newRow("-0.0") << 3;
    QTest::newRow("smallest normal float, negative") << 4;
    QTest::newRow("NaN payload") << 5;
    QTest::newRow("non-BMP text") << 6;
    QTest::newRow("empty text") << 7;
    QTest::newRow("bytes with NULs") << 8;
}

void TestRowState::valuesRoundTripBitExactly()
{
    QFETCH(int, index);
    const std::vector<Value> values = {
        std::monostate{},
        qint64((qint64(1) << 53) + 1),
        std::numeric_limits<qint64>::min(),
        -0.0,
        -1.1754943508222875e-38,
        std::bit_cast<double>(quint64(0x7ff8000000000123)),
        QStringLiteral("\U0001F4DE caf\u00e9 \u7535\u8bdd"),
        QString(),
        QByteArray("\0a\0b", 4),
    };
    RowState state;
    state.mergeCell(QStringLiteral("v"), values[size_t(index)], stamp(1, 7, 1), 3);
    std::vector<CellState> decoded;
    QVERIFY(RowState::decodeCells(state.encodeCells(), decoded).ok());
    QCOMPARE(decoded.size(), size_t(1));
    QCOMPARE(canonicalValue(decoded[0].value), canonicalValue(values[size_t(index)]));
    QCOMPARE(decoded[0].stamp, stamp(1, 7, 1));
    QCOMPARE(decoded[0].seq, 3);
}

void TestRowState::cellsStaySortedAndMergeByStamp()
{
    RowState state;
    QVERIFY(state.mergeCell(QStringLiteral("b"), qint64(1), stamp(1, 10, 1), 0));
    QVERIFY(state.mergeCell(QStringLiteral("a"), qint64(2), stamp(1, 10, 1), 0));
    QVERIFY(!state.mergeCell(QStringLiteral("b"), qint64(3), stamp(1, 9, 9), 0));  // older clock loses
    QVERIFY(!state.mergeCell(QStringLiteral("b"), qint64(3), stamp(1, 10, 1), 0)); // same stamp: no change
    QVERIFY(state.mergeCell(QStringLiteral("b"), qint64(4), stamp(1, 10, 2), 5));  // site breaks the tie
    QVERIFY(state.mergeCell(QStringLiteral("a"), qint64(5), stamp(3, 1, 0), 0));   // a later life wins
    QCOMPARE(state.cells.size(), size_t(2));
    QCOMPARE(state.cells[0].column, QStringLiteral("a"));
    QCOMPARE(state.cell(QStringLiteral("b"))->value, Value(qint64(4)));
    QCOMPARE(state.cell(QStringLiteral("a"))->value, Value(qint64(5)));
    QCOMPARE(state.maxSeq(), 5);
}

void TestRowState::recordTakesOnlyAGreaterStamp()
{
    RowState state;
    QVERIFY(!state.alive());
    QVERIFY(state.mergeRecord(stamp(1, 5, 1), 1));
    QVERIFY(state.alive());
    QVERIFY(!state.mergeRecord(stamp(1, 5, 1), 2));
    QVERIFY(state.mergeRecord(stamp(2, 1, 0), 0)); // delete beats any clock in the earlier life
    QVERIFY(!state.alive());
    QCOMPARE(state.causalLength(), 2);
    QCOMPARE(state.seq, 0);
}

void TestRowState::malformedBlobsAreDamaged_data()
{
    QTest::addColumn<QByteArray>("blob");
    RowState state;
    state.mergeCell(QStringLiteral("name"), QStringLiteral("x"), stamp(1, 1, 1), 1);
    const QByteArray good = state.encodeCells();
    QTest::newRow("truncated") << good.left(good.size() - 1);
    QTest::newRow("trailing byte") << good + 'x';
    QTest::newRow("count too high") << QByteArray("\x02\x00", 2) + good.mid(2);
    QByteArray badType = good;
    badType[2 + 2 + 4] = char(9); // after count, name length and "name": the type byte
    QTest::newRow("unknown type") << badType;
}

void TestRowState::malformedBlobsAreDamaged()
{
    QFETCH(QByteArray, blob);
    std::vector<CellState> cells;
    const fieldline::storage::Status status = RowState::decodeCells(blob, cells);
    QVERIFY(!status.ok());
    QCOMPARE(status.code(), fieldline::storage::ErrorCode::Damaged);
    const fieldline::storage::Result<qint64> counted = RowState::countWrittenAfter(blob, 0);
    QVERIFY(!counted);
    QCOMPARE(counted.error().code, fieldline::storage::ErrorCode::Damaged);
}

QTEST_GUILESS_MAIN(TestRowState)
#include "tst_rowstate.moc"
