#pragma once

#include "FormController.h"

#include "app/formsync/SubmissionStore.h"

namespace fieldline::ui {

/**
 * Keeps a draft saved while it is filled in: after every change the controller reports, the paths that changed
 * since the last save are written to the store at once, each its own committed write. A crash loses nothing the
 * user saw change; a save that fails (disk full) is said, and the next change writes everything since the last
 * good save, so nothing is lost then either.
 */
class DraftSaver : public QObject
{
    Q_OBJECT

public:
    /** @p saved is what the store holds for the submission now (SubmissionStore::cells). */
    DraftSaver(formsync::SubmissionStore &store, formsync::SubmissionHeader submission, const forms::Layout &layout,
               FormController *controller, formsync::StoredCells saved);

    /** What the store holds, as of the last successful save. */
    const formsync::StoredCells &saved() const { return m_saved; }
    /** What the store holds now (another device's changes merged in): later saves compare with it. */
    void rebase(formsync::StoredCells saved) { m_saved = std::move(saved); }
    /** Writes what changed since the last save; false after saying why (saveFailed). */
    bool save();

signals:
    void draftSaved();
    void saveFailed(const QString &message);

private:
    formsync::SubmissionStore &m_store;
    formsync::SubmissionHeader m_submission;
    const forms::Layout &m_layout;
    FormController *m_controller;
    formsync::StoredCells m_saved;
};

} // namespace fieldline::ui
