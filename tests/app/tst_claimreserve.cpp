// The pool members an agent is to be offered next are claimed ahead (ClaimReserve), so that a short outage does not
// stop their work; with no server to ask, the queue offers the pool only through claims the server has confirmed
// that have enough of their lease left, and a confirmed claim tells the dialler it need not wait.
#include "QueueFixture.h"

#include "app/telemarketing/ClaimReserve.h"
#include "app/telemarketing/Claims.h"
#include "storage/Statement.h"

using namespace fieldline;
using namespace fieldline::telemarketingtest;

class TestClaimReserve : public QObject, protected QueueFixture
{
    Q_OBJECT

    /** Who claims @p member, and until when. */
    std::pair<QString, qint64> claimOf(const RowId &member)
    {
        auto query = replica().database().prepare(
            "SELECT ifnull(claimed_by, ''), ifnull(claimed_until_ms, 0) FROM campaign_members WHERE id = ?1");
        if (!query)
            return {};
        storage::Statement &row = *query.value();
        row.bind(1, member.toBytes());
        std::pair<QString, qint64> claim;
        if (auto found = row.step(); found && *found)
            claim = {row.text(0), row.int64(1)};
        row.reset();
        return claim;
    }

    RowId person(int i, qint64 priority, const QString &owner = QString())
    {
        return member(
            contact(QStringLiteral("P%1").arg(i), QStringLiteral("+1212555%1").arg(100 + i, 4, 10, QLatin1Char('0'))),
            {.priority = priority, .owner = owner});
    }

private slots:
    void init() { QVERIFY(open()); }

    void theNextOffersPoolMembersAreHeld()
    {
        const RowId p0 = person(0, 9);
        const RowId own = person(1, 8, QStringLiteral("alice"));
        const RowId p2 = person(2, 7);
        const RowId p3 = person(3, 6);
        const RowId p4 = person(4, 5);
        auto campaign = Campaign::read(replica().database(), m_campaign);
        QVERIFY(campaign);
        ContactQueue queue(replica(), m_hours);
        ClaimReserve reserve(replica(), queue);
        const qint64 nowMs = Now.toMSecsSinceEpoch();

        // Person 0 on alice's screen: the next three offers are her own person 1, then 2 and 3 from the pool.
        std::optional<QueuedCall> current = next();
        QCOMPARE(current->member, p0);
        QVERIFY(Claims(replica()).claim(*current, QStringLiteral("alice"), nowMs));
        QVERIFY(reserve.topUp(*campaign, QStringLiteral("alice"), Now, current));
        QCOMPARE(claimOf(p2), std::pair(QStringLiteral("alice"), nowMs + Claims::LeaseMs));
        QCOMPARE(claimOf(p3).first, QStringLiteral("alice"));
        QCOMPARE(claimOf(p4).first, QString());
        QCOMPARE(claimOf(own).first, QString()); // her own needs no claim ahead
        QCOMPARE(next(QStringLiteral("bob"))->member, p4);

        // A renewal is written only once the lease left could no longer be used without the server: 19 minutes on
        // (11 left) nothing is written; 21 minutes on (9 left), both are renewed.
        const qint64 seq = replica().lastSeq();
        QVERIFY(reserve.topUp(*campaign, QStringLiteral("alice"), Now.addSecs(19 * 60), current));
        QCOMPARE(replica().lastSeq(), seq);
        QCOMPARE(claimOf(p2).second, nowMs + Claims::LeaseMs);
        QVERIFY(reserve.topUp(*campaign, QStringLiteral("alice"), Now.addSecs(21 * 60), current));
        QCOMPARE(claimOf(p2).second, nowMs + 21 * 60'000 + Claims::LeaseMs);
        QCOMPARE(claimOf(p3).second, nowMs + 21 * 60'000 + Claims::LeaseMs);

        // A better pool member comes in: it is held, and person 3, no longer among the next three, is let go.
        const RowId better = person(5, 10);
        QVERIFY(reserve.topUp(*campaign, QStringLiteral("alice"), Now, current));
        QCOMPARE(claimOf(better).first, QStringLiteral("alice"));
        QCOMPARE(claimOf(p2).first, QStringLiteral("alice"));
        QCOMPARE(claimOf(p3).first, QString());

        // Bob's claim on person 2 reaches this device: alice's reserve goes on to person 3 and leaves bob's alone.
        QueuedCall toBob;
        toBob.member = p2;
        QVERIFY(Claims(replica()).claim(toBob, QStringLiteral("bob"), nowMs));
        QVERIFY(reserve.topUp(*campaign, QStringLiteral("alice"), Now, current));
        QCOMPARE(claimOf(p2).first, QStringLiteral("bob"));
        QCOMPARE(claimOf(p3).first, QStringLiteral("alice"));
        QCOMPARE(claimOf(p4).first, QString());

        // A break lets go of all but the person on screen.
        QVERIFY(reserve.release(*campaign, QStringLiteral("alice"), p0));
        QCOMPARE(claimOf(better).first, QString());
        QCOMPARE(claimOf(p3).first, QString());
        QCOMPARE(claimOf(p0).first, QStringLiteral("alice"));
        QCOMPARE(claimOf(p2).first, QStringLiteral("bob"));
    }

    void withoutTheServerOnlyConfirmedClaimsOfferThePool()
    {
        const RowId p0 = person(0, 9);
        const RowId p1 = person(1, 8);
        const RowId own = person(2, 1, QStringLiteral("alice"));
        const RowId unclaimed = person(3, 5);
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        Claims claims(replica());
        QueuedCall call;
        call.member = p0;
        QVERIFY(claims.claim(call, QStringLiteral("alice"), nowMs));
        const qint64 firstClaim = replica().lastSeq();
        call.member = p1;
        QVERIFY(claims.claim(call, QStringLiteral("alice"), nowMs));
        const qint64 secondClaim = replica().lastSeq();

        // The server has answered the first claim only: person 0 is offered, person 1 is not, and then her own.
        const QueueScope offline{.pool = false, .settledSeq = firstClaim};
        std::optional<QueuedCall> found = next(QStringLiteral("alice"), Now, offline);
        QCOMPARE(found->member, p0);
        QVERIFY(found->pool);
        QCOMPARE(found->confirmedUntilMs, nowMs + Claims::LeaseMs);
        QueueScope past = offline;
        past.passOver = {p0};
        QCOMPARE(next(QStringLiteral("alice"), Now, past)->member, own);
        past.settledSeq = secondClaim;
        QCOMPARE(next(QStringLiteral("alice"), Now, past)->member, p1);
        // Person 3 is claimed by nobody: without the server, nobody is offered them.
        QCOMPARE(next(QStringLiteral("bob"), Now, {.pool = false, .settledSeq = secondClaim}), std::nullopt);
        QCOMPARE(next(QStringLiteral("bob"))->member, unclaimed);

        // Twenty-one minutes on, less than the margin is left of the lease: her own only.
        QCOMPARE(next(QStringLiteral("alice"), Now.addSecs(21 * 60), offline)->member, own);
        QCOMPARE(next(QStringLiteral("alice"), Now.addSecs(19 * 60), offline)->member, p0);

        // With the pool open, the queue says which claims are answered: the dialler need not wait for those.
        QCOMPARE(next(QStringLiteral("alice"), Now, {.settledSeq = firstClaim})->confirmedUntilMs,
                 nowMs + Claims::LeaseMs);
        QCOMPARE(next(QStringLiteral("alice"), Now, {.settledSeq = firstClaim, .passOver = {p0}})->confirmedUntilMs,
                 qint64(0));
        QCOMPARE(next(QStringLiteral("carol"))->confirmedUntilMs, qint64(0)); // person 3: nobody's claim
    }

    void passedOverCallbacksAreNotOffered()
    {
        const RowId p0 = person(0, 9);
        const RowId someone = contact(QStringLiteral("Cb"), QStringLiteral("+12125550150"));
        const RowId waiting = member(someone, {.status = memberStatus::Callback});
        const RowId due = callback(waiting, someone, Now.toMSecsSinceEpoch(), QString());
        QCOMPARE(*next()->callback, due);
        const std::optional<QueuedCall> after = next(QStringLiteral("alice"), Now, {.passOver = {due}});
        QVERIFY(!after->callback);
        QCOMPARE(after->member, p0);
    }
};

QTEST_MAIN(TestClaimReserve)
#include "tst_claimreserve.moc"
