#include "ui/Shell.h"

#include "app/AppSettings.h"
#include "app/BuildInfo.h"
#include "app/sync/FormPublishClient.h"
#include "app/sync/SyncService.h"
#include "app/telephony/Telephony.h"
#include "ui/ErrorMessages.h"
#include "ui/IdleWatcher.h"
#include "ui/LanguageManager.h"
#include "ui/TaskRunner.h"
#include "ui/about/AboutDialog.h"
#include "ui/designer/DesignerController.h"
#include "ui/designer/DesignerWorkspace.h"
#include "ui/forms/FormsController.h"
#include "ui/forms/FormsWorkspace.h"
#include "ui/gate/DamagedController.h"
#include "ui/gate/FirstRunController.h"
#include "ui/gate/FirstRunView.h"
#include "ui/gate/GateWindow.h"
#include "ui/gate/UnlockController.h"
#include "ui/main/MainWindow.h"
#include "ui/overview/OverviewController.h"
#include "ui/overview/OverviewWorkspace.h"
#include "ui/settings/CallSettingsController.h"
#include "ui/settings/CallSettingsPanel.h"
#include "ui/settings/SettingsController.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/telemarketing/AgentSession.h"
#include "ui/telemarketing/AgentWorkspace.h"
#include "ui/telemarketing/CampaignSetupController.h"
#include "ui/telemarketing/CampaignSetupWorkspace.h"
#include "ui/telemarketing/ProgressController.h"
#include "ui/telemarketing/ProgressWorkspace.h"

#include <QDesktopServices>
#include <QDir>

#include <chrono>

namespace fieldline::ui {

using State = app::ProfileService::State;

Shell::Shell(Dependencies dependencies, QObject *parent)
    : QObject(parent)
    , m_deps(dependencies)
    , m_runner(new TaskRunner(this))
    , m_idle(new IdleWatcher(this))
    , m_gate(new GateWindow)
    , m_main(new MainWindow)
    , m_overview(new OverviewWorkspace)
    , m_firstRun(new FirstRunController(m_gate->firstRunView(), m_deps.profile, m_deps.keychain, m_runner, this))
    , m_unlock(new UnlockController(m_gate->unlockView(), m_deps.profile, m_deps.keychain, m_runner, this))
    , m_damaged(new DamagedController(m_gate->damagedView(), m_deps.profile, this))
    , m_overviewController(new OverviewController(m_overview, m_deps.profile, this))
{
    m_main->addWorkspace(m_overview);
    if (m_deps.sync) {
        m_syncController = new SyncController(m_main, m_deps.sync, m_deps.loginDefaults, this);
        addFormsWorkspace();
        addDesignerWorkspace();
        addCallsWorkspace();
        addProgressWorkspace();
    }
    m_gate->setLanguages(LanguageManager::availableLanguages());
    m_gate->setCurrentLanguage(m_deps.language->language());

    // stateChanged may come from the worker thread that ran unlock/create; it is then queued to this thread.
    connect(m_deps.profile, &app::ProfileService::stateChanged, this, [this](State state) { showState(state, false); });
    connect(m_runner, &TaskRunner::busyChanged, this, [this](bool busy) {
        if (!busy && m_lockPending)
            lock();
    });
    connect(m_idle, &IdleWatcher::idle, this, &Shell::lock);
    connect(m_deps.language, &LanguageManager::languageChanged, m_gate, &GateWindow::setCurrentLanguage);
    connect(m_gate, &GateWindow::languageChosen, this, &Shell::chooseLanguage);

    connect(m_main, &MainWindow::lockRequested, this, &Shell::lock);
    connect(m_main, &MainWindow::settingsRequested, this, &Shell::showSettings);
    connect(m_main, &MainWindow::aboutRequested, this, &Shell::showAbout);
    connect(m_main, &MainWindow::quitRequested, this, &Shell::quitRequested);
    connect(m_damaged, &DamagedController::quitRequested, this, &Shell::quitRequested);
    connect(m_damaged, &DamagedController::setAside, this, &Shell::afterSetAside);
    connect(m_unlock, &UnlockController::rememberFailed, this,
            [this](const storage::Error &error) { m_main->showStatusMessage(ErrorMessages::describe(error)); });
}

void Shell::addFormsWorkspace()
{
    auto *forms = new FormsWorkspace;
    m_main->addWorkspace(forms);
    auto *controller = new FormsController(
        forms, [] { return QDateTime::currentDateTime(); }, this);
    app::SyncService *sync = m_deps.sync;
    // The replica opens on unlock and closes on lock; remote changes (new layouts, returned forms) list again.
    controller->setFetcher(
        [sync](const QString &name, std::function<void(bool)> done) { sync->fetchBlob(name, std::move(done)); });
    auto follow = [sync, controller] { controller->setReplica(sync->replica(), sync->blobs(), sync->account().user); };
    connect(sync, &app::SyncService::openChanged, controller, follow);
    connect(sync, &app::SyncService::aboutToClose, controller,
            [controller] { controller->setReplica(nullptr, nullptr, QString()); });
    connect(sync, &app::SyncService::dataChanged, controller, &FormsController::refresh);
    connect(sync, &app::SyncService::statusChanged, controller, [sync, controller] {
        if (sync->isOpen())
            controller->setOwner(sync->account().user);
    });
    follow();
}

void Shell::addDesignerWorkspace()
{
    app::SyncService *sync = m_deps.sync;
    // The designer publishes as the signed-in user; the server accepts it from a tenant admin only.
    auto *designer = new DesignerWorkspace;
    m_main->addWorkspace(designer);
    auto *publisher = new app::FormPublishClient(this);
    auto *designing = new DesignerController(
        designer,
        [sync, publisher](const QByteArray &json, std::function<void(bool, QString)> done) {
            const sync::SyncStateStore::Account account = sync->account();
            if (!account.isValid())
                return done(false, DesignerController::tr("Sign in first: forms are published to the server."));
            publisher->publish(QUrl(account.serverUrl), account.tenant, account.token, json, std::move(done));
        },
        this);
    // What a design can start from: the published forms this device has received.
    const auto published = [sync, designing] {
        if (sync::Replica *replica = sync->replica()) {
            if (auto records = formsync::LayoutCatalog(*replica).all())
                designing->setPublished(*records);
        }
    };
    connect(sync, &app::SyncService::dataChanged, designing, published);
    published();
    // Offered to a tenant administrator only: the role the server granted at sign-in (signing in again after an
    // update that added the role shows it).
    const auto offer = [this, sync, designer] {
        const sync::SyncStateStore::Account account = sync->account();
        m_main->setWorkspaceAvailable(designer, account.isValid() && account.role == QLatin1String("admin"));
    };
    connect(sync, &app::SyncService::openChanged, designer, offer);
    connect(sync, &app::SyncService::statusChanged, designer, offer);
    offer();
}

void Shell::addCallsWorkspace()
{
    auto *calls = new AgentWorkspace;
    m_main->addWorkspace(calls);
    AgentSession::TelephonyMaker maker = m_deps.telephony;
    if (!maker)
        maker = [this] { return makeTelephony(); };
    m_agentSession = new AgentSession(calls, m_deps.sync, m_deps.language, std::move(maker), this);
}

void Shell::addProgressWorkspace()
{
    auto *progress = new ProgressWorkspace;
    m_main->addWorkspace(progress);
    new ProgressController(progress, m_deps.sync, this);
    auto *setup = new CampaignSetupWorkspace;
    m_main->addWorkspace(setup);
    new CampaignSetupController(setup, m_deps.sync, this);
    app::SyncService *sync = m_deps.sync;
    // For managers and administrators: the whole tenant's calls are on their devices, and campaigns are theirs to
    // set up (the server refuses anyone else's campaign writes).
    const auto offer = [this, sync, progress, setup] {
        const sync::SyncStateStore::Account account = sync->account();
        const bool manages =
            account.isValid() && (account.role == QLatin1String("manager") || account.role == QLatin1String("admin"));
        m_main->setWorkspaceAvailable(progress, manages);
        m_main->setWorkspaceAvailable(setup, manages);
    };
    connect(sync, &app::SyncService::openChanged, progress, offer);
    connect(sync, &app::SyncService::statusChanged, progress, offer);
    offer();
}

std::unique_ptr<telephony::Telephony> Shell::makeTelephony() const
{
    telephony::PhoneEnvironment environment = m_deps.phone;
    if (environment.engineFolder.isEmpty())
        environment.engineFolder = QDir(m_deps.profile->directory()).filePath(QStringLiteral("phone"));
    if (!environment.openLink)
        environment.openLink = [](const QUrl &link) { return QDesktopServices::openUrl(link); };
    // Unreadable settings fall back to the softphone hand-off: the agent can still call, and settings show why.
    telephony::CallSettings settings;
    if (storage::Database *db = m_deps.profile->database()) {
        auto stored = telephony::CallSettings::load(*db);
        if (stored)
            settings = stored.value();
    }
    return telephony::makeTelephony(settings, environment);
}

Shell::~Shell()
{
    closeDialogs();
    // Wait for a running profile operation before the windows its callbacks touch go away.
    m_runner->waitForIdle();
    delete m_main;
    delete m_gate;
}

void Shell::start(bool tryKeychain)
{
    showState(m_deps.profile->state(), tryKeychain);
}

SettingsDialog *Shell::settingsDialog() const
{
    return m_settingsDialog;
}

SettingsController *Shell::settingsController() const
{
    return m_settingsController;
}

AboutDialog *Shell::aboutDialog() const
{
    return m_aboutDialog;
}

QWidget *Shell::currentWindow() const
{
    if (m_main->isVisible())
        return m_main;
    return m_gate;
}

bool Shell::isBusy() const
{
    return m_runner->isBusy();
}

void Shell::showState(State state, bool tryKeychain)
{
    switch (state) {
    case State::NoProfile:
        m_firstRun->prepare();
        showGatePage(int(GateWindow::Page::FirstRun));
        break;
    case State::Locked:
        m_unlock->prepare(tryKeychain);
        showGatePage(int(GateWindow::Page::Unlock));
        break;
    case State::Damaged:
        m_damaged->prepare();
        showGatePage(int(GateWindow::Page::Damaged));
        break;
    case State::Unlocked:
        showMainWindow();
        break;
    }
}

void Shell::showGatePage(int page)
{
    // Nothing of an open profile may stay on screen once it is locked or gone.
    closeDialogs();
    m_idle->stop();
    m_overviewController->clear();
    m_gate->showPage(GateWindow::Page(page));
    m_gate->show();
    m_main->hide();
    m_gate->raise();
    m_gate->activateWindow();
}

void Shell::showMainWindow()
{
    m_deps.settings->setLastProfileDirectory(m_deps.profile->directory());
    m_overviewController->unlocked();
    m_main->show();
    m_gate->hide();
    m_main->raise();
    m_main->activateWindow();
    m_idle->setTimeout(std::chrono::minutes(m_deps.settings->idleLockMinutes()));
    m_idle->start();
    if (m_syncController)
        m_syncController->profileShown();
}

void Shell::lock()
{
    if (m_deps.profile->state() != State::Unlocked) {
        m_lockPending = false;
        return;
    }
    if (m_runner->isBusy()) {
        // The worker is using the profile; lock the moment it is done.
        m_lockPending = true;
        return;
    }
    m_lockPending = false;
    m_deps.profile->lock();
    if (m_main->isVisible())
        showState(m_deps.profile->state(), false);
}

void Shell::showSettings()
{
    if (m_deps.profile->state() != State::Unlocked)
        return;
    if (m_settingsDialog) {
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(m_main);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *controller = new SettingsController(
        dialog, {m_deps.profile, m_deps.keychain, m_deps.settings, m_deps.language, m_idle, m_runner}, dialog);
    connect(controller, &SettingsController::rememberChanged, m_overviewController, &OverviewController::refresh);
    auto *calls = new CallSettingsController(dialog->callSettings(), m_deps.profile, dialog);
    if (m_agentSession)
        connect(calls, &CallSettingsController::saved, m_agentSession, &AgentSession::reconfigure);
    calls->prepare();
    connect(controller, &SettingsController::passphraseChanged, this,
            [this] { m_main->showStatusMessage(tr("Your passphrase was changed.")); });
    controller->prepare();
    m_settingsDialog = dialog;
    m_settingsController = controller;
    dialog->open();
}

void Shell::showAbout()
{
    if (m_aboutDialog) {
        m_aboutDialog->raise();
        return;
    }
    auto *dialog = new AboutDialog(m_main->isVisible() ? static_cast<QWidget *>(m_main) : m_gate);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setVersion(app::fieldlineVersion());
    dialog->setComponents(app::componentVersions());
    m_aboutDialog = dialog;
    dialog->open();
}

void Shell::closeDialogs()
{
    // Dialogs are deleted right away (not deleteLater): a lock must not leave their contents in memory
    // until the event loop comes round.
    delete m_settingsDialog.data();
    delete m_aboutDialog.data();
    if (m_syncController)
        m_syncController->closeDialogs();
}

void Shell::afterSetAside(const QString &folder)
{
    showState(m_deps.profile->state(), false);
    const QString shown = QDir::toNativeSeparators(folder);
    m_gate->firstRunView()->showNotice([shown] {
        return tr("The damaged files were moved to %1. Choose a passphrase to create a new profile.").arg(shown);
    });
}

void Shell::chooseLanguage(const QString &code)
{
    if (m_deps.language->setLanguage(code))
        m_deps.settings->setLanguage(code);
}

} // namespace fieldline::ui
