#pragma once

// A shell over a real profile in a temporary folder (fast KDF settings), for the offscreen UI tests.

#include "app/AppSettings.h"
#include "app/ProfileService.h"
#include "app/sync/SyncService.h"
#include "storage/KdfParams.h"
#include "storage/SecretStore.h"
#include "ui/LanguageManager.h"
#include "ui/ScreenshotTour.h"
#include "ui/Shell.h"
#include "ui/TaskRunner.h"
#include "ui/gate/DamagedView.h"
#include "ui/gate/FirstRunView.h"
#include "ui/gate/GateWindow.h"
#include "ui/gate/UnlockView.h"

#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <optional>

namespace fieldline::uitest {

/** A passphrase zxcvbn rates "very strong", used wherever a test creates a profile. */
inline const QString kPassphrase = QStringLiteral("kettle orbit maple lantern 47");

/** Every file below dir, by relative path, with its bytes: "nothing changed" means equal snapshots. */
inline QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        files.insert(QDir(dir).relativeFilePath(path), file.open(QIODevice::ReadOnly) ? file.readAll() : "?");
    }
    return files;
}

/** Inverts 16 bytes inside page 1 of the database, as disk damage or tampering would. */
inline bool damageDatabase(const QString &folder)
{
    return ui::ScreenshotTour::damageDatabase(folder);
}

template <typename T = QLineEdit> T *child(QObject *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

/** The machine's clock, stopped and moved on by a test where the product would wait (a download's retry). */
class SteppedClock final : public sync::Clock
{
public:
    qint64 nowMs() const override { return (m_stoppedAt ? *m_stoppedAt : m_system.nowMs()) + m_aheadMs; }
    void advance(qint64 ms) { m_aheadMs += ms; }
    /** From now on the clock moves only by advance(). */
    void freeze() { m_stoppedAt = m_system.nowMs(); }

private:
    sync::SystemClock m_system;
    std::optional<qint64> m_stoppedAt;
    qint64 m_aheadMs = 0;
};

/** Owns everything a Shell needs; recreate() starts a new "process" on the same profile folder. */
class UiFixture
{
public:
    /** With @p loginDefaults set, the shell gets a sync service on clock() (online features). */
    explicit UiFixture(storage::SecretStore *keychain = nullptr,
                       std::optional<ui::SyncController::LoginDefaults> loginDefaults = std::nullopt)
        : m_keychain(keychain)
        , m_loginDefaults(std::move(loginDefaults))
        , m_qsettings(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)
        , m_settings(m_qsettings)
    {
        m_language.setLanguage(QStringLiteral("en"));
        recreate(false);
    }

    void recreate(bool tryKeychain)
    {
        m_shell.reset();
        m_sync.reset();
        m_profile.reset();
        m_profile = std::make_unique<app::ProfileService>(
            app::ProfileOptions{profileFolder(), storage::KdfParams::interactive()}, m_keychain);
        if (m_loginDefaults)
            m_sync = std::make_unique<app::SyncService>(*m_profile, m_clock);
        ui::Shell::Dependencies dependencies{
            m_profile.get(), m_keychain,   &m_settings,
            &m_language,     m_sync.get(), m_loginDefaults.value_or(ui::SyncController::LoginDefaults{})};
        dependencies.phone = phone;
        m_shell = std::make_unique<ui::Shell>(std::move(dependencies));
        m_shell->start(tryKeychain);
    }

    /** How the shell's calls backend runs; takes effect at the next recreate(). */
    telephony::PhoneEnvironment phone;

    QString profileFolder() const { return m_dir.filePath(QStringLiteral("profile")); }
    ui::Shell &shell() { return *m_shell; }
    ui::GateWindow *gate() { return m_shell->gateWindow(); }
    app::ProfileService &profile() { return *m_profile; }
    app::SyncService *sync() { return m_sync.get(); }
    /** The sync service's clock: the machine's, unless a test moved it on. */
    SteppedClock &clock() { return m_clock; }
    app::AppSettings &settings() { return m_settings; }
    ui::LanguageManager &language() { return m_language; }
    /** Lets the worker finish and the queued state change arrive. */
    void settle()
    {
        m_shell->taskRunner()->waitForIdle();
        QCoreApplication::processEvents();
    }

    /** Types the passphrase twice into the first-run screen and presses Enter, like a user. */
    bool createProfile(bool remember = false)
    {
        QWidget *view = gate()->firstRunView();
        QTest::keyClicks(child(view, "passphrase"), kPassphrase);
        QTest::keyClicks(child(view, "repeatPassphrase"), kPassphrase);
        if (remember)
            QTest::keyClick(child<QWidget>(view, "remember"), Qt::Key_Space);
        QTest::keyClick(child(view, "repeatPassphrase"), Qt::Key_Return);
        settle();
        return m_profile->state() == app::ProfileService::State::Unlocked;
    }

private:
    QTemporaryDir m_dir;
    storage::SecretStore *m_keychain;
    std::optional<ui::SyncController::LoginDefaults> m_loginDefaults;
    SteppedClock m_clock;
    QSettings m_qsettings;
    app::AppSettings m_settings;
    ui::LanguageManager m_language;
    std::unique_ptr<app::ProfileService> m_profile;
    std::unique_ptr<app::SyncService> m_sync;
    std::unique_ptr<ui::Shell> m_shell;
};

} // namespace fieldline::uitest
