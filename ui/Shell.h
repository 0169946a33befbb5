#pragma once

#include "app/ProfileService.h"
#include "app/telephony/PhoneFactory.h"
#include "ui/sync/SyncController.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace fieldline::app {
class AppSettings;
}
namespace fieldline::storage {
class SecretStore;
}

namespace fieldline::telephony {
class Telephony;
}

namespace fieldline::ui {

class AboutDialog;
class AgentSession;
class DamagedController;
class FirstRunController;
class GateWindow;
class IdleWatcher;
class LanguageManager;
class MainWindow;
class OverviewController;
class OverviewWorkspace;
class SettingsController;
class SettingsDialog;
class TaskRunner;
class UnlockController;

/**
 * The application shell: follows the profile's state and shows the matching screen (first run, unlock,
 * damaged, or the main window), locks on Ctrl+L and after idle time, and opens settings and about.
 * It builds the views and their controllers and wires them; it holds no business logic of its own.
 */
class Shell : public QObject
{
    Q_OBJECT

public:
    struct Dependencies
    {
        app::ProfileService *profile = nullptr;
        storage::SecretStore *keychain = nullptr; ///< may be null
        app::AppSettings *settings = nullptr;
        LanguageManager *language = nullptr;
        app::SyncService *sync = nullptr; ///< may be null: no online features (screenshot tour, tests)
        SyncController::LoginDefaults loginDefaults;
        /** The calls backend; null: the one the profile's call settings choose (see phone). */
        std::function<std::unique_ptr<telephony::Telephony>()> telephony;
        /** Where the built-in phone runs; an empty folder or link opener: the profile's folder, the desktop's. */
        telephony::PhoneEnvironment phone;
    };

    /** Nothing in dependencies is owned; all must outlive the shell. */
    explicit Shell(Dependencies dependencies, QObject *parent = nullptr);
    ~Shell() override;

    /**
     * Shows the first screen. tryKeychain: when the profile is remembered on this computer, unlock it from
     * the keychain right away (only at start-up: after a lock the user must type the passphrase).
     */
    void start(bool tryKeychain = true);

    GateWindow *gateWindow() const { return m_gate; }
    MainWindow *mainWindow() const { return m_main; }
    OverviewWorkspace *overview() const { return m_overview; }
    /** Null when the shell runs without a sync service. */
    SyncController *syncController() const { return m_syncController; }
    /** The open settings dialog and its controller, or null. */
    SettingsDialog *settingsDialog() const;
    SettingsController *settingsController() const;
    /** The open about dialog, or null. */
    AboutDialog *aboutDialog() const;
    IdleWatcher *idleWatcher() const { return m_idle; }
    TaskRunner *taskRunner() const { return m_runner; }
    /** The top-level window currently shown (gate or main window). */
    QWidget *currentWindow() const;
    /** A profile operation is running on a worker thread. */
    bool isBusy() const;

public slots:
    /** Locks now, or as soon as the running profile operation ends. */
    void lock();
    void showSettings();
    void showAbout();

signals:
    void quitRequested();

private:
    /** The forms workspace, over the sync service's replica. */
    void addFormsWorkspace();
    /** The form designer, publishing as the signed-in user. */
    void addDesignerWorkspace();
    void addCallsWorkspace();
    /** The managers' campaign progress and campaign set-up, offered to managers and administrators. */
    void addProgressWorkspace();
    std::unique_ptr<telephony::Telephony> makeTelephony() const;
    void showState(app::ProfileService::State state, bool tryKeychain);
    void showGatePage(int page);
    void showMainWindow();
    void closeDialogs();
    void afterSetAside(const QString &folder);
    void chooseLanguage(const QString &code);

    Dependencies m_deps;
    TaskRunner *m_runner;
    IdleWatcher *m_idle;
    GateWindow *m_gate;
    MainWindow *m_main;
    OverviewWorkspace *m_overview;
    FirstRunController *m_firstRun;
    UnlockController *m_unlock;
    DamagedController *m_damaged;
    OverviewController *m_overviewController;
    SyncController *m_syncController = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<SettingsController> m_settingsController;
    QPointer<AboutDialog> m_aboutDialog;
    AgentSession *m_agentSession = nullptr;
    bool m_lockPending = false;
};

} // namespace fieldline::ui
