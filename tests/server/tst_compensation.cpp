// What the server writes back after refusing changes to a row: the device converges to the server's copy, a row's
// earlier lives stay where they are (a campaign member added again must not get back its earlier claim or outcome),
// and cells of the present life that were not refused keep their stamps (others' writes on their way still win).
#include "server/Compensation.h"

#include <QtTest>

using namespace fieldline;
using sync::Change;
using sync::Stamp;

namespace {

constexpr qint64 H = qint64(1'790'000'000'000) << 16;
const QString Members = QStringLiteral("campaign_members");

sync::SiteId site(char fill)
{
    return *sync::SiteId::fromBytes(QByteArray(16, fill));
}

/**
 * A member in its third life (added, removed, added again): status written in this life; the claim and the outcome
 * of its first life are still held but not live.
 */
sync::RowState thirdLife()
{
    sync::RowState row;
    row.exists = true;
    row.stamp = Stamp{3, H + 300, site('m')};
    row.cells = {
        {QStringLiteral("claimed_by"), sync::Value(QStringLiteral("bob")), Stamp{1, H + 100, site('b')}, 0},
        {QStringLiteral("last_disposition"), sync::Value(QStringLiteral("callback")), Stamp{1, H + 101, site('b')}, 0},
        {QStringLiteral("status"), sync::Value(QStringLiteral("new")), Stamp{3, H + 300, site('m')}, 0}};
    return row;
}

Change cell(const char *column, qint64 cl, qint64 hlc, sync::Value value = QStringLiteral("device's"))
{
    return Change{Members, sync::RowId(), QString::fromLatin1(column), std::move(value), Stamp{cl, hlc, site('c')}, 7};
}

Change record(qint64 cl, qint64 hlc)
{
    return Change{Members, sync::RowId(), QString(), {}, Stamp{cl, hlc, site('c')}, 7};
}

const Change *find(const sync::ChangeBatch &out, const char *column)
{
    for (const Change &change : out) {
        if (change.column == QLatin1String(column))
            return &change;
    }
    return nullptr;
}

} // namespace

class TestCompensation : public QObject
{
    Q_OBJECT

private slots:
    void anEarlierLifesCellIsWrittenBackInThatLife()
    {
        // Carol, offline since before the member was added again, records an outcome in its first life.
        const sync::ChangeBatch out =
            server::compensation(Members, sync::RowId(), thirdLife(), {cell("last_disposition", 1, H + 400)}, 0);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].column, QStringLiteral("last_disposition"));
        QCOMPARE(out[0].value, sync::Value(QStringLiteral("callback")));
        QCOMPARE(out[0].stamp.cl, qint64(1)); // still the first life: not live in the third
        QCOMPARE(out[0].stamp.hlc, H + 401);  // just newer than the device's
    }

    void anEarlierLifesCellTheServerLacksGoesBackToEmpty()
    {
        const sync::ChangeBatch out =
            server::compensation(Members, sync::RowId(), thirdLife(), {cell("notes", 1, H + 400)}, 0);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].column, QStringLiteral("notes"));
        QCOMPARE(out[0].value, sync::Value());
        QCOMPARE(out[0].stamp.cl, qint64(1));
    }

    void aCellTheServerHoldsInALaterLifeNeedsNothing()
    {
        // The device's first-life status loses to the third life's on its next pull.
        const sync::ChangeBatch out = server::compensation(Members, sync::RowId(), thirdLife(),
                                                           {cell("status", 1, H + 400), record(1, H + 400)}, 0);
        QVERIFY(out.empty());
    }

    void aPresentLifesCellIsWrittenBackAlone()
    {
        const sync::ChangeBatch out =
            server::compensation(Members, sync::RowId(), thirdLife(),
                                 {cell("status", 3, H + 400), cell("claimed_by", 3, H + 401), record(3, H + 402)}, 0);
        QCOMPARE(out.size(), size_t(3));
        QCOMPARE(find(out, "status")->value, sync::Value(QStringLiteral("new")));
        QCOMPARE(find(out, "status")->stamp.cl, qint64(3));
        // The first life's claim is not the third life's: the claim goes back to empty, not to bob.
        QCOMPARE(find(out, "claimed_by")->value, sync::Value());
        QCOMPARE(find(out, "claimed_by")->stamp.cl, qint64(3));
        QCOMPARE(find(out, "")->stamp, (Stamp{3, H + 403, find(out, "")->stamp.site}));
        QVERIFY(!find(out, "last_disposition"));
    }

    void aRefusedDeleteBringsBackOnlyThePresentLife()
    {
        // The device deleted the member (fourth life); the server keeps it alive in a fifth, with the third life's
        // status and nothing of the first life.
        const sync::ChangeBatch out =
            server::compensation(Members, sync::RowId(), thirdLife(), {record(4, H + 400)}, 0);
        QCOMPARE(out.size(), size_t(2));
        QCOMPARE(out[0].stamp.cl, qint64(5));
        QVERIFY(out[0].isRowChange());
        QCOMPARE(find(out, "status")->value, sync::Value(QStringLiteral("new")));
        QCOMPARE(find(out, "status")->stamp.cl, qint64(5));
        QVERIFY(!find(out, "claimed_by"));
        QVERIFY(!find(out, "last_disposition"));
    }

    void aRowTheServerLacksStaysAbsent()
    {
        const sync::ChangeBatch out = server::compensation(Members, sync::RowId(), sync::RowState{},
                                                           {record(1, H + 400), cell("status", 1, H + 400)}, 0);
        QCOMPARE(out.size(), size_t(1));
        QVERIFY(out[0].isRowChange());
        QCOMPARE(out[0].stamp.cl, qint64(2)); // a deletion, longer than the device's life
        QVERIFY(out[0].stamp.hlc > H + 400);
    }
};

QTEST_GUILESS_MAIN(TestCompensation)
#include "tst_compensation.moc"
