#include "ui/settings/ChangePassphraseController.h"

#include "app/ProfileService.h"
#include "ui/ErrorMessages.h"
#include "ui/TaskRunner.h"
#include "ui/gate/NewPassphraseCheck.h"
#include "ui/settings/ChangePassphraseDialog.h"

#include <QPointer>

#include <memory>

namespace fieldline::ui {

ChangePassphraseController::ChangePassphraseController(ChangePassphraseDialog *view, app::ProfileService *profile,
                                                       TaskRunner *runner, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_profile(profile)
    , m_runner(runner)
{
    connect(m_view, &ChangePassphraseDialog::passphraseEdited, this, &ChangePassphraseController::evaluate);
    connect(m_view, &ChangePassphraseDialog::changeRequested, this, &ChangePassphraseController::change);
    evaluate();
}

void ChangePassphraseController::evaluate()
{
    const NewPassphraseCheck check =
        NewPassphraseCheck::evaluate(m_view->newPassphrase(), m_view->repeatedPassphrase());
    m_view->setStrength(check.strength.level());
    m_view->setHint(check.hint, check.problem);
    m_view->setChangeEnabled(check.acceptable);
}

void ChangePassphraseController::change()
{
    const QString current = m_view->currentPassphrase();
    const QString next = m_view->newPassphrase();
    if (!NewPassphraseCheck::evaluate(next, m_view->repeatedPassphrase()).acceptable || m_runner->isBusy())
        return;
    if (current.isEmpty()) {
        m_view->showWrongCurrentPassphrase();
        return;
    }
    auto status = std::make_shared<storage::Status>();
    m_view->setBusy(true);
    m_runner->run([profile = m_profile, current, next, status] { *status = profile->changePassphrase(current, next); },
                  [self = QPointer(this), status] {
                      // The dialog (and this controller with it) may have been closed by a lock meanwhile.
                      if (self)
                          self->finish(*status);
                  });
}

void ChangePassphraseController::finish(const storage::Status &status)
{
    m_view->setBusy(false);
    if (status.ok()) {
        emit changed();
        m_view->accept();
    } else if (status.code() == storage::ErrorCode::WrongKey) {
        m_view->showWrongCurrentPassphrase();
    } else {
        m_view->showError(ErrorMessages::text(status.error()), ErrorMessages::isRetryable(status.code()));
    }
}

} // namespace fieldline::ui
