// What agents and managers read about a campaign, on a real replica: the agent's queue panel, campaign set-up's
// territories, the managers' progress report; and a list applied a part at a time.
#include "QueueFixture.h"

#include "app/telemarketing/AgentStats.h"
#include "app/telemarketing/CallbackList.h"
#include "app/telemarketing/CampaignProgress.h"
#include "app/telemarketing/CampaignSetup.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/ListParts.h"
#include "app/telemarketing/OutcomeRecorder.h"
#include "app/telemarketing/QueueSummary.h"

using namespace fieldline;
using namespace fieldline::telemarketingtest;

class TestCampaignViews : public QObject, protected QueueFixture
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(open()); }

    // The agent's queue panel: who waits for them now and later. Others' members, spent, done, callbacks, a
    // colleague's claimed ones and the person on the agent's own screen are not counted; a zone is looked at only so
    // far, and then the count says "at least".
    void queueSummary()
    {
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        const auto summary = [&](const QString &agent, const RowId &onScreen = {}) {
            auto rules = Campaign::read(replica().database(), m_campaign);
            auto read = QueueSummary::read(replica().database(), m_hours, *rules, agent, Now, onScreen);
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
        QueueSummary bob = summary(QStringLiteral("bob"), claimed);
        QCOMPARE(bob.readyNow.count, qint64(2)); // the pool's and his own; the one he claimed is on his screen
        QCOMPARE(bob.later.count, qint64(2));
        bob = summary(QStringLiteral("bob"));
        QCOMPARE(bob.readyNow.count, qint64(3)); // held ahead, not on his screen: it waits for him
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

    // Each bad line of a calling list is named; a number with an extension is one, since the stored E.164 number would
    // be the main line's without a word.
    void aListNamesEachBadLine()
    {
        const ListImport::Checked list =
            ListImport::check("first_name,phone\nAda,+1 212 555 0100\nBo,+1 212 555 0101 ext. 12\nCy,12\n", QString());
        QCOMPARE(list.problems,
                 QStringList({QStringLiteral("line 3: '+1 212 555 0101 ext. 12' has an extension (12), which a "
                                             "campaign's number cannot keep: import the number without it"),
                              QStringLiteral("line 4: '12' is not a phone number (a number of another country needs "
                                             "its + and country code)")}));
        QCOMPARE(list.people.front().phone, QStringLiteral("+12125550100"));
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

    // The agent's callbacks list: their own and the pool's, earliest first, not a colleague's own nor one a
    // colleague is working on; one more than the limit says that there are more.
    void callbacksList()
    {
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        const auto add = [&](const QString &name, qint64 dueMs, const QString &owner = QString()) {
            const RowId person = contact(name, QStringLiteral("+1212555%1").arg(qHash(name) % 9000 + 1000));
            return callback(member(person, {.status = memberStatus::Callback}), person, dueMs, owner);
        };
        const RowId own = add(QStringLiteral("Own"), nowMs - 60'000, QStringLiteral("alice"));
        const RowId pool = add(QStringLiteral("Pool"), nowMs + 60'000);
        add(QStringLiteral("Bobs"), nowMs - 120'000, QStringLiteral("bob"));
        const RowId taken = add(QStringLiteral("Taken"), nowMs - 180'000);
        QueuedCall call;
        call.callback = taken;
        QVERIFY(Claims(replica()).claim(call, QStringLiteral("bob"), nowMs));
        CallbackList list(replica(), m_hours);
        auto pending = list.pending(m_campaign, QStringLiteral("alice"), nowMs);
        QVERIFY(pending);
        QCOMPARE(pending->size(), size_t(2));
        QCOMPARE(pending->at(0).id, own);
        QVERIFY(!pending->at(0).pool);
        QCOMPARE(pending->at(1).id, pool);
        QVERIFY(pending->at(1).pool);
        // Once bob's lease has run out, the callback he held is listed again.
        QCOMPARE(list.pending(m_campaign, QStringLiteral("alice"), nowMs + Claims::LeaseMs + 1)->size(), size_t(3));

        for (int i = 0; i < CallbackList::Limit; ++i)
            add(QStringLiteral("Later%1").arg(i), nowMs + 3'600'000 + i);
        pending = list.pending(m_campaign, QStringLiteral("alice"), nowMs);
        QCOMPARE(pending->size(), size_t(CallbackList::Limit) + 1);
        QCOMPARE(pending->back().dueMs, nowMs + 3'600'000 + CallbackList::Limit - 2);
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
};

QTEST_GUILESS_MAIN(TestCampaignViews)
#include "tst_campaignviews.moc"
