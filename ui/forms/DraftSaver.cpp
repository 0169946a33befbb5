#include "DraftSaver.h"

namespace fieldline::ui {

DraftSaver::DraftSaver(formsync::SubmissionStore &store, formsync::SubmissionHeader submission,
                       const forms::Layout &layout, FormController *controller, formsync::StoredCells saved)
    : QObject(controller)
    , m_store(store)
    , m_submission(std::move(submission))
    , m_layout(layout)
    , m_controller(controller)
    , m_saved(std::move(saved))
{
    connect(controller, &FormController::changed, this, &DraftSaver::save);
}

bool DraftSaver::save()
{
    formsync::StoredCells now = formsync::SubmissionCells::encode(m_controller->data(), m_layout);
    if (const storage::Status written = m_store.save(m_submission, m_saved, now); !written) {
        emit saveFailed(tr("The draft could not be saved: %1").arg(written.message()));
        return false;
    }
    m_saved = std::move(now);
    emit draftSaved();
    return true;
}

} // namespace fieldline::ui
