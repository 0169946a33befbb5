// An agent works 20 contacts of a preview campaign from the keyboard alone: F8 ready, Enter to call, Escape to hang
// up, a digit for the disposition, Enter to confirm a callback time, Tab/Enter for a note. The recorded attempts,
// dispositions, callbacks and do-not-call entries are then read back from the replica. A number put on the
// do-not-call list after the screen offered it is refused when Enter is pressed, and never reaches the phone.
#include "CampaignFixture.h"
#include "UiFixture.h"

#include "app/formsync/FormTables.h"
#include "app/sync/AppSchema.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/ContactCard.h"
#include "app/telemarketing/DoNotCall.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "app/telephony/UriHandoffTelephony.h"
#include "tests/sync/SyncTestKit.h"
#include "ui/controls/MessageBanner.h"
#include "ui/telemarketing/AgentController.h"
#include "ui/telemarketing/AgentWorkspace.h"
#include "ui/telemarketing/CallsChart.h"
#include "ui/telemarketing/DesktopReminder.h"
#include "ui/telemarketing/OutcomeForm.h"

#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace fieldline;
using namespace fieldline::telemarketing;
using sync::RowId;

namespace {

// Monday 4 May 2026, 15:00 UTC: 11:00 in New York.
const QDateTime Now = QDateTime(QDate(2026, 5, 4), QTime(15, 0), Qt::UTC);

/** Answers at once and ends when the agent hangs up: the telephony seam (baresip has its own test). */
class AnsweringTelephony final : public telephony::Telephony
{
public:
    AnsweringTelephony() { setReady(true); }
    QStringList dialled;
    QString tones;
    bool dial(const QString &target) override
    {
        dialled.append(target);
        begin(target);
        enter(State::Established);
        return true;
    }
    void hangUp() override { finish(QStringLiteral("hung_up_here"), QStringLiteral("hung up here"), false); }
    void setHeld(bool held) override { enter(held ? State::Held : State::Established); }
    void sendDtmf(const QString &digits) override { tones += digits; }
};

/**
 * What each test starts from: an agent's device holding a campaign of @p members contacts (CampaignFixture), a phone
 * that answers, a clock at Now and the screen. Tests take its parts by name: auto &[device, problem, ...] = shift.
 */
struct Shift
{
    Shift(const QString &path, const QString &mode, int members)
        : device(path, Now.toMSecsSinceEpoch(), app::appSchema())
        , problem(device.open())
        , campaign(problem.isEmpty() ? telemarketingtest::addCampaign(*device, mode, members) : RowId())
    {}

    synctest::Device device;
    QString problem; ///< why the device did not open; empty when it did
    RowId campaign;
    AnsweringTelephony phone;
    ManualClock clock{Now.toMSecsSinceEpoch()};
    ui::AgentWorkspace view;
};

} // namespace

class TestAgentScreen : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static qint64 count(sync::Replica &replica, const char *sql) { return *replica.database().queryInt(sql); }

private slots:
    void agentWorksTwentyContactsFromTheKeyboard()
    {
        Shift shift(m_dir.filePath(QStringLiteral("agent.db")), QStringLiteral("preview"), 21);
        auto &[device, problem, campaign, phone, clock, view] = shift;
        QCOMPARE(problem, QString());
        sync::Replica &replica = *device;
        ui::AgentController controller(&view, {&replica, &phone, &clock, QStringLiteral("alice"), campaign});
        QVERIFY(controller.start());
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        view.setFocus();
        auto press = [&view](int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
            QWidget *target = QApplication::focusWidget();
            QTest::keyClick(target && view.isAncestorOf(target) ? target : &view, Qt::Key(key), modifiers);
        };
        auto label = [&view](const char *name) { return view.findChild<QLabel *>(QLatin1String(name))->text(); };

        // The queue panel: everyone is due now and nobody asked to be called back.
        QCOMPARE(label("agentQueue"), QStringLiteral("Waiting: 21 due now, 0 later   Callbacks due: 0"));
        press(Qt::Key_F8);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);
        QCOMPARE(label("agentQueue"), QStringLiteral("Waiting: 20 due now, 0 later   Callbacks due: 0")); // one shown
        QCOMPARE(label("agentContactName"), QStringLiteral("Contact0"));
        QCOMPARE(label("agentContactTime"), QStringLiteral("Their time: 11:00"));
        // The script shows the contact's fields as plain text, markup and all.
        QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("agentScript"))->toPlainText(),
                 QStringLiteral("Hello Contact0, this is alice <b>from</b> Fieldline."));
        int worked = 0;
        bool refused = false;
        while (worked < 20) {
            QVERIFY2(view.mode() == ui::AgentWorkspace::Mode::Preview, qPrintable(QString::number(worked)));
            if (worked == 10 && !refused) {
                refused = true;
                // Listed by a colleague while the screen shows it: Enter is refused, the phone never sees it.
                const QString listed = label("agentContactNumber");
                QVERIFY(
                    DoNotCall(replica).add(listed, std::nullopt, QStringLiteral("complaint"), QStringLiteral("bob")));
                press(Qt::Key_Return);
                QVERIFY(!phone.dialled.contains(listed));
                const QString banner = view.findChild<ui::MessageBanner *>()->text();
                QVERIFY2(banner.contains(QStringLiteral("do-not-call")), qPrintable(banner));
                QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);
                QVERIFY(label("agentContactNumber") != listed);
                continue;
            }
            press(Qt::Key_Return);
            QVERIFY2(
                view.mode() == ui::AgentWorkspace::Mode::Call,
                qPrintable(QStringLiteral("%1: %2").arg(worked).arg(view.findChild<ui::MessageBanner *>()->text())));
            QCOMPARE(label("agentCallState"), QStringLiteral("Connected"));
            if (worked == 0) {
                press(Qt::Key_F7);
                QCOMPARE(phone.state(), telephony::Telephony::State::Held);
                press(Qt::Key_F7);
                press(Qt::Key_5); // a tone during the call, not a disposition
                QCOMPARE(phone.tones, QStringLiteral("5"));
            }
            press(Qt::Key_Escape);
            QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::WrapUp);
            switch (worked % 4) {
            case 0:
                press(Qt::Key_Tab);
                QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("wants the yearly plan"));
                press(Qt::Key_Return);
                press(Qt::Key_1);
                break;
            case 1:
                press(Qt::Key_2);
                break;
            case 2:
                press(Qt::Key_4);
                QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Callback);
                press(Qt::Key_Return);
                break;
            default:
                press(Qt::Key_9);
            }
            ++worked;
        }
        // Nobody is left to call now: the no-answers wait an hour, the callbacks are due in an hour.
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Empty);
        // The no-answers wait for later; the one whose number a colleague listed is due but is passed over.
        QCOMPARE(label("agentQueue"), QStringLiteral("Waiting: 1 due now, 5 later   Callbacks due: 0"));
        QCOMPARE(phone.dialled.size(), 20);
        QCOMPARE(count(replica, "SELECT count(*) FROM call_attempts"), qint64(20));
        for (const char *code : {"sale", "no_answer", "call_back", "do_not_call"}) {
            const QByteArray sql = QByteArray("SELECT count(*) FROM call_attempts WHERE disposition = '") + code + "'";
            QCOMPARE(count(replica, sql.constData()), qint64(5));
        }
        QCOMPARE(count(replica, "SELECT count(*) FROM call_attempts WHERE note = 'wants the yearly plan'"), qint64(5));
        QCOMPARE(count(replica, "SELECT count(*) FROM call_attempts WHERE owner = 'alice'"), qint64(20));
        // Why each call ended is stored by code, not in the words of the agent's language.
        QCOMPARE(count(replica, "SELECT count(*) FROM call_attempts WHERE result = 'hung_up_here'"), qint64(20));
        QCOMPARE(count(replica, "SELECT count(*) FROM callbacks WHERE status = 'due' AND owner = 'alice'"), qint64(5));
        const qint64 due = *replica.database().queryInt("SELECT min(due_ms) FROM callbacks");
        QVERIFY(due > Now.toMSecsSinceEpoch() + 3'500'000 && due < Now.toMSecsSinceEpoch() + 3'700'000);
        QCOMPARE(count(replica, "SELECT count(*) FROM dnc_numbers"), qint64(6));
        QCOMPARE(count(replica, "SELECT count(*) FROM campaign_members WHERE status = 'done'"), qint64(10));
        QCOMPARE(count(replica, "SELECT count(*) FROM campaign_members WHERE status = 'callback'"), qint64(5));
        QCOMPARE(count(replica, "SELECT count(*) FROM campaign_members WHERE status = 'queued' AND attempts = 1"),
                 qint64(5));

        // Today's figures and the chart follow the recorded calls.
        QCOMPARE(label("agentStats"), QStringLiteral("Today: 20 calls, 20 reached, 0:00:00 talk time, 5 conversions"));
        auto *chart = view.findChild<ui::CallsChart *>();
        int charted = 0;
        for (int hour = 0; hour < 24; ++hour)
            charted += chart->callsAt(hour);
        QCOMPARE(charted, 20);
        QCOMPARE(chart->callsAt(Now.toLocalTime().time().hour()), 20);

        // An hour later the callbacks come first, then the no-answers; F8 pauses.
        clock.advance(3'601'000);
        press(Qt::Key_F8);
        press(Qt::Key_F8);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);
        QVERIFY(controller.current() && controller.current()->callback);
        QCOMPARE(label("agentContactAttempts"), QStringLiteral("Callback"));
        // The callback on screen is not one waiting.
        QCOMPARE(label("agentQueue"), QStringLiteral("Waiting: 6 due now, 0 later   Callbacks due: 4"));
        // The card's past calls name the disposition as the agent's buttons do, not by its code.
        const QString history = view.findChild<QPlainTextEdit *>(QStringLiteral("agentHistory"))->toPlainText();
        QVERIFY2(history.contains(QStringLiteral("  Call back  ")) && !history.contains(QStringLiteral("call_back")),
                 qPrintable(history));
        press(Qt::Key_F8);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Paused);
        QCOMPARE(label("agentQueue"), QStringLiteral("Waiting: 6 due now, 0 later   Callbacks due: 5"));
    }

    // Progressive: the next contact is dialled after a countdown; Escape stops it and leaves the contact shown.
    void progressiveCountdownDialsUnlessStopped()
    {
        Shift shift(m_dir.filePath(QStringLiteral("progressive.db")), QStringLiteral("progressive"), 2);
        auto &[device, problem, campaign, phone, clock, view] = shift;
        QCOMPARE(problem, QString());
        ui::AgentController::Setup setup{&*device, &phone, &clock, QStringLiteral("alice"), campaign};
        setup.countdownSeconds = 1;
        ui::AgentController controller(&view, setup);
        QVERIFY(controller.start());
        QTest::keyClick(&view, Qt::Key_F8);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Countdown);
        QTest::keyClick(&view, Qt::Key_Escape);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);
        QTest::qWait(1300);
        QVERIFY(phone.dialled.isEmpty());
        QTest::keyClick(&view, Qt::Key_Return); // the agent dials by hand
        QCOMPARE(phone.dialled.size(), 1);
        QTest::keyClick(&view, Qt::Key_Escape);
        QTest::keyClick(&view, Qt::Key_2);
        // The next one is dialled when its countdown runs out.
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Countdown);
        QVERIFY(QTest::qWaitFor([&] { return phone.dialled.size() == 2; }, 3000));
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Call);
    }

    // Ctrl+D: a number typed by hand is formatted as typed, checked by the same guard and recorded on the campaign.
    void manualDialIsFormattedAndGuarded()
    {
        Shift shift(m_dir.filePath(QStringLiteral("manual.db")), QStringLiteral("preview"), 1);
        auto &[device, problem, campaign, phone, clock, view] = shift;
        QCOMPARE(problem, QString());
        QVERIFY(DoNotCall(*device).add(QStringLiteral("+12125550198"), std::nullopt, {}, QStringLiteral("ops")));
        clock.set(Now.toMSecsSinceEpoch() + 5 * 3'600'000); // 20:00 UTC: open across the US
        ui::AgentController::Setup setup{&*device, &phone, &clock, QStringLiteral("alice"), campaign};
        setup.dialRegion = QStringLiteral("US");
        ui::AgentController controller(&view, setup);
        QVERIFY(controller.start());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.activateWindow();
        view.setFocus();
        auto *field = view.findChild<QLineEdit *>(QStringLiteral("agentManualDial"));
        QTest::keyClick(&view, Qt::Key_F8); // a contact is offered meanwhile: Enter in the field must not dial it
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);
        QTest::keyClick(&view, Qt::Key_D, Qt::ControlModifier);
        QVERIFY(field->hasFocus());
        QTest::keyClicks(field, QStringLiteral("2125550198"));
        QCOMPARE(field->text(), QStringLiteral("(212) 555-0198"));
        QTest::keyClick(field, Qt::Key_Return);
        QVERIFY(phone.dialled.isEmpty()); // listed, and the contact on screen is not dialled instead
        QVERIFY(view.findChild<ui::MessageBanner *>()->text().contains(QStringLiteral("do-not-call")));
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);

        QTest::keyClick(&view, Qt::Key_D, Qt::ControlModifier);
        QTest::keyClicks(field, QStringLiteral("2125550199"));
        QTest::keyClick(field, Qt::Key_Return);
        QCOMPARE(phone.dialled, QStringList{QStringLiteral("+12125550199")});
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Call);
        QVERIFY(field->text().isEmpty());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_1);
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM call_attempts WHERE number = '+12125550199'"
                                              " AND member IS NULL AND disposition = 'sale'"),
                 qint64(1));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM campaign_members WHERE attempts > 0"), qint64(0));
    }

    // F9 puts the number shown on the do-not-call list (skipping a contact offered, without an attempt); the keypad
    // shows during a call and sends tones; the callback picker shows the person's time and warns outside the window.
    void keypadCallbackTimeAndDoNotCall()
    {
        Shift shift(m_dir.filePath(QStringLiteral("keypad.db")), QStringLiteral("preview"), 3);
        auto &[device, problem, campaign, phone, clock, view] = shift;
        QCOMPARE(problem, QString());
        ui::AgentController controller(&view, {&*device, &phone, &clock, QStringLiteral("alice"), campaign});
        QVERIFY(controller.start());
        auto label = [&view](const char *name) { return view.findChild<QLabel *>(QLatin1String(name))->text(); };
        QTest::keyClick(&view, Qt::Key_F8);
        QCOMPARE(label("agentContactName"), QStringLiteral("Contact0"));
        QTest::keyClick(&view, Qt::Key_F9);
        QCOMPARE(label("agentContactName"), QStringLiteral("Contact1"));
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);
        QVERIFY(view.findChild<ui::MessageBanner *>()->text().contains(QStringLiteral("+12125550100")));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM dnc_numbers WHERE number = '+12125550100' AND "
                                              "campaign IS NULL AND added_by = 'alice'"),
                 qint64(1));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM call_attempts"), qint64(0));

        auto *pad = view.findChild<QWidget *>(QStringLiteral("dialPad"));
        QVERIFY(pad->isHidden());
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Call);
        QVERIFY(!pad->isHidden());
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("dialPadKey5")), Qt::LeftButton);
        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("dialPadKeyHash")), Qt::LeftButton);
        QCOMPARE(phone.tones, QStringLiteral("5#"));
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(pad->isHidden());

        // 11:00 in New York; the callback proposed an hour on, at 12:00 theirs.
        QTest::keyClick(&view, Qt::Key_4);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Callback);
        QCOMPARE(label("agentCallbackTheirTime"), QStringLiteral("Their time: Mon 12:00"));
        auto *due = view.findChild<QDateTimeEdit *>(QStringLiteral("agentCallbackDue"));
        due->setDateTime(QDateTime(QDate(2026, 5, 5), QTime(2, 0), Qt::UTC).toLocalTime());
        QCOMPARE(label("agentCallbackTheirTime"), QStringLiteral("Their time: Mon 22:00, outside the calling hours"));
        due->setDateTime(QDateTime(QDate(2026, 5, 5), QTime(14, 0), Qt::UTC).toLocalTime());
        QCOMPARE(label("agentCallbackTheirTime"), QStringLiteral("Their time: Tue 10:00"));
        // Listed during wrap-up: the disposition is still recorded.
        QTest::keyClick(&view, Qt::Key_F9);
        QVERIFY(view.findChild<ui::MessageBanner *>()->text().contains(QStringLiteral("+12125550101")));
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM callbacks"), qint64(1));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM dnc_numbers"), qint64(2));
        QCOMPARE(label("agentContactName"), QStringLiteral("Contact2"));

        // Contact2 is taken out of the campaign (on a manager's computer, say) during the call: "call back" records
        // the call, plans no callback, and says so.
        QTest::keyClick(&view, Qt::Key_Return);
        QTest::keyClick(&view, Qt::Key_Escape);
        QVERIFY(device->remove(telemarketing::tables::Members, controller.current()->member));
        QTest::keyClick(&view, Qt::Key_4);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Callback);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM call_attempts"), qint64(2));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM callbacks"), qint64(1));
        const QString banner = view.findChild<ui::MessageBanner *>()->text();
        QVERIFY2(banner.contains(QStringLiteral("taken out of the campaign during the call")), qPrintable(banner));
    }

    // The callbacks list shows the agent's own and the pool's callbacks (not a colleague's), earliest first; when one
    // falls due the agent is reminded once, on the screen and on the desktop.
    void callbacksListAndReminders()
    {
        Shift shift(m_dir.filePath(QStringLiteral("callbacks.db")), QStringLiteral("preview"), 3);
        auto &[device, problem, campaign, phone, clock, view] = shift;
        QCOMPARE(problem, QString());
        const auto plan = [&](const QString &owner, qint64 dueMs) {
            sync::Cells callback;
            callback.emplace_back(QStringLiteral("campaign"), campaign.toBytes());
            callback.emplace_back(QStringLiteral("due_ms"), dueMs);
            callback.emplace_back(QStringLiteral("owner"), owner);
            callback.emplace_back(QStringLiteral("status"), QStringLiteral("due"));
            return device->insert(tables::Callbacks, callback).ok();
        };
        const qint64 inTwoHours = Now.toMSecsSinceEpoch() + 2 * 3'600'000;
        QVERIFY(plan(QString(), inTwoHours + 60'000));    // the pool's
        QVERIFY(plan(QStringLiteral("bob"), inTwoHours)); // a colleague's: not listed
        ui::AgentController::Setup setup{&*device, &phone, &clock, QStringLiteral("alice"), campaign};
        setup.callbackCheckMs = 20;
        ui::AgentController controller(&view, setup);
        QVERIFY(controller.start());
        auto *list = view.findChild<QListWidget *>(QStringLiteral("agentCallbacks"));
        QCOMPARE(list->count(), 1);
        const auto timeOf = [](qint64 ms) {
            return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QStringLiteral("ddd HH:mm"));
        };
        QCOMPARE(list->item(0)->text(),
                 timeOf(inTwoHours + 60'000) + QStringLiteral("  a contact without a name (any agent)"));

        // Contact0 asks to be called back in an hour: the agent's own callback comes first.
        QTest::keyClick(&view, Qt::Key_F8);
        QTest::keyClick(&view, Qt::Key_Return);
        QTest::keyClick(&view, Qt::Key_Escape);
        QTest::keyClick(&view, Qt::Key_4);
        QTest::keyClick(&view, Qt::Key_Return);
        const qint64 inAnHour = view.callbackDue().toMSecsSinceEpoch();
        QCOMPARE(list->count(), 2);
        QCOMPARE(list->item(0)->text(), timeOf(inAnHour) + QStringLiteral("  Contact0"));
        QCOMPARE(view.reminder()->count(), 0);

        clock.advance(3'600'000 + 1000);
        QVERIFY(QTest::qWaitFor([&] { return view.reminder()->count() == 1; }, 2000));
        QVERIFY(view.findChild<ui::MessageBanner *>()->text().startsWith(QStringLiteral("Callback due: Contact0")));
        QCOMPARE(list->item(0)->text(), QStringLiteral("Due: ") + timeOf(inAnHour) + QStringLiteral("  Contact0"));
        QTest::qWait(100); // checked again several times: still one reminder
        QCOMPARE(view.reminder()->count(), 1);
        clock.advance(3'600'000 + 60'000);
        QVERIFY(QTest::qWaitFor([&] { return view.reminder()->count() == 2; }, 2000)); // the pool's

        // Contact0's number went on the do-not-call list since (from any device): that callback will never be
        // made, so it leaves the list.
        QVERIFY(telemarketing::DoNotCall(*device).add(QStringLiteral("+12125550100"), std::nullopt,
                                                      QStringLiteral("asked"), QStringLiteral("bob")));
        QTRY_COMPARE(list->count(), 1);
        QVERIFY(!list->item(0)->text().contains(QStringLiteral("Contact0")));
    }

    // The contact on screen was claimed by a colleague meanwhile (their claim synced in): Enter does not dial it, the
    // next contact is offered, and what the screen offers is claimed for this agent.
    void aContactClaimedByAColleagueIsNotDialled()
    {
        Shift shift(m_dir.filePath(QStringLiteral("claimed.db")), QStringLiteral("preview"), 2);
        auto &[device, problem, campaign, phone, clock, view] = shift;
        QCOMPARE(problem, QString());
        ui::AgentController controller(&view, {&*device, &phone, &clock, QStringLiteral("alice"), campaign});
        QVERIFY(controller.start());
        QTest::keyClick(&view, Qt::Key_F8);
        const QueuedCall offered = *controller.current();
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM campaign_members WHERE claimed_by = 'alice'"),
                 qint64(1));
        QVERIFY(Claims(*device).claim(offered, QStringLiteral("bob"), clock.nowMs()));
        QTest::keyClick(&view, Qt::Key_Return);
        QVERIFY(phone.dialled.isEmpty());
        QVERIFY(view.findChild<ui::MessageBanner *>()->text().startsWith(QStringLiteral("bob is calling")));
        QCOMPARE(view.findChild<QLabel *>(QStringLiteral("agentContactName"))->text(), QStringLiteral("Contact1"));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM campaign_members WHERE claimed_by = 'bob'"),
                 qint64(1)); // bob's claim stands
        // Pausing lets go of the contact offered.
        QTest::keyClick(&view, Qt::Key_F8);
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM campaign_members WHERE claimed_by = 'alice'"),
                 qint64(0));
        // A manager paused the campaign meanwhile: ready again offers nobody, and says why.
        QVERIFY(device->update(tables::Campaigns, campaign, {{QStringLiteral("status"), QStringLiteral("paused")}}));
        QTest::keyClick(&view, Qt::Key_F8);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Paused);
        QVERIFY(view.findChild<ui::MessageBanner *>()->text().contains(QStringLiteral("no longer active")));
        // Active again, but the claim cannot be written: nobody is offered unclaimed, and the screen says why.
        QVERIFY(device->update(tables::Campaigns, campaign, {{QStringLiteral("status"), QStringLiteral("active")}}));
        QVERIFY(device->database().exec("CREATE TEMP TRIGGER refuse_claims BEFORE UPDATE OF claimed_by ON"
                                        " campaign_members WHEN NEW.claimed_by = 'alice'"
                                        " BEGIN SELECT RAISE(ABORT, 'injected'); END"));
        QTest::keyClick(&view, Qt::Key_F8);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Paused);
        QVERIFY(!controller.current());
        QVERIFY2(view.findChild<ui::MessageBanner *>()->text().contains(QStringLiteral("injected")),
                 qPrintable(view.findChild<ui::MessageBanner *>()->text()));
        QVERIFY(device->database().exec("DROP TRIGGER refuse_claims"));
    }

    // A disposition that asks for an outcome form opens it over the screen: Ctrl+Enter with a required field empty
    // records nothing; filled in, the form is stored as the agent's finalised submission and the attempt points at it.
    void outcomeFormIsFilledBeforeTheOutcomeIsRecorded()
    {
        Shift shift(m_dir.filePath(QStringLiteral("form.db")), QStringLiteral("preview"), 2);
        auto &[device, problem, campaign, phone, clock, view] = shift;
        QCOMPARE(problem, QString());
        QVERIFY(device->update(
            tables::Campaigns, campaign,
            {{QStringLiteral("dispositions"), QStringLiteral(R"([{"code": "sale", "label": {"en": "Sale"}, "key": "1"},
                                    {"code": "survey", "label": {"en": "Survey"}, "key": "5", "form": "call-outcome"},
                                    {"code": "visit", "label": {"en": "Visit"}, "key": "6", "form": "call-outcome",
                                     "effect": "callback"}])")}}));
        const QString layout = QStringLiteral(
            R"({"format": 1, "id": "call-outcome", "version": 1, "title": {"en": "Call outcome"}, "sections": [{"id": "s",
            "title": {"en": "Outcome"}, "fields": [{"id": "comments", "type": "text", "label": {"en": "Comments"},
            "required": true}]}]})");
        QVERIFY(device->insert(formsync::tables::Layouts, formsync::layoutRowId(QStringLiteral("call-outcome"), 1),
                               {{QStringLiteral("form"), QStringLiteral("call-outcome")},
                                {QStringLiteral("version"), qint64(1)},
                                {QStringLiteral("title"), QStringLiteral("Call outcome")},
                                {QStringLiteral("body"), layout},
                                {QStringLiteral("status"), formsync::status::Published}}));
        ui::AgentController controller(&view, {&*device, &phone, &clock, QStringLiteral("alice"), campaign});
        QVERIFY(controller.start());
        QTest::keyClick(&view, Qt::Key_F8);
        QTest::keyClick(&view, Qt::Key_Return);
        QTest::keyClick(&view, Qt::Key_Escape);
        QTest::keyClick(&view, Qt::Key_5);
        ui::OutcomeForm *form = controller.outcomeForm();
        QVERIFY(form);
        QVERIFY(form->isVisible());
        form->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(form));
        QTest::keyClick(form, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(form->findChild<QLabel *>(QStringLiteral("outcomeFormProblem"))->isVisible());
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM call_attempts"), qint64(0));
        QTest::keyClicks(form->findChild<QLineEdit *>(), QStringLiteral("Wants a brochure"));
        QTest::keyClick(form->findChild<QLineEdit *>(), Qt::Key_Return); // moves on in the form, records nothing
        QVERIFY(form->isVisible());
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM call_attempts"), qint64(0));
        QTest::keyClick(form, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(*device->database().queryInt(
                     "SELECT count(*) FROM call_attempts a JOIN form_submissions s ON s.id = a.form"
                     " WHERE a.disposition = 'survey' AND s.status = 'final' AND s.owner = 'alice'"),
                 qint64(1));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM form_values WHERE value LIKE '%Wants a brochure%'"),
                 qint64(1));
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview); // on to the next contact

        // A form filled for a callback disposition is stored with the outcome: the agent fills it, cancels the
        // callback time, and records another disposition; no form is left without an attempt.
        QTest::keyClick(&view, Qt::Key_Return);
        QTest::keyClick(&view, Qt::Key_Escape);
        QTest::keyClick(&view, Qt::Key_6);
        form = controller.outcomeForm();
        QVERIFY(form && form->isVisible());
        form->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(form));
        QTest::keyClicks(form->findChild<QLineEdit *>(), QStringLiteral("Wants a visit"));
        QTest::keyClick(form, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Callback);
        QTest::keyClick(&view, Qt::Key_Escape);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::WrapUp);
        QTest::keyClick(&view, Qt::Key_1);
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM call_attempts WHERE disposition = 'sale' AND "
                                              "form IS NULL"),
                 qint64(1));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM form_submissions"), qint64(1));
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM form_values WHERE value LIKE '%Wants a visit%'"),
                 qint64(0));
    }

    // The shell's default backend hands the call to the desktop's softphone: it ends at once and the agent records it.
    void handOffGoesStraightToWrapUp()
    {
        Shift shift(m_dir.filePath(QStringLiteral("handoff.db")), QStringLiteral("preview"), 2);
        auto &[device, problem, campaign, answering, clock, view] = shift;
        QCOMPARE(problem, QString());
        QList<QUrl> opened;
        telephony::UriHandoffTelephony phone(telephony::UriHandoffTelephony::Scheme::Tel, [&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        ui::AgentController controller(&view, {&*device, &phone, &clock, QStringLiteral("alice"), campaign});
        QVERIFY(controller.start());
        QTest::keyClick(&view, Qt::Key_F8);
        QTest::keyClick(&view, Qt::Key_Return);
        QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("tel:+12125550100"))});
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::WrapUp);
        QTest::keyClick(&view, Qt::Key_1);
        QCOMPARE(view.mode(), ui::AgentWorkspace::Mode::Preview);
        QCOMPARE(*device->database().queryInt("SELECT count(*) FROM call_attempts WHERE result = 'handed_off'"),
                 qint64(1));
    }

    void scriptIsPlainTextWithTheContactsFields()
    {
        ContactCard card;
        card.fields.insert(QStringLiteral("first_name"), QStringLiteral("<i>Ada</i>"));
        QCOMPARE(card.merge(QStringLiteral("Hi {{contact.first_name}}, {{ agent.name }} here. {{contact.unknown}}!"),
                            QStringLiteral("alice")),
                 QStringLiteral("Hi <i>Ada</i>, alice here. !"));
        QCOMPARE(card.merge(QStringLiteral("{{contact.first_name"), QStringLiteral("a")),
                 QStringLiteral("{{contact.first_name"));
    }
};

QTEST_MAIN(TestAgentScreen)
#include "tst_agentscreen.moc"
