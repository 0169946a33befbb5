// What a recorded call does on a real replica: the member moves on (retry delay, callback, done), the last attempt
// ends it, "do not call" lists the number, an outcome is written whole or not at all, callbacks of a member taken
// out are neither offered nor listed; and the campaign's dispositions and rules are read strictly.
#include "QueueFixture.h"

#include "app/telemarketing/CallbackList.h"
#include "app/telemarketing/CampaignSetup.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/Dispositions.h"
#include "app/telemarketing/OutcomeRecorder.h"

using namespace fieldline;
using namespace fieldline::telemarketingtest;

class TestCallOutcomes : public QObject, protected QueueFixture
{
    Q_OBJECT

private slots:
    void init() { QVERIFY(open()); }

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
        QCOMPARE(list.pending(m_campaign, QStringLiteral("alice"), Now.toMSecsSinceEpoch())->size(), size_t(2));
        QCOMPARE(next()->member, gone); // the earlier one, while its member is in the campaign

        QVERIFY(replica().remove(tables::Members, gone));
        std::optional<QueuedCall> call = next();
        QVERIFY(call);
        QCOMPARE(call->callback, std::optional<RowId>(kept));
        auto pending = list.pending(m_campaign, QStringLiteral("alice"), Now.toMSecsSinceEpoch());
        QCOMPARE(pending->size(), size_t(1));
        QCOMPARE(pending->front().id, kept);

        QueuedCall removed;
        removed.member = gone;
        removed.contact = person;
        removed.number = QStringLiteral("+12125550102");
        const qint64 nowMs = Now.toMSecsSinceEpoch();
        auto rules = Campaign::read(replica().database(), m_campaign);
        storage::Result<bool> inCampaign = OutcomeRecorder(replica()).record(
            *rules, removed, {removed.number, nowMs, 1000, QStringLiteral("answered")},
            {QStringLiteral("call_back"), QString(), nowMs + 3'600'000}, QStringLiteral("alice"), nowMs);
        QCOMPARE(inCampaign.value(), false); // so the agent's screen can say that no callback was planned
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM call_attempts"), qint64(1));
        QCOMPARE(*replica().database().queryInt("SELECT count(*) FROM callbacks"), qint64(2)); // none added
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
        QCOMPARE(recorder
                     .record(rules, *call, {call->number, nowMs, 42'000, QStringLiteral("answered")}, later,
                             QStringLiteral("alice"), nowMs)
                     .value(),
                 true); // the member is in the campaign: its callback is planned
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

QTEST_GUILESS_MAIN(TestCallOutcomes)
#include "tst_calloutcomes.moc"
