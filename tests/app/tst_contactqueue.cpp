// The dialer's queue and its guard on a real replica: callbacks first, then priority and waiting time; attempts
// and retry delays; the agent's own members and the pool; every kind of do-not-call entry; calling hours in the
// contact's zone or the number's region; a blocked number is refused by the guard even when no queue offered it.
#include "app/sync/AppSchema.h"
#include "app/telemarketing/AgentStats.h"
#include "app/telemarketing/CallbackList.h"
#include "app/telemarketing/CampaignProgress.h"
#include "app/telemarketing/CampaignSetup.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/ContactNumbers.h"
#include "app/telemarketing/ContactQueue.h"
#include "app/telemarketing/Dialer.h"
#include "app/telemarketing/ListParts.h"
#include "app/telemarketing/MemberId.h"
#include "app/telemarketing/OutcomeRecorder.h"
#include "app/telemarketing/QueueSummary.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "app/telephony/Telephony.h"
#include "tests/sync/SyncTestKit.h"

#include <QtTest>

using namespace fieldline;
using namespace fieldline::telemarketing;
using sync::RowId;

namespace {

// Monday 4 May 2026, 15:00 UTC: 11:00 in New York, 17:00 in Berlin, 08:00 in Los Angeles, 23:00 in Shanghai.
const QDateTime Now = QDateTime(QDate(2026, 5, 4), QTime(15, 0), Qt::UTC);

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

struct MemberOptions
{
    qint64 priority = 0;
    qint64 attempts = 0;
    qint64 nextAttemptMs = 0;
    QString owner;
    QString status = memberStatus::Queued;
};

} // namespace

class TestContactQueue : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<synctest::Device> m_device;
    CallingHours m_hours;
    RowId m_campaign;
    int m_databases = 0;

    sync::Replica &replica() { return **m_device; }

    RowId campaign(const QString &status = QStringLiteral("active"), qint64 maxAttempts = 3)
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("name"), QStringLiteral("Spring renewals"));
        cells.emplace_back(QStringLiteral("mode"), QStringLiteral("preview"));
        cells.emplace_back(QStringLiteral("window_start"), QStringLiteral("09:00"));
        cells.emplace_back(QStringLiteral("window_end"), QStringLiteral("21:00"));
        cells.emplace_back(QStringLiteral("max_attempts"), maxAttempts);
        cells.emplace_back(QStringLiteral("retry_minutes"), QStringLiteral("60,240"));
        cells.emplace_back(QStringLiteral("status"), status);
        cells.emplace_back(QStringLiteral("dispositions"), QString::fromUtf8(R"([
            {"code": "sale", "label": {"en": "Sale", "zh_CN": "成交"}, "key": "1", "effect": "final", "conversion": true},
            {"code": "no_answer", "label": {"en": "No answer"}, "key": "2", "effect": "retry"},
            {"code": "busy", "label": {"en": "Busy"}, "key": "3", "effect": "retry", "retryMinutes": 15},
            {"code": "call_back", "label": {"en": "Call back"}, "key": "4", "effect": "callback"},
            {"code": "survey", "label": {"en": "Survey"}, "key": "5", "form": "call-outcome"},
            {"code": "do_not_call", "label": {"en": "Do not call"}, "key": "9", "doNotCall": true}])"));
        return *replica().insert(tables::Campaigns, cells);
    }

    RowId contact(const QString &name, const QString &phone, const QString &zone = QStringLiteral("America/New_York"),
                  bool optedOut = false)
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("first_name"), name);
        cells.emplace_back(QStringLiteral("phone"), phone);
        cells.emplace_back(QStringLiteral("time_zone"), zone);
        cells.emplace_back(QStringLiteral("do_not_call"), qint64(optedOut ? 1 : 0));
        return *replica().insert(QStringLiteral("contacts"), cells);
    }

    void addPhone(const RowId &contact, const QString &number, qint64 position)
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("contact"), contact.toBytes());
        cells.emplace_back(QStringLiteral("number"), number);
        cells.emplace_back(QStringLiteral("position"), position);
        QVERIFY(replica().insert(tables::ContactPhones, cells));
    }

    RowId member(const RowId &contact, const MemberOptions &options = {})
    {
        auto numbers = ContactNumbers::read(replica().database(), contact);
        const QString zone = ZoneKey::of(numbers->timeZone, numbers->numbers.value(0));
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("campaign"), m_campaign.toBytes());
        cells.emplace_back(QStringLiteral("contact"), contact.toBytes());
        cells.emplace_back(QStringLiteral("priority"), options.priority);
        cells.emplace_back(QStringLiteral("attempts"), options.attempts);
        cells.emplace_back(QStringLiteral("next_attempt_ms"), options.nextAttemptMs);
        cells.emplace_back(QStringLiteral("status"), options.status);
        cells.emplace_back(QStringLiteral("owner"), options.owner);
        cells.emplace_back(QStringLiteral("zone"), zone);
        // The id the product gives a member: derived from campaign and contact (CampaignSetup, CSV import).
        const RowId id = memberId(m_campaign.toBytes(), contact.toBytes());
        return replica().insert(tables::Members, id, cells) ? id : RowId();
    }

    RowId callback(const RowId &member, const RowId &contact, qint64 dueMs, const QString &owner = QString())
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("campaign"), m_campaign.toBytes());
        cells.emplace_back(QStringLiteral("member"), member.toBytes());
        cells.emplace_back(QStringLiteral("contact"), contact.toBytes());
        cells.emplace_back(QStringLiteral("due_ms"), dueMs);
        cells.emplace_back(QStringLiteral("owner"), owner);
        cells.emplace_back(QStringLiteral("status"), QStringLiteral("due"));
        return *replica().insert(tables::Callbacks, cells);
    }

    std::optional<QueuedCall> next(const QString &agent = QStringLiteral("alice"), const QDateTime &at = Now)
    {
        auto campaign = Campaign::read(replica().database(), m_campaign);
        if (!campaign)
            qWarning() << campaign.message();
        ContactQueue queue(replica(), m_hours);
        auto found = queue.next(*campaign, agent, at);
        if (!found)
            qWarning() << found.message();
        return found ? *found : std::nullopt;
    }

private slots:
    void init()
    {
        m_device = std::make_unique<synctest::Device>(m_dir.filePath(QStringLiteral("q%1.db").arg(++m_databases)),
                                                      Now.toMSecsSinceEpoch(), app::appSchema());
        QCOMPARE(m_device->open(), QString());
        QVERIFY(createTelemarketingIndexes(replica().database()));
        m_campaign = campaign();
    }

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

    // A member taken out of the campaign (on another device, say) leaves callbacks behind that still say "due":
    // they are neither offered nor listed, and a call back recorded for such a member makes no new callback.
    void callbacksOfARemovedMemberAreNotOffered()
    {
        const RowId person = contact(QStringLiteral("Gone"), QStringLiteral("+12125550102"));
        const RowId gone = member(person, {.status = memberStatus::Callback});
        callback(gone, person, Now.addSecs(-300).toMSecsSinceEpoch());
        const RowId other = contact(QStringLiteral("Stays"), QStringLiteral("+12125550103"));
        const RowId stays = member(other, {.status = memberStatus::Callback});
        const RowId kept = callback(stays, other, Now.addSecs(-60).toMSecsSinceEpoch());
        CallbackList list(replica(), m_hours);
        QCOMPARE(list.pending(m_campaign, QStringLiteral("alice"))->size(), size_t(2));
        QCOMPARE(next()->member, gone); // the earlier one, while its member is in the campaign

        QVERIFY(replica().remove(tables::Members, gone));
        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QCOMPARE(call->callback, std::optional<RowId>(kept));
        auto pending = list.pending(m_campaign, QStringLiteral("alice"));
        QCOMPARE(pending->size(), size_t(1));
        QCOMPARE(pending->front().id, kept);

        QueuedCall removed;
        removed.member = gone;
        removed.contact = person;
        removed.number = QStringLiteral("+12125550102");
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        auto rules = Campaign::read(replica().database(), m_campaign);
        QVERIFY(OutcomeRecorder(replica()).record(
            *rules, removed, {removed.number, nowMs, 1000, QStringLiteral("answered")},
            {QStringLiteral("call_back"), QString(), nowMs + 3'600'000}, QStringLiteral("alice"), nowMs));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM call_attempts"), qint64(1));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM callbacks"), qint64(2)); // none added
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

    // The agent's queue panel: who waits for them now and later. Others' members, spent, done, callbacks and claimed
    // ones (a colleague's, or the person on the agent's own screen) are not counted; a zone is looked at only so
    // far, and then the count says "at least".
    void queueSummary()
    {
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        const auto summary = [&](const QString &agent) {
            auto rules = Campaign::read(replica().database(), m_campaign);
            auto read = QueueSummary::read(replica().database(), m_hours, *rules, agent, Now);
            if (!read)
                qWarning() << read.message();
            return read ? *read : QueueSummary{{-1, false}, {-1, false}};
        };
        int people = 0;
        const auto ny = [&](const QString &name, const MemberOptions &options) {
            return member(contact(name, QStringLiteral("+1212555%1").arg(1000 + people++)), options);
        };
        ny(QStringLiteral("Pool"), {});
        ny(QStringLiteral("Alice's"), {.owner = QStringLiteral("alice")});
        ny(QStringLiteral("Bob's"), {.owner = QStringLiteral("bob")});
        ny(QStringLiteral("Resting"), {.attempts = 1, .nextAttemptMs = nowMs + 60'000});
        ny(QStringLiteral("Spent"), {.attempts = 3});
        ny(QStringLiteral("Done"), {.status = memberStatus::Done});
        ny(QStringLiteral("Asked"), {.status = memberStatus::Callback});
        const RowId claimed = ny(QStringLiteral("Claimed"), {});
        QVERIFY(replica().update(tables::Members, claimed,
                                 {{QStringLiteral("claimed_by"), QStringLiteral("bob")},
                                  {QStringLiteral("claimed_until_ms"), nowMs + Claims::LeaseMs}}));
        // 23:00 in Shanghai: outside the window, so later.
        member(contact(QStringLiteral("Far"), QStringLiteral("+862161234567"), QStringLiteral("Asia/Shanghai")), {});

        QueueSummary alice = summary(QStringLiteral("alice"));
        QCOMPARE(alice.readyNow.count, qint64(2));
        QCOMPARE(alice.later.count, qint64(2));
        QVERIFY(!alice.readyNow.atLeast && !alice.later.atLeast);
        QueueSummary bob = summary(QStringLiteral("bob"));
        QCOMPARE(bob.readyNow.count, qint64(2)); // the pool's and his own; the one he claimed is on his screen
        QCOMPARE(bob.later.count, qint64(2));

        // Berlin (17:00, open) holds more members than a look reads: the count stops there and says so.
        const QString berlin = ZoneKey::of(QStringLiteral("Europe/Berlin"), QString());
        const auto berliner = [&] {
            sync::Cells cells;
            cells.emplace_back(QStringLiteral("campaign"), m_campaign.toBytes());
            cells.emplace_back(QStringLiteral("contact"), RowId::generate().toBytes());
            cells.emplace_back(QStringLiteral("status"), memberStatus::Queued);
            cells.emplace_back(QStringLiteral("zone"), berlin);
            return replica().insert(tables::Members, cells).ok();
        };
        for (int i = 0; i < QueueSummary::RowsPerZone; ++i)
            QVERIFY(berliner());
        alice = summary(QStringLiteral("alice"));
        QCOMPARE(alice.readyNow.count, qint64(2 + QueueSummary::RowsPerZone));
        QVERIFY(!alice.readyNow.atLeast); // every one of them was read
        QVERIFY(berliner());
        alice = summary(QStringLiteral("alice"));
        QCOMPARE(alice.readyNow.count, qint64(3 + QueueSummary::RowsPerZone));
        QVERIFY(alice.readyNow.atLeast);
        QCOMPARE(alice.later.count, qint64(2));
        QVERIFY(alice.later.atLeast); // Berlin's unread rows could be waiting for later too
        // A paused campaign has nobody waiting.
        QVERIFY(
            replica().update(tables::Campaigns, m_campaign, {{QStringLiteral("status"), QStringLiteral("paused")}}));
        QCOMPARE(summary(QStringLiteral("alice")).readyNow.count, qint64(0));
    }

    // A list applied a part at a time: each part does at most its count; a part that fails is rolled back and its
    // progress put back, so running it again gives the same result as if it had never failed.
    void listPartsAreAllOrNothing()
    {
        ListImport::Checked list;
        for (const char *phone : {"+12125550101", "+12125550102", "+12125550103"})
            list.people.push_back({QString::fromLatin1(phone), QString(), {}});
        ListImport::Progress progress;
        bool failOnLast = true;
        const auto step = [&](const ListImport::Person &person) -> storage::Status {
            if (failOnLast && person.phone.endsWith(u'3'))
                return storage::Error{storage::ErrorCode::StorageFull, QStringLiteral("disk full"), 0};
            auto created = replica().insert(QStringLiteral("contacts"), {{QStringLiteral("phone"), person.phone}});
            if (!created)
                return created.error();
            progress.handled.insert(created->toBytes(), progress.next);
            ++progress.outcome.newContacts;
            return {};
        };
        auto part = runListPart(replica().database(), list, progress, 1, step);
        QVERIFY(part && !*part);
        QCOMPARE(progress.next, size_t(1));
        // The second person goes in, the third fails: the part is undone, the second person's contact too.
        part = runListPart(replica().database(), list, progress, 2, step);
        QVERIFY(!part);
        QCOMPARE(part.message(), QStringLiteral("disk full"));
        QCOMPARE(progress.next, size_t(1));
        QCOMPARE(progress.outcome.newContacts, 1);
        QCOMPARE(progress.handled.size(), qsizetype(1));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM contacts"), qint64(1));
        failOnLast = false;
        part = runListPart(replica().database(), list, progress, 2, step);
        QVERIFY(part && *part);
        QCOMPARE(progress.outcome.newContacts, 3);
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM contacts"), qint64(3));
    }

    // Campaign set-up's territories: each once, sorted, none for contacts without one.
    void territoriesOfTheContacts()
    {
        for (const char *territory : {"West", "East", "", "East", "North"})
            QVERIFY(replica().insert(QStringLiteral("contacts"),
                                     {{QStringLiteral("territory"), QString::fromLatin1(territory)}}));
        QVERIFY(replica().insert(QStringLiteral("contacts"), {{QStringLiteral("first_name"), QStringLiteral("None")}}));
        // A blob sorts after every text: found again and again, it must not keep the list going.
        QVERIFY(replica().insert(QStringLiteral("contacts"), {{QStringLiteral("territory"), QByteArray("\x01\x02")}}));
        auto territories = CampaignSetup(replica()).territories();
        QVERIFY2(territories, qPrintable(territories.message()));
        QCOMPARE(territories->mid(0, 3),
                 (QStringList{QStringLiteral("East"), QStringLiteral("North"), QStringLiteral("West")}));
        QVERIFY2(territories->size() <= 4, qPrintable(territories->join(u',')));
        auto plan = replica().database().prepare(
            "EXPLAIN QUERY PLAN SELECT territory FROM contacts"
            " WHERE territory > ?1 AND typeof(territory) = 'text' ORDER BY territory LIMIT 1");
        QVERIFY(plan);
        QString steps;
        QVERIFY(plan.value()->forEachRow([&](const storage::Statement &row) { steps += row.text(3); }));
        QVERIFY2(steps.contains(QStringLiteral("tm_contacts_territory")), qPrintable(steps));
    }

    // The manager's progress: members by status per campaign, today's calls, reached people and conversions per
    // campaign and per agent; yesterday's calls are not today's.
    void progressReport()
    {
        const RowId waiting = member(contact(QStringLiteral("W"), QStringLiteral("+12125550101")), {});
        member(contact(QStringLiteral("C"), QStringLiteral("+12125550102")), {.status = memberStatus::Callback});
        member(contact(QStringLiteral("D"), QStringLiteral("+12125550103")), {.status = memberStatus::Done});
        member(contact(QStringLiteral("E"), QStringLiteral("+12125550104")), {.status = memberStatus::Done});
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        const auto attempt = [&](const QString &agent, qint64 startedMs, qint64 durationMs, const QString &code) {
            sync::Cells cells;
            cells.emplace_back(QStringLiteral("campaign"), m_campaign.toBytes());
            cells.emplace_back(QStringLiteral("member"), waiting.toBytes());
            cells.emplace_back(QStringLiteral("owner"), agent);
            cells.emplace_back(QStringLiteral("started_ms"), startedMs);
            cells.emplace_back(QStringLiteral("duration_ms"), durationMs);
            cells.emplace_back(QStringLiteral("disposition"), code);
            return replica().insert(tables::Attempts, cells).ok();
        };
        QVERIFY(attempt(QStringLiteral("alice"), nowMs, 90'000, QStringLiteral("sale")));
        QVERIFY(attempt(QStringLiteral("alice"), nowMs + 1000, 0, QStringLiteral("no_answer")));
        QVERIFY(attempt(QStringLiteral("bob"), nowMs + 2000, 30'000, QStringLiteral("call_back")));
        QVERIFY(attempt(QStringLiteral("bob"), nowMs - 86'400'000, 30'000, QStringLiteral("sale"))); // yesterday
        const LocalDay day = LocalDay::of(Now);
        auto report = ProgressReport::read(replica().database(), day.startMs, day.endMs);
        QVERIFY2(report, qPrintable(report.message()));
        QCOMPARE(report->campaigns.size(), size_t(1));
        const ProgressReport::Campaign &c = report->campaigns.front();
        QCOMPARE(c.members, qint64(4));
        QCOMPARE(c.waiting, qint64(1));
        QCOMPARE(c.callbacks, qint64(1));
        QCOMPARE(c.done, qint64(2));
        QCOMPARE(c.percentDone(), 50);
        QCOMPARE(c.calls, qint64(3));
        QCOMPARE(c.reached, qint64(2));
        QCOMPARE(c.conversions, qint64(1));
        QCOMPARE(report->agents.size(), size_t(2));
        QCOMPARE(report->agents[0].agent, QStringLiteral("alice")); // most calls first
        QCOMPARE(report->agents[0].calls, qint64(2));
        QCOMPARE(report->agents[0].talkMs, qint64(90'000));
        QCOMPARE(report->agents[0].conversions, qint64(1));
        QCOMPARE(report->agents[1].calls, qint64(1));
        QCOMPARE(report->agents[1].conversions, qint64(0));
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

    void outcomesMoveTheMemberOn()
    {
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        const RowId person = contact(QStringLiteral("Ada"), QStringLiteral("+12125550101"));
        const RowId ada = member(person, {.priority = 1});
        const Campaign rules = *Campaign::read(replica().database(), m_campaign);
        OutcomeRecorder recorder(replica());
        auto attemptsOf = [&] { return *replica().database().queryInt("SELECT count(*) FROM call_attempts"); };
        auto memberInt = [&](const char *column) {
            const QByteArray sql =
                QByteArray("SELECT ") + column + " FROM campaign_members WHERE id = x'" + ada.toHex().toLatin1() + "'";
            return *replica().database().queryInt(sql.constData());
        };

        // No answer: retried after the campaign's first delay (60 minutes).
        std::optional<QueuedCall> call = next();
        QVERIFY(call && call->member == ada);
        QVERIFY(recorder.record(rules, *call, {call->number, nowMs, 0, QStringLiteral("no answer")},
                                {QStringLiteral("no_answer")}, QStringLiteral("alice"), nowMs));
        QCOMPARE(memberInt("attempts"), qint64(1));
        QCOMPARE(memberInt("next_attempt_ms"), nowMs + 60 * 60'000);
        QVERIFY(!next());
        QVERIFY(next(QStringLiteral("alice"), Now.addSecs(61 * 60)));

        // Busy has its own delay (15 minutes).
        QVERIFY(recorder.record(rules, *call, {call->number, nowMs, 0, QStringLiteral("busy")},
                                {QStringLiteral("busy")}, QStringLiteral("alice"), nowMs));
        QCOMPARE(memberInt("attempts"), qint64(2));
        QCOMPARE(memberInt("next_attempt_ms"), nowMs + 15 * 60'000);

        // A callback needs a time in the future; then the member waits for it and it is offered when due.
        QCOMPARE(recorder
                     .record(rules, *call, {call->number, nowMs, 42'000, QStringLiteral("answered")},
                             {QStringLiteral("call_back")}, QStringLiteral("alice"), nowMs)
                     .error()
                     .code,
                 storage::ErrorCode::Invalid);
        QCOMPARE(attemptsOf(), qint64(2));
        Outcome later{QStringLiteral("call_back"), QStringLiteral("after lunch"), nowMs + 2 * 3'600'000};
        QVERIFY(recorder.record(rules, *call, {call->number, nowMs, 42'000, QStringLiteral("answered")}, later,
                                QStringLiteral("alice"), nowMs));
        QVERIFY(!next(QStringLiteral("alice"), Now.addSecs(3600)));
        std::optional<QueuedCall> due = next(QStringLiteral("alice"), Now.addSecs(2 * 3600));
        QVERIFY(due && due->callback);
        QVERIFY(!next(QStringLiteral("bob"), Now.addSecs(2 * 3600))); // alice's callback, not the pool's

        // The sale closes the member and the callback; three attempts are on record, with their dispositions.
        QVERIFY(recorder.record(rules, *due, {due->number, nowMs + 7'200'000, 300'000, QStringLiteral("answered")},
                                {QStringLiteral("sale")}, QStringLiteral("alice"), nowMs + 7'200'000));
        QCOMPARE(memberInt("attempts"), qint64(4));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM campaign_members WHERE status = 'done'"),
                 qint64(1));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM callbacks WHERE status = 'done'"), qint64(1));
        QCOMPARE(attemptsOf(), qint64(4));
        QCOMPARE(*replica().database().queryInt(
                     "SELECT sum(duration_ms) FROM call_attempts WHERE disposition IN ('call_back', 'sale')"),
                 qint64(342'000));
    }

    void lastAttemptEndsTheMember()
    {
        const RowId person = contact(QStringLiteral("Bo"), QStringLiteral("+12125550102"));
        const RowId bo = member(person);
        const Campaign rules = *Campaign::read(replica().database(), m_campaign);
        OutcomeRecorder recorder(replica());
        // Attempts are counted from the attempts on record (grow-only, the same on every device).
        const int hoursLater[] = {0, 2, 7}; // after the 60- and 240-minute delays, inside New York's day
        for (int attempt = 1; attempt <= 3; ++attempt) {
            const QDateTime at = Now.addSecs(hoursLater[attempt - 1] * 3600);
            std::optional<QueuedCall> call = next(QStringLiteral("alice"), at);
            QVERIFY2(call, qPrintable(QString::number(attempt)));
            QCOMPARE(call->attempts, attempt - 1);
            QVERIFY(recorder.record(rules, *call, {call->number, 0, 0, QStringLiteral("no answer")},
                                    {QStringLiteral("no_answer")}, QStringLiteral("alice"), at.toMSecsSinceEpoch()));
        }
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM campaign_members WHERE status = 'done'"),
                 qint64(1));

        // Removed from the campaign and added again by a manager (the same row, its id comes from campaign and
        // contact): the calls on record still count, so Bo is back with 3 attempts and is not called again.
        QVERIFY(replica().remove(tables::Members, bo));
        auto added = CampaignSetup(replica()).addAllContacts(m_campaign, QString());
        QVERIFY2(added, qPrintable(added.message()));
        QCOMPARE(added->added, 1);
        QCOMPARE(*replica().database().queryInt("SELECT attempts FROM campaign_members WHERE status = 'queued'"),
                 qint64(3));
        QVERIFY(!next(QStringLiteral("alice"), Now.addSecs(8 * 3600)));
    }

    void doNotCallDispositionListsTheNumber()
    {
        member(contact(QStringLiteral("Cy"), QStringLiteral("+12125550103")));
        const Campaign rules = *Campaign::read(replica().database(), m_campaign);
        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QVERIFY(OutcomeRecorder(replica()).record(rules, *call, {call->number, 0, 5'000, QStringLiteral("answered")},
                                                  {QStringLiteral("do_not_call")}, QStringLiteral("alice"),
                                                  Now.toMSecsSinceEpoch()));
        QCOMPARE(*DoNotCall(replica()).lookup(QStringLiteral("+12125550103")), DoNotCall::List::Tenant);
        // The person is opted out, so their other numbers are not called either, even when dialled by hand.
        QCOMPARE(*replica().database().queryInt("SELECT do_not_call FROM contacts WHERE first_name = 'Cy'"), qint64(1));
        QCOMPARE(*DoNotCall(replica()).ownerOptedOut(QStringLiteral("+12125550103")), true);
        DialGuard guard(replica(), m_hours);
        QCOMPARE(guard.check({QStringLiteral("+12125550103")}, Now)->verdict, DialGuard::Verdict::ContactOptedOut);
    }

    void outcomeIsAllOrNothing()
    {
        const RowId person = contact(QStringLiteral("Di"), QStringLiteral("+12125550104"));
        const RowId di = member(person);
        const Campaign rules = *Campaign::read(replica().database(), m_campaign);
        OutcomeRecorder recorder(replica());
        QueuedCall call = *next();
        // A form is required and missing: refused before anything is written.
        QCOMPARE(recorder
                     .record(rules, call, {call.number, 0, 0, {}}, {QStringLiteral("survey")}, QStringLiteral("alice"),
                             Now.toMSecsSinceEpoch())
                     .error()
                     .code,
                 storage::ErrorCode::Invalid);
        QCOMPARE(recorder
                     .record(rules, call, {call.number, 0, 0, {}}, {QStringLiteral("no_such_code")},
                             QStringLiteral("alice"), Now.toMSecsSinceEpoch())
                     .error()
                     .code,
                 storage::ErrorCode::Invalid);
        // A failure after the attempt and the member were written (the do-not-call entry cannot be stored) takes
        // everything back.
        QVERIFY(replica().database().exec("CREATE TEMP TRIGGER refuse_dnc BEFORE INSERT ON dnc_numbers"
                                          " BEGIN SELECT RAISE(ABORT, 'injected'); END"));
        QVERIFY(!recorder.record(rules, call, {call.number, 0, 0, {}}, {QStringLiteral("do_not_call")},
                                 QStringLiteral("alice"), Now.toMSecsSinceEpoch()));
        QVERIFY(replica().database().exec("DROP TRIGGER refuse_dnc"));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM call_attempts"), qint64(0));
        QCOMPARE(*replica().database().queryInt("SELECT ifnull(attempts, 0) FROM campaign_members"), qint64(0));
        QCOMPARE(next()->member, di);
        // And the replica goes on writing; a callback that vanished meanwhile does not stop the outcome.
        call.callback = RowId::generate();
        QVERIFY(recorder.record(rules, call, {call.number, 0, 0, {}}, {QStringLiteral("sale")}, QStringLiteral("alice"),
                                Now.toMSecsSinceEpoch()));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM call_attempts"), qint64(1));
        auto changes = replica().changesSince(0);
        QVERIFY(changes);
        for (const sync::Change &change : *changes)
            QVERIFY2(change.table != tables::DoNotCall, "nothing of the failed outcome is sent");
    }

    void dispositionsAreCheckedStrictly_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("problem");
        QTest::newRow("not JSON") << "[{"
                                  << "not a JSON list";
        QTest::newRow("empty") << "[]"
                               << "1 to 20";
        QTest::newRow("bad code") << R"([{"code": "Sale!", "label": {"en": "Sale"}, "key": "1"}])"
                                  << "lower-case";
        QTest::newRow("no label") << R"([{"code": "sale", "key": "1"}])"
                                  << "no label";
        QTest::newRow("bad key") << R"([{"code": "sale", "label": {"en": "Sale"}, "key": "F1"}])"
                                 << "0 to 9";
        QTest::newRow("same key") << R"([{"code": "a", "label": {"en": "A"}, "key": "1"},
                                        {"code": "b", "label": {"en": "B"}, "key": "1"}])"
                                  << "two dispositions";
        QTest::newRow("same code") << R"([{"code": "a", "label": {"en": "A"}, "key": "1"},
                                         {"code": "a", "label": {"en": "B"}, "key": "2"}])"
                                   << "used twice";
        QTest::newRow("effect") << R"([{"code": "a", "label": {"en": "A"}, "key": "1", "effect": "maybe"}])"
                                << "final, retry or callback";
        QTest::newRow("do-not-call retried") << R"([{"code": "a", "label": {"en": "A"}, "key": "1", "effect": "retry",
                                                   "doNotCall": true}])"
                                             << "must be final";
        QTest::newRow("retry") << R"([{"code": "a", "label": {"en": "A"}, "key": "1", "retryMinutes": -5}])"
                               << "minutes";
        QString many = QStringLiteral("[");
        for (int i = 0; i < 21; ++i)
            many += QStringLiteral("%1{\"code\": \"c%2\", \"label\": {\"en\": \"C\"}, \"key\": \"%3\"}")
                        .arg(i ? QStringLiteral(",") : QString())
                        .arg(i)
                        .arg(i % 10);
        QTest::newRow("too many") << many + u']' << "1 to 20";
        QTest::newRow("too long") << QString(70 * 1024, u' ') << "longer than";
    }

    void dispositionsAreCheckedStrictly()
    {
        QFETCH(QString, json);
        QFETCH(QString, problem);
        QString why;
        QVERIFY(!Dispositions::parse(json, &why));
        QVERIFY2(why.contains(problem), qPrintable(why));
    }

    void dispositionsAreRead()
    {
        const Campaign rules = *Campaign::read(replica().database(), m_campaign);
        QCOMPARE(rules.dispositions.all().size(), size_t(6));
        const Disposition *sale = rules.dispositions.forKey(u'1');
        QVERIFY(sale);
        QCOMPARE(sale->code, QStringLiteral("sale"));
        QVERIFY(sale->conversion);
        QCOMPARE(sale->label.text(QStringLiteral("zh_CN")), QStringLiteral("成交"));
        QCOMPARE(rules.dispositions.find(QStringLiteral("busy"))->retryMinutes, std::optional<int>(15));
        QCOMPARE(rules.dispositions.find(QStringLiteral("survey"))->form, QStringLiteral("call-outcome"));
        QVERIFY(!rules.dispositions.forKey(u'7'));
    }

    void badCampaignRulesAreRefused_data()
    {
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("value");
        QTest::newRow("mode") << "mode"
                              << "predictive";
        QTest::newRow("window") << "window_end"
                                << "08:00";
        QTest::newRow("retry") << "retry_minutes"
                               << "60,soon";
    }

    void badCampaignRulesAreRefused()
    {
        QFETCH(QString, column);
        QFETCH(QString, value);
        QVERIFY(replica().update(tables::Campaigns, m_campaign, {{column, value}}));
        auto read = Campaign::read(replica().database(), m_campaign);
        QVERIFY(!read);
        QCOMPARE(read.error().code, storage::ErrorCode::Invalid);
        QVERIFY2(read.message().contains(QStringLiteral("Spring renewals")), qPrintable(read.message()));
    }
};

QTEST_GUILESS_MAIN(TestContactQueue)
#include "tst_contactqueue.moc"
