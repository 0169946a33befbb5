#pragma once

#include "storage/Error.h"

#include <QObject>

namespace fieldline::app {
class ProfileService;
}
namespace fieldline::storage {
class SecretStore;
}

namespace fieldline::ui {

class TaskRunner;
class UnlockView;

/**
 * Drives the unlock view: unlocks with the typed passphrase (or the keychain, when remembered) off the UI
 * thread, reports a wrong passphrase without changing anything, and applies the "remember" choice.
 */
class UnlockController : public QObject
{
    Q_OBJECT

public:
    /** Nothing is owned; keychain may be null. */
    UnlockController(UnlockView *view, app::ProfileService *profile, storage::SecretStore *keychain, TaskRunner *runner,
                     QObject *parent = nullptr);

    /**
     * Resets the view. tryKeychain: unlock from the keychain right away when the profile is remembered (at
     * start-up; not after the user locked, or the lock would undo itself).
     */
    void prepare(bool tryKeychain);

signals:
    /** Unlocking worked but the "remember" change did not; the profile is open regardless. */
    void rememberFailed(const fieldline::storage::Error &error);

private:
    void unlock();
    void unlockFromKeychain();

    UnlockView *m_view;
    app::ProfileService *m_profile;
    storage::SecretStore *m_keychain;
    TaskRunner *m_runner;
};

} // namespace fieldline::ui
