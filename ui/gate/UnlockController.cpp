#include "ui/gate/UnlockController.h"

#include "app/ProfileService.h"
#include "ui/ErrorMessages.h"
#include "ui/TaskRunner.h"
#include "ui/UiLog.h"
#include "ui/gate/RememberAvailability.h"
#include "ui/gate/UnlockView.h"

#include <memory>

namespace fieldline::ui {

namespace {
struct UnlockOutcome
{
    storage::Status unlock;
    storage::Status remember;
};
} // namespace

UnlockController::UnlockController(UnlockView *view, app::ProfileService *profile, storage::SecretStore *keychain,
                                   TaskRunner *runner, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_profile(profile)
    , m_keychain(keychain)
    , m_runner(runner)
{
    connect(m_view, &UnlockView::unlockRequested, this, &UnlockController::unlock);
}

void UnlockController::prepare(bool tryKeychain)
{
    m_view->reset();
    m_view->setProfileFolder(m_profile->directory());
    const RememberAvailability remember = RememberAvailability::query(*m_profile, m_keychain);
    m_view->setRememberAvailable(remember.available, remember.reason);
    const bool remembered = remember.available && m_profile->isRemembered();
    m_view->setRememberChecked(remembered);
    m_view->focusPassphrase();
    if (tryKeychain && remembered)
        unlockFromKeychain();
}

void UnlockController::unlockFromKeychain()
{
    auto status = std::make_shared<storage::Status>();
    m_view->setBusy(true, [] { return tr("Unlocking with this computer's keychain."); });
    m_runner->run([profile = m_profile, status] { *status = profile->unlockFromKeychain(); },
                  [this, status] {
                      m_view->setBusy(false);
                      if (status->ok() || status->code() == storage::ErrorCode::Damaged)
                          return; // the shell follows the profile's new state
                      qCWarning(lcUi) << "keychain unlock failed:" << status->message();
                      m_view->showNotice([] {
                          return tr("Fieldline could not unlock with this computer's keychain. Enter your "
                                    "passphrase instead.");
                      });
                  });
}

void UnlockController::unlock()
{
    if (m_runner->isBusy())
        return;
    const QString passphrase = m_view->passphrase();
    if (passphrase.isEmpty()) {
        m_view->showError([] { return tr("Enter your passphrase."); }, false);
        m_view->focusPassphrase();
        return;
    }
    const bool remember = m_view->rememberChecked();
    const bool canRemember = RememberAvailability::query(*m_profile, m_keychain).available;
    auto outcome = std::make_shared<UnlockOutcome>();
    m_view->setBusy(true, [] { return tr("Unlocking. This takes a moment."); });
    m_runner->run(
        [profile = m_profile, passphrase, remember, canRemember, outcome] {
            outcome->unlock = profile->unlock(passphrase);
            if (outcome->unlock.ok() && canRemember && remember != profile->isRemembered())
                outcome->remember = profile->setRemembered(remember);
        },
        [this, outcome] {
            m_view->setBusy(false);
            if (!outcome->remember.ok())
                emit rememberFailed(outcome->remember.error());
            if (outcome->unlock.ok())
                return;
            switch (outcome->unlock.code()) {
            case storage::ErrorCode::WrongKey:
                m_view->showWrongPassphrase();
                break;
            case storage::ErrorCode::Damaged:
                break; // the profile is now Damaged and the shell shows why
            default:
                m_view->showError(ErrorMessages::text(outcome->unlock.error()),
                                  ErrorMessages::isRetryable(outcome->unlock.code()));
                break;
            }
        });
}

} // namespace fieldline::ui
