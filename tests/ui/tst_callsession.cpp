// The Calls workspace in the shell. Call settings from the keyboard: the backend choice and the SIP account are stored
// in the encrypted profile (the password in no file in plain text), an account baresip would misread is refused with
// the reason and nothing is stored, new settings wait for the call in wrap-up to be recorded and then switch the Calls
// workspace to the built-in phone (a real baresip on loopback that becomes ready), locking stops it, and the stored
// settings come back after a restart. The campaign picker switches campaigns between calls, never during one.
#include "CampaignFixture.h"
#include "UiFixture.h"

#include "app/telemarketing/MemberId.h"
#include "app/telephony/BaresipTelephony.h"
#include "app/telephony/UriHandoffTelephony.h"
#include "storage/Statement.h"
#include "tests/support/FileScan.h"
#include "ui/controls/MessageBanner.h"
#include "ui/main/MainWindow.h"
#include "ui/settings/CallSettingsPanel.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/sync/LoginDialog.h"
#include "ui/telemarketing/AgentSession.h"
#include "ui/telemarketing/AgentWorkspace.h"
#include "ui/telemarketing/CampaignSetupController.h"
#include "ui/telemarketing/CampaignSetupWorkspace.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>

#include <csignal>
#include <tuple>

using namespace fieldline;
using namespace fieldline::uitest;
using telemarketingtest::zoneAtNoon;

namespace {

const QString Password = QStringLiteral("Canary-s3cret-7741");

bool processAlive(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

} // namespace

class TestCallSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void builtInPhoneFromSettings();
    void campaignPicker();
    void campaignSetUpInTheClient();
};

void TestCallSession::builtInPhoneFromSettings()
{
    UiFixture f(nullptr, ui::SyncController::LoginDefaults{});
    QList<QUrl> opened;
    f.phone.listenAddress = QStringLiteral("127.0.0.1");
    f.phone.audioPlayer = QStringLiteral("alsa,null");
    f.phone.audioSource = QStringLiteral("ausine,440");
    f.phone.openLink = [&opened](const QUrl &link) {
        opened.append(link);
        return true;
    };
    f.recreate(false);
    QVERIFY(f.createProfile());
    QVERIFY(f.sync()->replica());
    QVERIFY(telemarketingtest::addCampaign(*f.sync()->replica(), QStringLiteral("preview"), 3, zoneAtNoon()) !=
            sync::RowId());
    auto *session = f.shell().findChild<ui::AgentSession *>();
    QVERIFY(session);
    session->setAgent(QStringLiteral("agent7"));
    // Nothing set up yet: the desktop's softphone by tel: link.
    QVERIFY(dynamic_cast<telephony::UriHandoffTelephony *>(session->telephony()));

    // A call handed to the softphone waits in wrap-up for its disposition.
    auto *calls = f.shell().mainWindow()->findChild<ui::AgentWorkspace *>();
    QVERIFY(calls);
    QTest::keyClick(calls, Qt::Key_F8);
    QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::Preview);
    QTest::keyClick(calls, Qt::Key_Return);
    QCOMPARE(opened, QList<QUrl>{QUrl(QStringLiteral("tel:+12125550100"))});
    QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::WrapUp);

    f.shell().showSettings();
    ui::SettingsDialog *dialog = f.shell().settingsDialog();
    QVERIFY(dialog);
    auto *panel = dialog->callSettings();
    auto *backend = child<QComboBox>(panel, "callBackend");
    auto *result = child<QLabel>(panel, "callSettingsResult");
    QCOMPARE(backend->currentIndex(), 0);
    QVERIFY(!child(panel, "sipUser")->isEnabled());
    backend->setFocus();
    QTest::keyClick(backend, Qt::Key_End); // the built-in phone, last in the list
    QVERIFY(child(panel, "sipUser")->isEnabled());
    QTest::keyClicks(child(panel, "sipUser"), QStringLiteral("agent7"));
    QTest::keyClicks(child(panel, "sipDomain"), QStringLiteral("127.0.0.1"));
    // A ';' would let the password add account parameters of its own: refused, nothing stored.
    QTest::keyClicks(child(panel, "sipPassword"), QStringLiteral("pw;answermode=auto"));
    QTest::keyClick(child(panel, "sipPassword"), Qt::Key_Return);
    QVERIFY(result->text().contains(QStringLiteral("';'")));
    QCOMPARE(telephony::CallSettings::load(*f.profile().database()).value(), telephony::CallSettings());
    QVERIFY(dialog->isVisible()); // Enter saved (and refused); it did not close the dialog

    child(panel, "sipPassword")->clear();
    QTest::keyClicks(child(panel, "sipPassword"), Password);
    QTest::keyClicks(child(panel, "sipDisplayName"), QStringLiteral("Agent Seven"));
    QTest::keyClick(child(panel, "sipPassword"), Qt::Key_Return);
    QCOMPARE(result->text(), QStringLiteral("Call settings saved. They apply from the next call."));
    const telephony::CallSettings stored = telephony::CallSettings::load(*f.profile().database()).value();
    QCOMPARE(stored.backend, telephony::CallSettings::Backend::BuiltIn);
    QCOMPARE(stored.account.user, QStringLiteral("agent7"));
    QCOMPARE(stored.account.domain, QStringLiteral("127.0.0.1"));
    QCOMPARE(stored.account.password, Password);
    QCOMPARE(stored.account.displayName, QStringLiteral("Agent Seven"));

    // The call in wrap-up keeps its backend until the agent records it.
    QVERIFY(dynamic_cast<telephony::UriHandoffTelephony *>(session->telephony()));
    dialog->close();
    QTest::keyClick(calls, Qt::Key_2); // no answer
    QVERIFY(QTest::qWaitFor([&] { return dynamic_cast<telephony::BaresipTelephony *>(session->telephony()); }, 2000));
    auto *phone = static_cast<telephony::BaresipTelephony *>(session->telephony());
    QVERIFY2(QTest::qWaitFor([&] { return phone->isReady(); }, 15000), qPrintable(phone->problem()));
    QCOMPARE(*f.sync()->replica()->database().queryInt("SELECT count(*) FROM call_attempts"), qint64(1));
    // baresip's private folder is in the profile; the password is in no file there in plain text.
    QVERIFY(phone->setup().folder.startsWith(f.profileFolder()));
    QCOMPARE(testsupport::findCanary({f.profileFolder()}, Password), QStringList());

    // Locking stops the built-in phone, and lets go of the contact offered (written before the database closes).
    const char *claimed = "SELECT count(*) FROM campaign_members WHERE ifnull(claimed_by, '') <> ''";
    QTest::keyClick(calls, Qt::Key_F8); // ready: the next contact is offered, and claimed
    QCOMPARE(*f.sync()->replica()->database().queryInt(claimed), qint64(1));
    const qint64 pid = phone->processId();
    QVERIFY(processAlive(pid));
    f.shell().lock();
    f.settle();
    QVERIFY(!session->telephony());
    QVERIFY(QTest::qWaitFor([&] { return !processAlive(pid); }, 5000));

    // After a restart the settings are read back from the encrypted profile.
    f.recreate(false);
    QTest::keyClicks(child(f.gate()->unlockView(), "passphrase"), kPassphrase);
    QTest::keyClick(child(f.gate()->unlockView(), "passphrase"), Qt::Key_Return);
    f.settle();
    QCOMPARE(f.profile().state(), app::ProfileService::State::Unlocked);
    QCOMPARE(*f.profile().database()->queryInt(claimed), qint64(0));
    f.shell().showSettings();
    panel = f.shell().settingsDialog()->callSettings();
    QCOMPARE(child<QComboBox>(panel, "callBackend")->currentIndex(), 3);
    QCOMPARE(child(panel, "sipUser")->text(), QStringLiteral("agent7"));
    QCOMPARE(child(panel, "sipPassword")->text(), Password);
    // Saving what is stored already changes nothing: the phone is not rebuilt.
    session = f.shell().findChild<ui::AgentSession *>();
    session->setAgent(QStringLiteral("agent7"));
    telephony::Telephony *before = session->telephony();
    QVERIFY(dynamic_cast<telephony::BaresipTelephony *>(before));
    QTest::keyClick(child(panel, "sipUser"), Qt::Key_Return);
    QCOMPARE(session->telephony(), before);
    f.shell().settingsDialog()->close();
}

void TestCallSession::campaignPicker()
{
    UiFixture f(nullptr, ui::SyncController::LoginDefaults{});
    f.phone.openLink = [](const QUrl &) { return true; };
    f.recreate(false);
    QVERIFY(f.createProfile());
    sync::Replica &replica = *f.sync()->replica();
    const sync::RowId spring = telemarketingtest::addCampaign(replica, QStringLiteral("preview"), 2, zoneAtNoon());
    const sync::RowId autumn = telemarketingtest::addCampaign(replica, QStringLiteral("preview"), 2, zoneAtNoon());
    QVERIFY(replica.update(QStringLiteral("campaigns"), autumn, {{QStringLiteral("name"), QStringLiteral("Autumn")}}));
    auto *session = f.shell().findChild<ui::AgentSession *>();
    session->setAgent(QStringLiteral("agent7"));
    auto *calls = f.shell().mainWindow()->findChild<ui::AgentWorkspace *>();
    auto *picker = child<QComboBox>(calls, "agentCampaignPicker");
    auto *heading = child<QLabel>(calls, "agentCampaign");
    QCOMPARE(picker->count(), 2);
    QCOMPARE(picker->itemText(0), QStringLiteral("Autumn")); // by name, the first is worked
    QCOMPARE(heading->text(), QStringLiteral("Autumn"));
    QCOMPARE(picker->currentText(), QStringLiteral("Autumn"));

    // Alt+C reaches the picker; Down opens its list (a closed picker must not switch at each arrow), Down and
    // Enter there switch; the keys are back on the screen.
    ui::MainWindow *window = f.shell().mainWindow();
    if (QDialog *login = f.shell().syncController()->loginDialog()) // not signed in: the agent was set above
        login->reject();
    window->show();
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window));
    window->showWorkspace(calls);
    QVERIFY(calls->isVisible());
    calls->setFocus();
    QTest::keyClick(calls, Qt::Key_C, Qt::AltModifier);
    QVERIFY2(picker->hasFocus(),
             QApplication::focusWidget() ? qPrintable(QApplication::focusWidget()->objectName()) : "none");
    QTest::keyClick(picker, Qt::Key_Down);
    QCOMPARE(heading->text(), QStringLiteral("Autumn"));
    QTest::keyClick(picker, Qt::Key_S); // a letter looks the name up in the list, it does not switch either
    QCOMPARE(heading->text(), QStringLiteral("Autumn"));
    QTRY_VERIFY(picker->view()->isVisible());
    QTest::keyClick(picker->view(), Qt::Key_Escape);
    QTRY_VERIFY(!picker->view()->isVisible());
    QCOMPARE(heading->text(), QStringLiteral("Autumn"));
    QCOMPARE(picker->currentText(), QStringLiteral("Autumn"));
    QTest::keyClick(picker, Qt::Key_Down);
    QTRY_VERIFY(picker->view()->isVisible());
    QTest::keyClick(picker->view(), Qt::Key_Down);
    QTest::keyClick(picker->view(), Qt::Key_Return);
    QCOMPARE(heading->text(), QStringLiteral("Spring renewals"));
    QVERIFY(calls->hasFocus());
    QCOMPARE(session->controller() != nullptr, true);

    // During a call (here: a hand-off waiting for its disposition) the switch is refused.
    QTest::keyClick(calls, Qt::Key_F8);
    QTest::keyClick(calls, Qt::Key_Return);
    QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::WrapUp);
    picker->setCurrentIndex(0);
    emit picker->activated(0);
    QCOMPARE(heading->text(), QStringLiteral("Spring renewals"));
    QCOMPARE(picker->currentText(), QStringLiteral("Spring renewals"));
    QVERIFY(calls->findChild<ui::MessageBanner *>()->text().contains(QStringLiteral("Finish this call")));
    QTest::keyClick(calls, Qt::Key_1);
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM call_attempts"), qint64(1));
    Q_UNUSED(spring);
}

// A manager sets up a campaign in the client: a bad disposition list is refused with the reason and nothing is
// stored; saved, it is listed and selected; the contacts of one territory, then every contact not in it yet, are added
// for an agent, with their zone, and a contact whose zone cannot be told is left out and counted.
void TestCallSession::campaignSetUpInTheClient()
{
    UiFixture f(nullptr, ui::SyncController::LoginDefaults{});
    QVERIFY(f.createProfile());
    sync::Replica &replica = *f.sync()->replica();
    for (const auto &[phone, zone, territory] : {std::tuple{"+12125550100", "America/New_York", "East"},
                                                 std::tuple{"+4930901820", "", "Europe"}, std::tuple{"", "", "East"}}) {
        QVERIFY(replica.insert(QStringLiteral("contacts"),
                               {{QStringLiteral("phone"), QString::fromLatin1(phone)},
                                {QStringLiteral("time_zone"), QString::fromLatin1(zone)},
                                {QStringLiteral("territory"), QString::fromLatin1(territory)}}));
    }
    auto *setup = f.shell().mainWindow()->findChild<ui::CampaignSetupWorkspace *>();
    QVERIFY(setup);
    QVERIFY(!f.shell().mainWindow()->isWorkspaceAvailable(setup)); // not signed in as a manager
    QCOMPARE(child(setup, "setupWindowStart")->text(), QStringLiteral("09:00"));
    QTest::keyClicks(child(setup, "setupName"), QStringLiteral("Winter drive"));
    auto *dispositions = setup->findChild<QPlainTextEdit *>(QStringLiteral("setupDispositions"));
    QTest::keyClicks(dispositions, QStringLiteral("[]"));
    auto *result = child<QLabel>(setup, "setupResult");
    emit setup->saveRequested();
    QVERIFY2(result->text().contains(QStringLiteral("Winter drive")), qPrintable(result->text()));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaigns"), qint64(0));
    dispositions->clear();
    QTest::keyClicks(dispositions, QStringLiteral(R"([{"code": "sale", "label": {"en": "Sale"}, "key": "1"}])"));
    emit setup->saveRequested();
    QVERIFY2(result->text().startsWith(QStringLiteral("Campaign Winter drive is saved")), qPrintable(result->text()));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaigns WHERE name = 'Winter drive' AND "
                                          "status = 'paused' AND window_start = '09:00' AND max_attempts = 3"),
             qint64(1));
    QCOMPARE(child<QComboBox>(setup, "setupCampaign")->currentText(), QStringLiteral("Winter drive"));

    QTest::keyClicks(child(setup, "setupAssignee"), QStringLiteral("agent7"));
    auto *territory = child<QComboBox>(setup, "setupTerritory");
    QCOMPARE(territory->count(), 3); // all, East, Europe
    territory->setFocus();
    QTest::keyClick(territory, Qt::Key_End);
    QCOMPARE(territory->currentText(), QStringLiteral("Europe"));
    emit setup->addContactsRequested();
    QVERIFY2(result->text() == QStringLiteral("1 contact added."), qPrintable(result->text()));
    QTest::keyClick(territory, Qt::Key_Home);
    QCOMPARE(setup->territory(), QString());
    emit setup->addContactsRequested();
    QVERIFY2(result->text().startsWith(QStringLiteral("1 contact added; 1 left out")), qPrintable(result->text()));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaign_members WHERE owner = 'agent7' AND "
                                          "status = 'queued' AND (zone = 'tz:America/New_York' OR zone = 'region:DE')"),
             qint64(2));
    emit setup->addContactsRequested(); // nobody twice
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaign_members"), qint64(2));
    // Each member's id comes from the pair, so a colleague adding the same person offline reaches the same row.
    auto members = replica.database().prepare("SELECT id, campaign, contact FROM campaign_members");
    QVERIFY(members);
    int derived = 0;
    QVERIFY(members.value()->forEachRow([&](const storage::Statement &row) {
        derived += row.blob(0) == telemarketing::memberId(row.blob(1), row.blob(2)).toBytes();
    }));
    QCOMPARE(derived, 2);

    // The New York contact moves to London: adding contacts again moves their member to the new zone too.
    auto ny = replica.database().prepare("SELECT id FROM contacts WHERE phone = '+12125550100'");
    QVERIFY(ny);
    std::optional<sync::RowId> moving;
    QVERIFY(
        ny.value()->forEachRow([&](const storage::Statement &row) { moving = sync::RowId::fromBytes(row.blob(0)); }));
    QVERIFY(moving);
    QVERIFY(replica.update(QStringLiteral("contacts"), *moving,
                           {{QStringLiteral("time_zone"), QStringLiteral("Europe/London")}}));
    emit setup->addContactsRequested();
    QVERIFY2(result->text().contains(QStringLiteral("1 member whose contact moved")), qPrintable(result->text()));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaign_members WHERE zone = 'tz:Europe/London'"),
             qint64(1));

    // A list from a CSV file: every bad line is reported and nothing is imported; the fixed file matches a contact
    // by number (already in), creates one nobody had (added), and lists nobody twice.
    auto *controller = f.shell().findChild<ui::CampaignSetupController *>();
    QVERIFY(controller);
    QTemporaryDir lists;
    const auto write = [&lists](const char *name, const QByteArray &text) {
        QFile file(lists.filePath(QString::fromLatin1(name)));
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() ? file.fileName() : QString();
    };
    const qint64 contactsBefore = *replica.database().queryInt("SELECT count(*) FROM contacts");
    controller->setFileChooser(
        [&] { return write("bad.csv", "phone,first_name\n12,Ann\n+4930901821,Ben,extra\n\"+49 30 1\"x,Cy\n"); });
    QVERIFY(child<QPushButton>(setup, "setupImportList")->isEnabled());
    // The file is read and checked on a thread of its own; a second import waits for the first.
    QSignalSpy imported(controller, &ui::CampaignSetupController::listImported);
    emit setup->importListRequested();
    QCOMPARE(result->text(), QStringLiteral("Reading and checking bad.csv..."));
    controller->importList(lists.filePath(QStringLiteral("bad.csv")));
    QCOMPARE(result->text(), QStringLiteral("Another list is being read or used; take the next one when it is done."));
    QVERIFY(imported.wait(10'000));
    QVERIFY2(result->text().startsWith(QStringLiteral("Nothing was imported from bad.csv:\nline 2: '12' is not a "
                                                      "phone number")),
             qPrintable(result->text()));
    QVERIFY(result->text().contains(QStringLiteral("\nline 3: 3 fields, the header has 2")));
    QVERIFY(result->text().contains(QStringLiteral("\nline 4: text after the closing quote of field 1")));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM contacts"), contactsBefore);
    controller->importList(write("good.csv", "Phone,First_Name,Last_Name,Time_Zone\n"
                                             "+1 212 555 0100,Ignored,,\n"
                                             "\"+49 30 901822\",Chlo\xc3\xa9,\"Dubois, Chlo\xc3\xa9\",Europe/Berlin\n"
                                             "+4930901822,Again,,\n"));
    QVERIFY(imported.wait(10'000));
    QCOMPARE(imported.size(), 2);
    QVERIFY2(result->text() ==
                 QStringLiteral("1 person added from the list; new contacts: 1; already in the campaign: 1."),
             qPrintable(result->text()));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM contacts"), contactsBefore + 1);
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM contacts WHERE phone = '+4930901822' AND "
                                          "last_name = 'Dubois, Chlo\xc3\xa9' AND time_zone = 'Europe/Berlin'"),
             qint64(1));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaign_members m JOIN contacts k ON k.id = m.contact"
                                          " WHERE k.phone = '+4930901822' AND m.owner = 'agent7' AND "
                                          "m.zone = 'tz:Europe/Berlin'"),
             qint64(1));

    // A long list is added a part at a time (ListImport::PeoplePerPart per transaction).
    QByteArray big = "phone\n";
    for (int i = 0; i < 1500; ++i)
        big += "+1212555" + QByteArray::number(3000 + i) + '\n';
    controller->importList(write("big.csv", big));
    QVERIFY(imported.wait(60'000));
    QCOMPARE(result->text(),
             QStringLiteral("1500 people added from the list; new contacts: 1500; already in the campaign: 0."));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM contacts"), contactsBefore + 1501);

    // Taking a list out (Alt+O): the members of the people it names are removed and their callbacks still due are
    // cancelled; a number nobody has and a person not in the campaign are counted; a bad line removes nobody.
    const qint64 membersBefore = *replica.database().queryInt("SELECT count(*) FROM campaign_members");
    QVERIFY(membersBefore >= 1502);
    auto waiting = replica.database().prepare("SELECT m.id, m.contact, m.campaign FROM campaign_members m"
                                              " JOIN contacts k ON k.id = m.contact WHERE k.phone = '+12125553000'");
    QVERIFY(waiting);
    std::optional<sync::RowId> member;
    QByteArray person, campaignId;
    QVERIFY(waiting.value()->forEachRow([&](const storage::Statement &row) {
        member = sync::RowId::fromBytes(row.blob(0));
        person = row.blob(1);
        campaignId = row.blob(2);
    }));
    QVERIFY(member);
    for (const char *status : {"due", "done"})
        QVERIFY(replica.insert(QStringLiteral("callbacks"), {{QStringLiteral("campaign"), campaignId},
                                                             {QStringLiteral("member"), member->toBytes()},
                                                             {QStringLiteral("contact"), person},
                                                             {QStringLiteral("due_ms"), qint64(1)},
                                                             {QStringLiteral("status"), QString::fromLatin1(status)}}));
    controller->setFileChooser([&] { return write("out-bad.csv", "phone\n+12125553000\nnot a number\n"); });
    QVERIFY(child<QPushButton>(setup, "setupRemoveList")->isEnabled());
    emit setup->removeListRequested();
    QVERIFY(imported.wait(10'000));
    QVERIFY2(result->text().startsWith(QStringLiteral("Nobody was taken out with out-bad.csv:\nline 3:")),
             qPrintable(result->text()));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaign_members"), membersBefore);
    const QString out = write("out.csv", "phone\n+12125553000\n+1 212 555 3001\n+12125553000\n+12125559999\n");
    controller->removeList(out);
    QVERIFY(imported.wait(10'000));
    QCOMPARE(result->text(), QStringLiteral("2 people taken out of the campaign; not in it: 0; numbers nobody has: 1; "
                                            "callbacks cancelled: 1."));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaign_members"), membersBefore - 2);
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM callbacks WHERE status = 'cancelled'"), qint64(1));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM callbacks WHERE status = 'done'"), qint64(1));
    controller->removeList(out);
    QVERIFY(imported.wait(10'000));
    QCOMPARE(result->text(), QStringLiteral("0 people taken out of the campaign; not in it: 2; numbers nobody has: 1; "
                                            "callbacks cancelled: 0."));
    // Imported again, the same people come back in their rows; the number nobody had becomes a contact.
    controller->importList(out);
    QVERIFY(imported.wait(10'000));
    QCOMPARE(result->text(),
             QStringLiteral("3 people added from the list; new contacts: 1; already in the campaign: 0."));
    QCOMPARE(*replica.database().queryInt("SELECT count(*) FROM campaign_members"), membersBefore + 1);
    QVERIFY(replica.rowState(QStringLiteral("campaign_members"), *member)->alive());

    // Locked while a list is read: the list goes into no profile, not even the same one unlocked again (whose replica
    // may well sit at the same address as before).
    const qint64 contactsNow = *replica.database().queryInt("SELECT count(*) FROM contacts");
    const qsizetype importsBefore = imported.size();
    controller->importList(write("late.csv", "phone\n+12125550177\n"));
    f.shell().lock();
    f.settle();
    QTest::keyClicks(child(f.gate()->unlockView(), "passphrase"), kPassphrase);
    QTest::keyClick(child(f.gate()->unlockView(), "passphrase"), Qt::Key_Return);
    f.settle();
    QCOMPARE(f.profile().state(), app::ProfileService::State::Unlocked);
    QVERIFY(imported.size() > importsBefore || imported.wait(10'000));
    QCOMPARE(
        result->text(),
        QStringLiteral("The profile was locked after 0 of the 1 people of late.csv; use the file again for the rest."));
    QCOMPARE(*f.sync()->replica()->database().queryInt("SELECT count(*) FROM contacts"), contactsNow);
}

QTEST_MAIN(TestCallSession)
#include "tst_callsession.moc"
