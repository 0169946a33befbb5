#pragma once

#include <QObject>
#include <QPointer>

namespace fieldline::app {
class AppSettings;
class ProfileService;
} // namespace fieldline::app
namespace fieldline::storage {
class SecretStore;
}

namespace fieldline::ui {

class ChangePassphraseDialog;
class IdleWatcher;
class LanguageManager;
class SettingsDialog;
class TaskRunner;

/**
 * Applies what the settings dialog asks for: language (live), idle-lock minutes, "remember on this
 * computer" (through the profile, off the UI thread) and the passphrase change dialog.
 */
class SettingsController : public QObject
{
    Q_OBJECT

public:
    struct Dependencies
    {
        app::ProfileService *profile = nullptr;
        storage::SecretStore *keychain = nullptr; ///< may be null
        app::AppSettings *settings = nullptr;
        LanguageManager *language = nullptr;
        IdleWatcher *idleWatcher = nullptr;
        TaskRunner *runner = nullptr;
    };

    /** Nothing is owned. */
    SettingsController(SettingsDialog *view, Dependencies dependencies, QObject *parent = nullptr);

    /** Fills the dialog with the current values. */
    void prepare();
    /** The passphrase dialog while it is open (tests and the screenshot tour reach it here). */
    ChangePassphraseDialog *changePassphraseDialog() const;

signals:
    /** "Remember on this computer" was switched on or off successfully. */
    void rememberChanged(bool remembered);
    void passphraseChanged();

private:
    void chooseLanguage(const QString &code);
    void setIdleMinutes(int minutes);
    void setRemember(bool remember);
    void openChangePassphrase();

    SettingsDialog *m_view;
    Dependencies m_deps;
    QPointer<ChangePassphraseDialog> m_passphraseDialog;
};

} // namespace fieldline::ui
