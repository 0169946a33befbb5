#include "ui/gate/DamagedController.h"

#include "app/ProfileService.h"
#include "ui/ErrorMessages.h"
#include "ui/gate/DamagedView.h"

namespace fieldline::ui {

DamagedController::DamagedController(DamagedView *view, app::ProfileService *profile, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_profile(profile)
{
    connect(m_view, &DamagedView::setAsideRequested, this, &DamagedController::quarantine);
    connect(m_view, &DamagedView::quitRequested, this, &DamagedController::quitRequested);
}

void DamagedController::prepare()
{
    m_view->clearMessage();
    m_view->setProfileFolder(m_profile->directory());
    m_view->setQuarantineLocation(m_profile->directory());
    m_view->setDetails(m_profile->damageReason());
    m_view->focusDefault();
}

void DamagedController::quarantine()
{
    // Renames only (no key derivation), so this runs on the UI thread.
    const storage::Result<QString> folder = m_profile->quarantine();
    if (!folder.ok()) {
        m_view->showError(ErrorMessages::text(folder.error()));
        return;
    }
    emit setAside(folder.value());
}

} // namespace fieldline::ui
