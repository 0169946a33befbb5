#include "ui/settings/SettingsController.h"

#include "app/AppSettings.h"
#include "app/ProfileService.h"
#include "ui/ErrorMessages.h"
#include "ui/IdleWatcher.h"
#include "ui/LanguageManager.h"
#include "ui/TaskRunner.h"
#include "ui/gate/RememberAvailability.h"
#include "ui/settings/ChangePassphraseController.h"
#include "ui/settings/ChangePassphraseDialog.h"
#include "ui/settings/SettingsDialog.h"

#include <chrono>
#include <memory>

namespace fieldline::ui {

SettingsController::SettingsController(SettingsDialog *view, Dependencies dependencies, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_deps(dependencies)
{
    connect(m_view, &SettingsDialog::languageChosen, this, &SettingsController::chooseLanguage);
    connect(m_view, &SettingsDialog::idleLockMinutesChanged, this, &SettingsController::setIdleMinutes);
    connect(m_view, &SettingsDialog::rememberToggled, this, &SettingsController::setRemember);
    connect(m_view, &SettingsDialog::changePassphraseRequested, this, &SettingsController::openChangePassphrase);
}

void SettingsController::prepare()
{
    m_view->clearMessage();
    m_view->setLanguages(LanguageManager::availableLanguages());
    m_view->setCurrentLanguage(m_deps.language->language());
    m_view->setIdleLockMinutes(m_deps.settings->idleLockMinutes(), app::AppSettings::kMaxIdleLockMinutes);
    const RememberAvailability remember = RememberAvailability::query(*m_deps.profile, m_deps.keychain);
    m_view->setRememberAvailable(remember.available, remember.reason);
    m_view->setRemembered(remember.available && m_deps.profile->isRemembered());
}

ChangePassphraseDialog *SettingsController::changePassphraseDialog() const
{
    return m_passphraseDialog;
}

void SettingsController::chooseLanguage(const QString &code)
{
    if (!m_deps.language->setLanguage(code)) {
        m_view->showError([] { return tr("This language could not be loaded. Fieldline keeps the current one."); });
        m_view->setCurrentLanguage(m_deps.language->language());
        return;
    }
    m_deps.settings->setLanguage(code);
}

void SettingsController::setIdleMinutes(int minutes)
{
    m_deps.settings->setIdleLockMinutes(minutes);
    m_deps.idleWatcher->setTimeout(std::chrono::minutes(m_deps.settings->idleLockMinutes()));
}

void SettingsController::setRemember(bool remember)
{
    auto status = std::make_shared<storage::Status>();
    m_view->clearMessage();
    m_view->setRememberBusy(true);
    const bool started =
        m_deps.runner->run([profile = m_deps.profile, remember, status] { *status = profile->setRemembered(remember); },
                           [self = QPointer(this), remember, status] {
                               // The dialog (and this controller) may have been closed by a lock meanwhile.
                               if (!self)
                                   return;
                               self->m_view->setRememberBusy(false);
                               if (!status->ok()) {
                                   self->m_view->setRemembered(!remember);
                                   self->m_view->showError(ErrorMessages::text(status->error()));
                                   return;
                               }
                               emit self->rememberChanged(remember);
                           });
    if (!started) {
        m_view->setRememberBusy(false);
        m_view->setRemembered(!remember);
    }
}

void SettingsController::openChangePassphrase()
{
    if (m_passphraseDialog) {
        m_passphraseDialog->raise();
        return;
    }
    auto *dialog = new ChangePassphraseDialog(m_view);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto *controller = new ChangePassphraseController(dialog, m_deps.profile, m_deps.runner, dialog);
    connect(controller, &ChangePassphraseController::changed, this, [this] {
        m_view->showNotice([] { return tr("Your passphrase was changed. Use the new one from now on."); });
        emit passphraseChanged();
    });
    m_passphraseDialog = dialog;
    dialog->open();
}

} // namespace fieldline::ui
