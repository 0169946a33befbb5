#include "ui/ScreenshotTour.h"

#include "app/sync/SyncService.h"
#include "ui/sync/LoginDialog.h"

#include "app/AppSettings.h"
#include "app/ProfileService.h"
#include "app/forms/LayoutReader.h"
#include "app/forms/Signature.h"
#include "app/formsync/FormTables.h"
#include "app/telemarketing/MemberId.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "app/telephony/BaresipTelephony.h"
#include "storage/KdfParams.h"
#include "storage/UnavailableSecretStore.h"
#include "ui/ErrorMessages.h"
#include "ui/LanguageManager.h"
#include "ui/Shell.h"
#include "ui/TaskRunner.h"
#include "ui/about/AboutDialog.h"
#include "ui/designer/DesignerWorkspace.h"
#include "ui/forms/FormController.h"
#include "ui/forms/FormView.h"
#include "ui/forms/FormsController.h"
#include "ui/forms/FormsWorkspace.h"
#include "ui/forms/SignaturePad.h"
#include "ui/gate/FirstRunView.h"
#include "ui/gate/GateWindow.h"
#include "ui/gate/UnlockView.h"
#include "ui/main/MainWindow.h"
#include "ui/settings/ChangePassphraseDialog.h"
#include "ui/settings/SettingsController.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/telemarketing/AgentSession.h"
#include "ui/telemarketing/AgentWorkspace.h"
#include "ui/telemarketing/CampaignSetupWorkspace.h"
#include "ui/telemarketing/ProgressWorkspace.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QWidget>

#include <cmath>
#include <cstdio>

namespace fieldline::ui {

namespace {

/** The tour has no SIP peer: a call is answered at once and ends when the agent hangs up. */
class TourTelephony final : public telephony::Telephony
{
public:
    TourTelephony() { setReady(true); }
    bool dial(const QString &target) override
    {
        begin(target);
        enter(State::Established);
        return true;
    }
    void hangUp() override
    {
        finish(QStringLiteral("hung_up_here"), telephony::BaresipTelephony::tr("hung up here"), false);
    }
    void setHeld(bool held) override { enter(held ? State::Held : State::Established); }
    void sendDtmf(const QString &) override {}
};
// Shown in the tour only; a real passphrase never appears on screen.
const QString kTourPassphrase = QStringLiteral("kettle orbit maple lantern 47");

void settle()
{
    // Layouts, polish and posted events (queued state changes) all need a few turns of the loop.
    for (int i = 0; i < 5; ++i)
        QCoreApplication::processEvents();
}

void typeInto(QWidget *root, const char *objectName, const QString &text)
{
    if (auto *field = root->findChild<QLineEdit *>(QString::fromLatin1(objectName)))
        field->setText(text);
}

} // namespace

bool ScreenshotTour::damageDatabase(const QString &folder)
{
    QFile database(QDir(folder).filePath(QStringLiteral("fieldline.db")));
    if (!database.open(QIODevice::ReadWrite) || database.size() < 4096)
        return false;
    database.seek(300);
    QByteArray bytes = database.read(16);
    for (char &byte : bytes)
        byte = char(~byte);
    database.seek(300);
    return database.write(bytes) == bytes.size();
}

ScreenshotTour::ScreenshotTour(QString outputDirectory)
    : m_output(std::move(outputDirectory))
{}

int ScreenshotTour::run()
{
    if (!QDir().mkpath(m_output)) {
        std::fprintf(stderr, "fieldline: cannot create %s\n", qPrintable(m_output));
        return 1;
    }
    for (const Language &language : LanguageManager::availableLanguages()) {
        if (!tourLanguage(language.code))
            m_errors.append(QStringLiteral("the %1 tour stopped early").arg(language.code));
    }
    for (const QString &file : std::as_const(m_saved))
        std::printf("%s\n", qPrintable(file));
    for (const QString &error : std::as_const(m_errors))
        std::fprintf(stderr, "fieldline: screenshot tour: %s\n", qPrintable(error));
    return m_errors.isEmpty() ? 0 : 1;
}

bool ScreenshotTour::save(QWidget *widget, const QString &language, const QString &name)
{
    settle();
    ++m_index;
    const QString file = QDir(m_output).filePath(
        QStringLiteral("%1-%2-%3.png").arg(language).arg(m_index, 2, 10, QLatin1Char('0')).arg(name));
    if (!widget || !widget->isVisible() || !widget->grab().save(file)) {
        m_errors.append(QStringLiteral("could not save %1").arg(file));
        return false;
    }
    m_saved.append(file);
    return true;
}

bool ScreenshotTour::tourLanguage(const QString &language)
{
    m_index = 0;
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return false;
    QSettings qsettings(scratch.filePath(QStringLiteral("fieldline.ini")), QSettings::IniFormat);
    app::AppSettings settings(qsettings);
    LanguageManager languages;
    if (!languages.setLanguage(language))
        return false;
    storage::UnavailableSecretStore keychain;
    const QString folder = scratch.filePath(QStringLiteral("profile"));
    app::ProfileOptions options{folder, storage::KdfParams::interactive()};

    {
        app::ProfileService profile(options, &keychain);
        const sync::SystemClock clock;
        app::SyncService sync(profile, clock);
        Shell shell({&profile,
                     &keychain,
                     &settings,
                     &languages,
                     &sync,
                     {QStringLiteral("http://127.0.0.1:8443"), QStringLiteral("demo"), QStringLiteral("agent")},
                     [] { return std::make_unique<TourTelephony>(); }});
        shell.start(false);
        GateWindow *gate = shell.gateWindow();
        FirstRunView *firstRun = gate->firstRunView();

        save(gate, language, QStringLiteral("first-run"));
        typeInto(firstRun, "passphrase", kTourPassphrase);
        typeInto(firstRun, "repeatPassphrase", kTourPassphrase);
        save(gate, language, QStringLiteral("first-run-filled"));

        firstRun->showError(ErrorMessages::text({storage::ErrorCode::StorageFull, {}, 0}), true);
        save(gate, language, QStringLiteral("storage-full"));
        firstRun->clearMessage();

        emit firstRun->createRequested();
        shell.taskRunner()->waitForIdle();
        settle();
        // A new profile has no account: the sign-in form opens over the main window.
        LoginDialog *login = shell.syncController()->loginDialog();
        if (login)
            typeInto(login, "loginPassword", QStringLiteral("agent-demo-1"));
        save(login, language, QStringLiteral("sign-in"));
        if (login) {
            login->showError(
                [] { return SyncController::tr("The organisation, user name or password is not correct."); }, true);
            save(login, language, QStringLiteral("sign-in-wrong-password"));
            login->reject();
        }
        settle();
        if (!save(shell.mainWindow(), language, QStringLiteral("main-overview")))
            return false;
        tourFormsWorkspace(shell, sync, language);
        tourCallsWorkspace(shell, sync, language);

        shell.showSettings();
        save(shell.settingsDialog(), language, QStringLiteral("settings"));
        if (auto *change = shell.settingsDialog()->findChild<QPushButton *>(QStringLiteral("changePassphraseButton")))
            change->click();
        settle();
        ChangePassphraseDialog *changeDialog = shell.settingsController()->changePassphraseDialog();
        if (changeDialog) {
            typeInto(changeDialog, "currentPassphrase", kTourPassphrase);
            typeInto(changeDialog, "newPassphrase", QStringLiteral("orbit"));
        }
        save(changeDialog, language, QStringLiteral("change-passphrase"));
        if (changeDialog)
            changeDialog->reject();
        shell.settingsDialog()->reject();
        settle();

        shell.showAbout();
        save(shell.aboutDialog(), language, QStringLiteral("about"));

        shell.lock();
        save(gate, language, QStringLiteral("unlock"));
        typeInto(gate->unlockView(), "passphrase", QStringLiteral("not my passphrase"));
        emit gate->unlockView()->unlockRequested();
        shell.taskRunner()->waitForIdle();
        save(gate, language, QStringLiteral("unlock-wrong-passphrase"));
    }

    if (!damageDatabase(folder)) {
        m_errors.append(QStringLiteral("could not damage the throwaway database"));
        return false;
    }
    app::ProfileService damaged(options, &keychain);
    if (damaged.state() == app::ProfileService::State::Locked)
        (void)damaged.unlock(kTourPassphrase); // damage is found when the database is opened
    Shell shell({&damaged, &keychain, &settings, &languages});
    shell.start(false);
    settle();
    if (!save(shell.gateWindow(), language, QStringLiteral("damaged")))
        return false;
    return tourForm(language);
}

void ScreenshotTour::tourFormsWorkspace(Shell &shell, app::SyncService &sync, const QString &language)
{
    // The throwaway profile has no server: the visit report is written into it the way a sync would bring it.
    QFile file(QStringLiteral(":/forms/visit-report.json"));
    auto *forms = shell.mainWindow()->findChild<FormsWorkspace *>();
    if (!sync.replica() || !forms || !file.open(QIODevice::ReadOnly)) {
        m_errors.append(QStringLiteral("no forms workspace to show"));
        return;
    }
    const sync::RowId layout = formsync::layoutRowId(QStringLiteral("visit-report"), 1);
    (void)sync.replica()->insert(formsync::tables::Layouts, layout,
                                 {{QStringLiteral("form"), QStringLiteral("visit-report")},
                                  {QStringLiteral("version"), qint64(1)},
                                  {QStringLiteral("body"), QString::fromUtf8(file.readAll())},
                                  {QStringLiteral("status"), formsync::status::Published}});
    emit sync.dataChanged();
    // Not signed in (the tour has no server), so the drafts get the demo agent as their owner.
    if (auto *controller = shell.findChild<FormsController *>())
        controller->setOwner(QStringLiteral("agent"));
    shell.mainWindow()->showWorkspace(forms);
    emit forms->openRequested(layout.toHex(), true);
    settle();
    save(shell.mainWindow(), language, QStringLiteral("main-forms"));

    // The designer with a few fields added from the palette, the last one selected, previewed in the language.
    if (auto *designer = shell.mainWindow()->findChild<DesignerWorkspace *>()) {
        // Offered to tenant admins only; the tour has no server to sign in to, so it is offered as an admin sees it.
        shell.mainWindow()->setWorkspaceAvailable(designer, true);
        shell.mainWindow()->showWorkspace(designer);
        for (forms::FieldType type : {forms::FieldType::Choice, forms::FieldType::Decimal, forms::FieldType::Date})
            emit designer->addRequested(type);
        if (auto *preview = designer->findChild<QComboBox *>(QStringLiteral("designerPreviewLanguage")))
            preview->setCurrentIndex(language == QLatin1String("en") ? 0 : 1);
        settle();
        save(shell.mainWindow(), language, QStringLiteral("main-designer"));
    }
}

void ScreenshotTour::tourCallsWorkspace(Shell &shell, app::SyncService &sync, const QString &language)
{
    auto *calls = shell.mainWindow()->findChild<AgentWorkspace *>();
    if (!sync.replica() || !calls) {
        m_errors.append(QStringLiteral("no calls workspace to show"));
        return;
    }
    // A campaign as a sync would bring it. The contacts live where it is about noon now, so the window is open
    // whenever the tour runs (Etc/GMT-N is UTC+N).
    const int offset = 12 - QDateTime::currentDateTimeUtc().time().hour();
    const QString zone = offset > 0   ? QStringLiteral("Etc/GMT-%1").arg(offset)
                         : offset < 0 ? QStringLiteral("Etc/GMT+%1").arg(-offset)
                                      : QStringLiteral("Etc/GMT");
    sync::Replica &replica = *sync.replica();
    sync::Cells rules;
    rules.emplace_back(QStringLiteral("name"), QStringLiteral("Spring renewals"));
    rules.emplace_back(QStringLiteral("mode"), QStringLiteral("preview"));
    rules.emplace_back(QStringLiteral("window_start"), QStringLiteral("09:00"));
    rules.emplace_back(QStringLiteral("window_end"), QStringLiteral("21:00"));
    rules.emplace_back(QStringLiteral("max_attempts"), qint64(3));
    rules.emplace_back(QStringLiteral("retry_minutes"), QStringLiteral("60,240"));
    rules.emplace_back(QStringLiteral("status"), QStringLiteral("active"));
    rules.emplace_back(QStringLiteral("script"),
                       QStringLiteral("Good afternoon {{contact.first_name}}, this is {{agent.name}} from Fieldline. "
                                      "Your service plan with {{contact.company}} renews next month; may I take two "
                                      "minutes to go through the options?"));
    rules.emplace_back(QStringLiteral("dispositions"), QString::fromUtf8(R"([
        {"code": "sale", "label": {"en": "Sale", "zh_CN": "成交"}, "key": "1", "conversion": true},
        {"code": "no_answer", "label": {"en": "No answer", "zh_CN": "无人接听"}, "key": "2", "effect": "retry"},
        {"code": "busy", "label": {"en": "Busy", "zh_CN": "占线"}, "key": "3", "effect": "retry", "retryMinutes": 15},
        {"code": "call_back", "label": {"en": "Call back", "zh_CN": "回拨"}, "key": "4", "effect": "callback"},
        {"code": "do_not_call", "label": {"en": "Do not call", "zh_CN": "请勿来电"}, "key": "9", "doNotCall": true}])"));
    auto campaign = replica.insert(telemarketing::tables::Campaigns, rules);
    sync::Cells person;
    person.emplace_back(QStringLiteral("first_name"), QStringLiteral("Grace"));
    person.emplace_back(QStringLiteral("last_name"), QStringLiteral("Okafor"));
    person.emplace_back(QStringLiteral("company"), QStringLiteral("Northwind Dental"));
    person.emplace_back(QStringLiteral("phone"), QStringLiteral("+12125550147"));
    person.emplace_back(QStringLiteral("time_zone"), zone);
    auto contact = replica.insert(QStringLiteral("contacts"), person);
    if (!campaign || !contact) {
        m_errors.append(QStringLiteral("could not write the tour's campaign"));
        return;
    }
    sync::Cells member;
    member.emplace_back(QStringLiteral("campaign"), campaign->toBytes());
    member.emplace_back(QStringLiteral("contact"), contact->toBytes());
    member.emplace_back(QStringLiteral("priority"), qint64(5));
    member.emplace_back(QStringLiteral("attempts"), qint64(1));
    member.emplace_back(QStringLiteral("status"), telemarketing::memberStatus::Queued);
    member.emplace_back(QStringLiteral("zone"), QStringLiteral("tz:") + zone);
    (void)replica.insert(telemarketing::tables::Members,
                         telemarketing::memberId(campaign->toBytes(), contact->toBytes()), member);
    // Others waiting behind her, so the queue panel has something to count: three now, two after their retry delay.
    for (int i = 0; i < 5; ++i) {
        auto other = replica.insert(QStringLiteral("contacts"),
                                    {{QStringLiteral("first_name"), QStringLiteral("Caller %1").arg(i + 1)},
                                     {QStringLiteral("phone"), QStringLiteral("+1212555%1").arg(2000 + i)},
                                     {QStringLiteral("time_zone"), zone}});
        if (!other)
            continue;
        sync::Cells waiting = member;
        waiting[1] = {QStringLiteral("contact"), other->toBytes()};
        waiting[2] = {QStringLiteral("priority"), qint64(1)};
        if (i >= 3)
            waiting.emplace_back(QStringLiteral("next_attempt_ms"),
                                 QDateTime::currentMSecsSinceEpoch() + 2 * 3'600'000);
        (void)replica.insert(telemarketing::tables::Members,
                             telemarketing::memberId(campaign->toBytes(), other->toBytes()), waiting);
    }
    // The morning's calls, so the stats and the chart have something to show.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const QDateTime midnight(QDate::currentDate(), QTime(0, 0));
    for (int i = 0; i < 14; ++i) {
        const qint64 started = std::max(midnight.toMSecsSinceEpoch(), nowMs - qint64(i) * 17 * 60'000 - 600'000);
        sync::Cells call;
        call.emplace_back(QStringLiteral("campaign"), campaign->toBytes());
        call.emplace_back(QStringLiteral("number"), QStringLiteral("+1212555%1").arg(1000 + i));
        call.emplace_back(QStringLiteral("owner"), QStringLiteral("agent"));
        call.emplace_back(QStringLiteral("started_ms"), started);
        call.emplace_back(QStringLiteral("duration_ms"), qint64(i % 3 ? 95'000 + i * 7'000 : 0));
        call.emplace_back(QStringLiteral("disposition"),
                          i % 4 == 0 ? QStringLiteral("sale") : QStringLiteral("no_answer"));
        if (i == 13) { // the first call of the day was Grace's: her card's history shows it
            call.emplace_back(QStringLiteral("contact"), contact->toBytes());
            call.emplace_back(QStringLiteral("member"),
                              telemarketing::memberId(campaign->toBytes(), contact->toBytes()).toBytes());
            call.emplace_back(QStringLiteral("note"), QStringLiteral("Wants the renewal letter first."));
        }
        (void)replica.insert(telemarketing::tables::Attempts, call);
    }
    // A pool callback later today, for the callbacks list.
    sync::Cells callback;
    callback.emplace_back(QStringLiteral("campaign"), campaign->toBytes());
    callback.emplace_back(QStringLiteral("contact"), contact->toBytes());
    callback.emplace_back(QStringLiteral("due_ms"), nowMs + 2 * 3'600'000);
    callback.emplace_back(QStringLiteral("owner"), QString());
    callback.emplace_back(QStringLiteral("status"), QStringLiteral("due"));
    (void)replica.insert(telemarketing::tables::Callbacks, callback);
    emit sync.dataChanged();
    // Not signed in (the tour has no server): the calls are taken as the demo agent.
    if (auto *session = shell.findChild<AgentSession *>())
        session->setAgent(QStringLiteral("agent"));
    shell.mainWindow()->showWorkspace(calls);
    emit calls->readyToggled();
    emit calls->dialRequested();
    settle();
    save(shell.mainWindow(), language, QStringLiteral("main-calls"));
    emit calls->hangUpRequested();
    settle();
    save(shell.mainWindow(), language, QStringLiteral("main-calls-wrap-up"));
    emit calls->digitTyped(u'4'); // call back: the picker with the person's time beside it
    settle();
    save(shell.mainWindow(), language, QStringLiteral("main-calls-callback"));
    emit calls->cancelRequested();
    if (auto *progress = shell.mainWindow()->findChild<ProgressWorkspace *>()) {
        // Offered to managers; the tour shows it as a manager sees it.
        shell.mainWindow()->setWorkspaceAvailable(progress, true);
        shell.mainWindow()->showWorkspace(progress);
        settle();
        save(shell.mainWindow(), language, QStringLiteral("main-campaign-progress"));
    }
    if (auto *setup = shell.mainWindow()->findChild<CampaignSetupWorkspace *>()) {
        shell.mainWindow()->setWorkspaceAvailable(setup, true);
        shell.mainWindow()->showWorkspace(setup);
        emit setup->campaignChosen(QString::fromLatin1(campaign->toBytes().toHex()));
        settle();
        save(shell.mainWindow(), language, QStringLiteral("main-campaign-setup"));
    }
}

bool ScreenshotTour::tourForm(const QString &language)
{
    QFile file(QStringLiteral(":/forms/visit-report.json"));
    const forms::LayoutReader::Result read =
        file.open(QIODevice::ReadOnly) ? forms::LayoutReader::read(file.readAll(), forms::LayoutJson::Mode::Render)
                                       : forms::LayoutReader::Result{};
    if (!read.layout) {
        m_errors.append(QStringLiteral("could not read the visit report layout"));
        return false;
    }
    FormView view(*read.layout, language);
    FormController controller(*read.layout, &view, [] { return QDateTime(QDate(2026, 11, 22), QTime(9, 30)); });
    forms::FormData data = controller.data();
    const auto text = [](const char *value) { return forms::FormValue::text(QString::fromUtf8(value)); };
    data.setValue(QStringLiteral("visited_on"), forms::FormValue::date(QDate(2026, 11, 22)));
    data.setValue(QStringLiteral("arrived"), text("09:15"));
    data.setValue(QStringLiteral("contact_name"), text(language == QLatin1String("en") ? "Li Wei" : "李伟"));
    data.setValue(QStringLiteral("contact_email"), text("li.wei@"));
    data.setValue(QStringLiteral("outcome"), text("order"));
    data.setValue(QStringLiteral("topics"), forms::FormValue::list({text("pricing"), text("delivery")}));
    data.setValue(QStringLiteral("satisfaction"), forms::FormValue::number(forms::Decimal::fromInt(4)));
    const auto number = [](const char *value) {
        return forms::FormValue::number(*forms::Decimal::parse(QString::fromLatin1(value)));
    };
    data.rows(QStringLiteral("lines")) = {forms::FormRow{QStringLiteral("r1"),
                                                         {{QStringLiteral("sku"), text("AB-100")},
                                                          {QStringLiteral("qty"), number("3")},
                                                          {QStringLiteral("unit_price"), number("2.50")}}},
                                          forms::FormRow{QStringLiteral("r2"),
                                                         {{QStringLiteral("sku"), text("cd-2")},
                                                          {QStringLiteral("qty"), number("12")},
                                                          {QStringLiteral("unit_price"), number("19.99")}}}};
    controller.setData(data);
    (void)controller.finalise(); // shows what is still wrong: the email, a SKU, the missing signature
    view.resize(760, 1060);
    view.show();
    if (!save(&view, language, QStringLiteral("form-visit-report")))
        return false;
    // The proof section: the signature pad with a signature, and the photo field.
    // Signed from the keyboard: the customer's name typed on the pad, drawn as the outline of its letters.
    QFont font = view.font();
    font.setItalic(true);
    const forms::Signature signature =
        SignaturePad::typed(language == QLatin1String("en") ? QStringLiteral("Li Wei") : QStringLiteral("李伟"), font);
    view.control(QStringLiteral("signed_by"))->setValue(forms::FormValue::text(signature.toText()));
    emit view.edited(QStringLiteral("signed_by"));
    view.ensureWidgetVisible(view.control(QStringLiteral("signed_by"))->widget());
    settle();
    return save(&view, language, QStringLiteral("form-proof"));
}

} // namespace fieldline::ui
