// The dialer's queue and its guard on a real replica: callbacks first, then priority and waiting time; attempts
// and retry delays; the agent's own members and the pool; every kind of do-not-call entry; calling hours in the
// contact's zone or the number's region; a blocked number is refused by the guard even when no queue offered it.
#include "QueueFixture.h"

#include "app/telemarketing/Claims.h"
#include "app/telemarketing/Dialer.h"
#include "app/telemarketing/OutcomeRecorder.h"
#include "app/telephony/Telephony.h"

using namespace fieldline;
using namespace fieldline::telemarketingtest;

namespace {

/** A backend that only records what it was asked to dial: the seam Dialer is tested through. */
class RecordingTelephony final : public telephony::Telephony
{
public:
    QStringList dialled;
    bool dial(const QString &target) override
    {
        dialled.append(target);
        return true;
    }
    void hangUp() override {}
    void setHeld(bool) override {}
    void sendDtmf(const QString &) override {}
};

} // namespace

class TestContactQueue : public QObject, protected QueueFixture
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(open()); }

    void highestPriorityThenLongestWaiting()
    {
        const RowId low = member(contact(QStringLiteral("Low"), QStringLiteral("+12125550101")), {.priority = 1});
        const RowId later = member(contact(QStringLiteral("Later"), QStringLiteral("+12125550102")),
                                   {.priority = 5, .nextAttemptMs = Now.addSecs(-60).toMSecsSinceEpoch()});
        const RowId earlier = member(contact(QStringLiteral("Earlier"), QStringLiteral("+12125550103")),
                                     {.priority = 5, .nextAttemptMs = Now.addSecs(-3600).toMSecsSinceEpoch()});
        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QCOMPARE(call->member, earlier);
        QCOMPARE(call->number, QStringLiteral("+12125550103"));
        QCOMPARE(call->priority, 5);
        QVERIFY(!call->callback);
        QVERIFY(call->member != later && call->member != low);
    }

    void dueCallbacksComeFirst()
    {
        member(contact(QStringLiteral("Top"), QStringLiteral("+12125550101")), {.priority = 9});
        const RowId person = contact(QStringLiteral("Asked"), QStringLiteral("+12125550102"));
        const RowId waiting = member(person, {.priority = 0, .status = memberStatus::Callback});
        const RowId due = callback(waiting, person, Now.addSecs(-300).toMSecsSinceEpoch());
        callback(waiting, person, Now.addSecs(600).toMSecsSinceEpoch()); // not yet
        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QCOMPARE(call->callback, std::optional<RowId>(due));
        QCOMPARE(call->member, waiting);
        // Once done, the queue goes on by priority; the member waiting for its callback is not offered.
        QVERIFY(replica().update(tables::Callbacks, due, {{QStringLiteral("status"), QStringLiteral("done")}}));
        call = next();
        QVERIFY(call);
        QVERIFY(!call->callback);
        QCOMPARE(call->priority, 9);
    }

    // Seventy due callbacks to people who opted out since come first by time; the one behind them is still made.
    void blockedCallbacksDoNotHideTheOnesBehind()
    {
        for (int i = 0; i < 70; ++i) {
            const RowId person = contact(QStringLiteral("Out%1").arg(i), QStringLiteral("+1212555%1").arg(1000 + i),
                                         QStringLiteral("America/New_York"), true);
            callback(member(person, {.status = memberStatus::Callback}), person,
                     Now.addSecs(-3600 + i).toMSecsSinceEpoch());
        }
        const RowId person = contact(QStringLiteral("Waiting"), QStringLiteral("+12125550199"));
        const RowId last =
            callback(member(person, {.status = memberStatus::Callback}), person, Now.addSecs(-60).toMSecsSinceEpoch());
        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QCOMPARE(call->callback, std::optional<RowId>(last));
    }

    void attemptsAndRetryDelaysAreHonoured()
    {
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        member(contact(QStringLiteral("Spent"), QStringLiteral("+12125550101")), {.priority = 9, .attempts = 3});
        member(contact(QStringLiteral("Resting"), QStringLiteral("+12125550102")),
               {.priority = 8, .attempts = 1, .nextAttemptMs = nowMs + 60'000});
        member(contact(QStringLiteral("Done"), QStringLiteral("+12125550104")),
               {.priority = 8, .status = memberStatus::Done});
        const RowId ready = member(contact(QStringLiteral("Ready"), QStringLiteral("+12125550103")),
                                   {.priority = 1, .attempts = 2, .nextAttemptMs = nowMs});
        QCOMPARE(next()->member, ready);
        // A minute later the resting one is due again and ranks first.
        QCOMPARE(next(QStringLiteral("alice"), Now.addSecs(61))->priority, 8);

        auto rules = Campaign::read(replica().database(), m_campaign);
        QVERIFY(rules);
        QCOMPARE(rules->nextAttemptMs(1, nowMs), nowMs + 60 * 60'000);
        QCOMPARE(rules->nextAttemptMs(2, nowMs), nowMs + 240 * 60'000);
        QCOMPARE(rules->nextAttemptMs(5, nowMs), nowMs + 240 * 60'000); // the last delay repeats
    }

    void ownMembersAndThePoolOnly()
    {
        const RowId bobs = member(contact(QStringLiteral("Bob's"), QStringLiteral("+12125550101")),
                                  {.priority = 9, .owner = QStringLiteral("bob")});
        const RowId pool = member(contact(QStringLiteral("Pool"), QStringLiteral("+12125550102")), {.priority = 1});
        const RowId own = member(contact(QStringLiteral("Alice's"), QStringLiteral("+12125550103")),
                                 {.priority = 2, .owner = QStringLiteral("alice")});
        QCOMPARE(next(QStringLiteral("alice"))->member, own);
        QCOMPARE(next(QStringLiteral("bob"))->member, bobs);
        QCOMPARE(next(QStringLiteral("carol"))->member, pool);
        // Bob's callback is his; the pool's is anyone's.
        const RowId person = contact(QStringLiteral("Cb"), QStringLiteral("+12125550104"));
        const RowId waiting = member(person, {.status = memberStatus::Callback});
        callback(waiting, person, Now.toMSecsSinceEpoch(), QStringLiteral("bob"));
        QVERIFY(!next(QStringLiteral("alice"))->callback);
        QVERIFY(next(QStringLiteral("bob"))->callback);
    }

    // A pool member offered to one agent is claimed: nobody else is offered it until the lease runs out, the agent
    // lets go of it, or the outcome is recorded.
    void poolMembersAreClaimed()
    {
        const RowId first = member(contact(QStringLiteral("First"), QStringLiteral("+12125550101")), {.priority = 5});
        const RowId second = member(contact(QStringLiteral("Second"), QStringLiteral("+12125550102")), {.priority = 1});
        Claims claims(replica());
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        std::optional<QueuedCall> offered = next(QStringLiteral("alice"));
        QCOMPARE(offered->member, first);
        QVERIFY(claims.claim(*offered, QStringLiteral("alice"), nowMs));
        QCOMPARE(next(QStringLiteral("bob"))->member, second);
        QCOMPARE(next(QStringLiteral("alice"))->member, first); // her own claim
        QCOMPARE(claims.heldByOther(*offered, QStringLiteral("bob"), nowMs).value(), QStringLiteral("alice"));
        QCOMPARE(claims.heldByOther(*offered, QStringLiteral("alice"), nowMs).value(), QString());
        const QDateTime afterLease = Now.addMSecs(Claims::LeaseMs + 1000);
        QCOMPARE(next(QStringLiteral("bob"), afterLease)->member, first);
        QCOMPARE(claims.heldByOther(*offered, QStringLiteral("bob"), afterLease.toMSecsSinceEpoch()).value(),
                 QString());
        QVERIFY(claims.release(*offered, QStringLiteral("bob"))); // not bob's to release
        QCOMPARE(next(QStringLiteral("bob"))->member, second);
        QVERIFY(claims.release(*offered, QStringLiteral("alice")));
        QCOMPARE(next(QStringLiteral("bob"))->member, first);

        // Recording the outcome ends the claim as well.
        QVERIFY(claims.claim(*offered, QStringLiteral("alice"), nowMs));
        auto rules = Campaign::read(replica().database(), m_campaign);
        QVERIFY(OutcomeRecorder(replica()).record(
            *rules, *offered, {offered->number, nowMs, 1000, QStringLiteral("answered")},
            {QStringLiteral("no_answer"), QString(), std::nullopt}, QStringLiteral("alice"), nowMs));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM campaign_members WHERE claimed_by = ''"
                                                " AND claimed_until_ms = 0"),
                 qint64(1));
        // Alice's lease ran out and Bob claimed the member before her outcome was recorded: his claim stands.
        QVERIFY(claims.claim(*offered, QStringLiteral("bob"), nowMs));
        QVERIFY(OutcomeRecorder(replica()).record(*rules, *offered, {offered->number, nowMs, 0, QStringLiteral("busy")},
                                                  {QStringLiteral("no_answer"), QString(), std::nullopt},
                                                  QStringLiteral("alice"), nowMs));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM campaign_members WHERE claimed_by = 'bob'"),
                 qint64(1));
    }

    void doNotCallOfEveryKind()
    {
        DoNotCall lists(replica());
        const RowId tenantListed = contact(QStringLiteral("T"), QStringLiteral("+12125550101"));
        QVERIFY(lists.add(QStringLiteral("+12125550101"), std::nullopt, QStringLiteral("complaint"),
                          QStringLiteral("ops")));
        const RowId campaignListed = contact(QStringLiteral("C"), QStringLiteral("+12125550102"));
        QVERIFY(lists.add(QStringLiteral("+12125550102"), m_campaign, QStringLiteral("asked"), QStringLiteral("ops")));
        const RowId otherCampaignListed = contact(QStringLiteral("O"), QStringLiteral("+12125550103"));
        QVERIFY(lists.add(QStringLiteral("+12125550103"), campaign(), QStringLiteral("asked"), QStringLiteral("ops")));
        const RowId optedOut =
            contact(QStringLiteral("Opt"), QStringLiteral("+12125550104"), QStringLiteral("America/New_York"), true);
        const RowId secondNumber = contact(QStringLiteral("Two"), QStringLiteral("+12125550101")); // listed first
        addPhone(secondNumber, QStringLiteral("+12125550105"), 1);
        member(tenantListed, {.priority = 9});
        member(campaignListed, {.priority = 8});
        member(optedOut, {.priority = 7});
        const RowId two = member(secondNumber, {.priority = 6});
        const RowId other = member(otherCampaignListed, {.priority = 5});

        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QCOMPARE(call->member, two);
        QCOMPARE(call->number, QStringLiteral("+12125550105"));
        QVERIFY(replica().update(tables::Members, two, {{QStringLiteral("status"), memberStatus::Done}}));
        QCOMPARE(next()->member, other); // another campaign's list does not apply here
        QVERIFY(replica().update(tables::Members, other, {{QStringLiteral("status"), memberStatus::Done}}));
        QVERIFY(!next());

        // The guard refuses them when asked directly, as before any dial, with a reason for the agent.
        DialGuard guard(replica(), m_hours);
        const CallingWindow window = *CallingWindow::parse(QStringLiteral("09:00"), QStringLiteral("21:00"));
        auto verdict = [&](const QString &number, const RowId *person, const QDateTime &at = Now) {
            std::optional<ContactNumbers> numbers;
            if (person)
                numbers = *ContactNumbers::read(replica().database(), *person);
            auto checked = guard.check({number, numbers ? &*numbers : nullptr, m_campaign, window}, at);
            return checked ? checked->verdict : DialGuard::Verdict::Allowed;
        };
        QCOMPARE(verdict(QStringLiteral("+12125550101"), nullptr), DialGuard::Verdict::TenantList);
        QCOMPARE(verdict(QStringLiteral("+12125550102"), nullptr), DialGuard::Verdict::CampaignList);
        QCOMPARE(verdict(QStringLiteral("+12125550104"), &optedOut), DialGuard::Verdict::ContactOptedOut);
        // A manual dial with no contact: the whole US must be inside the window (Hawaii is at 05:00 now).
        QCOMPARE(verdict(QStringLiteral("+12125550106"), nullptr), DialGuard::Verdict::OutsideHours);
        QCOMPARE(verdict(QStringLiteral("+12125550106"), nullptr, Now.addSecs(5 * 3600)), DialGuard::Verdict::Allowed);
        QCOMPARE(verdict(QStringLiteral("+80012345678"), nullptr), DialGuard::Verdict::UnknownLocation);
        QCOMPARE(verdict(QStringLiteral("2125550106"), nullptr), DialGuard::Verdict::InvalidNumber);
        auto listed = guard.check({QStringLiteral("+12125550101"), nullptr, m_campaign, window}, Now);
        QVERIFY(listed && listed->message.contains(QStringLiteral("do-not-call")));
        // Listing twice keeps one entry.
        QVERIFY(
            lists.add(QStringLiteral("+12125550101"), std::nullopt, QStringLiteral("again"), QStringLiteral("ops")));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM dnc_numbers WHERE number = '+12125550101'"),
                 qint64(1));
    }

    // Whatever a screen does, the Dialer asks the guard first: listed numbers and closed hours never reach the phone.
    void dialerRefusesWhatTheGuardRefuses()
    {
        RecordingTelephony phone;
        ManualClock clock(Now.toMSecsSinceEpoch());
        Dialer dialer(replica(), m_hours, phone, clock);
        QVERIFY(DoNotCall(replica()).add(QStringLiteral("+12125550101"), std::nullopt, {}, QStringLiteral("ops")));
        const CallingWindow window = *CallingWindow::parse(QStringLiteral("09:00"), QStringLiteral("21:00"));
        const RowId person = contact(QStringLiteral("Ny"), QStringLiteral("+12125550102"));
        const ContactNumbers numbers = *ContactNumbers::read(replica().database(), person);

        auto listed = dialer.dial({QStringLiteral("+12125550101"), nullptr, m_campaign, window});
        QCOMPARE(listed->verdict, DialGuard::Verdict::TenantList);
        auto allowed = dialer.dial({QStringLiteral("+12125550102"), &numbers, m_campaign, window});
        QVERIFY(allowed->allowed());
        clock.set(Now.addSecs(11 * 3600).toMSecsSinceEpoch()); // 22:00 in New York
        auto late = dialer.dial({QStringLiteral("+12125550102"), &numbers, m_campaign, window});
        QCOMPARE(late->verdict, DialGuard::Verdict::OutsideHours);
        QVERIFY2(late->message.contains(QStringLiteral("22:00")), qPrintable(late->message));
        QCOMPARE(phone.dialled, QStringList{QStringLiteral("+12125550102")});
    }

    void callingHoursWhereThePersonIs()
    {
        // 23:00 in Shanghai, 08:00 in Los Angeles: closed. 17:00 in Berlin: open.
        member(contact(QStringLiteral("Li"), QStringLiteral("+8613800138000"), QStringLiteral("Asia/Shanghai")),
               {.priority = 9});
        member(contact(QStringLiteral("LA"), QStringLiteral("+13105550100"), QStringLiteral("America/Los_Angeles")),
               {.priority = 8});
        // A US number with no zone: Hawaii is at 05:00, so not callable.
        member(contact(QStringLiteral("US"), QStringLiteral("+12125550100"), QString()), {.priority = 7});
        const RowId berlin =
            member(contact(QStringLiteral("Berlin"), QStringLiteral("+493012345678"), QStringLiteral("Europe/Berlin")),
                   {.priority = 1});
        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QCOMPARE(call->member, berlin);
        QCOMPARE(call->zoneKey, QStringLiteral("tz:Europe/Berlin"));
        QCOMPARE(call->localTime.time(), QTime(17, 0));
        // Three hours later Los Angeles is at 11:00; with it done, the zone-less US number still waits for Hawaii
        // (08:00), so Berlin (20:00) is next; an hour later Hawaii is at 09:00 and the US number ranks first.
        std::optional<QueuedCall> la = next(QStringLiteral("alice"), Now.addSecs(3 * 3600));
        QVERIFY(la);
        QCOMPARE(la->priority, 8);
        QVERIFY(replica().update(tables::Members, la->member, {{QStringLiteral("status"), memberStatus::Done}}));
        QCOMPARE(next(QStringLiteral("alice"), Now.addSecs(3 * 3600))->member, berlin);
        std::optional<QueuedCall> us = next(QStringLiteral("alice"), Now.addSecs(4 * 3600));
        QVERIFY(us);
        QCOMPARE(us->priority, 7);
        QCOMPARE(us->zoneKey, QStringLiteral("region:US"));
        // At 21:00 in Berlin (19:00 UTC) nobody there is called.
        QVERIFY(replica().update(tables::Members, us->member, {{QStringLiteral("status"), memberStatus::Done}}));
        QVERIFY(!next(QStringLiteral("alice"), QDateTime(QDate(2026, 5, 4), QTime(19, 0), Qt::UTC)));
    }

    void pausedCampaignOffersNobody()
    {
        member(contact(QStringLiteral("A"), QStringLiteral("+12125550101")));
        QVERIFY(next());
        QVERIFY(
            replica().update(tables::Campaigns, m_campaign, {{QStringLiteral("status"), QStringLiteral("paused")}}));
        QVERIFY(!next());
    }
};

QTEST_GUILESS_MAIN(TestContactQueue)
#include "tst_contactqueue.moc"
