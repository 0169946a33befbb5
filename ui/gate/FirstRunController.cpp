#include "ui/gate/FirstRunController.h"

#include "app/ProfileService.h"
#include "ui/ErrorMessages.h"
#include "ui/TaskRunner.h"
#include "ui/gate/FirstRunView.h"
#include "ui/gate/NewPassphraseCheck.h"
#include "ui/gate/RememberAvailability.h"

#include <memory>

namespace fieldline::ui {

FirstRunController::FirstRunController(FirstRunView *view, app::ProfileService *profile, storage::SecretStore *keychain,
                                       TaskRunner *runner, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_profile(profile)
    , m_keychain(keychain)
    , m_runner(runner)
{
    connect(m_view, &FirstRunView::passphraseEdited, this, &FirstRunController::evaluate);
    connect(m_view, &FirstRunView::createRequested, this, &FirstRunController::create);
}

void FirstRunController::prepare()
{
    m_view->reset();
    const RememberAvailability remember = RememberAvailability::query(*m_profile, m_keychain);
    m_view->setRememberAvailable(remember.available, remember.reason);
    evaluate();
    m_view->focusPassphrase();
}

void FirstRunController::evaluate()
{
    const NewPassphraseCheck check = NewPassphraseCheck::evaluate(m_view->passphrase(), m_view->repeatedPassphrase());
    m_view->setStrength(check.strength.level());
    m_view->setHint(check.hint, check.problem);
    m_view->setCreateEnabled(check.acceptable);
}

void FirstRunController::create()
{
    const QString passphrase = m_view->passphrase();
    if (!NewPassphraseCheck::evaluate(passphrase, m_view->repeatedPassphrase()).acceptable || m_runner->isBusy())
        return;
    const bool remember = m_view->rememberChecked();
    auto status = std::make_shared<storage::Status>();
    m_view->setBusy(true);
    m_runner->run(
        [profile = m_profile, passphrase, remember, status] { *status = profile->create(passphrase, remember); },
        [this, status] {
            m_view->setBusy(false);
            // Success needs nothing here: the profile becomes Unlocked and the shell moves on.
            // On failure the typed passphrases stay, so Try again is one key press.
            if (!status->ok())
                m_view->showError(ErrorMessages::text(status->error()), ErrorMessages::isRetryable(status->code()));
        });
}

} // namespace fieldline::ui
