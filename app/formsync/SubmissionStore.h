#pragma once

#include "app/formsync/SubmissionCells.h"
#include "storage/Error.h"
#include "sync/Replica.h"

#include <QDateTime>

namespace fieldline::formsync {

/** What a submission is, apart from its values. */
struct SubmissionHeader
{
    sync::RowId id;
    QString form;
    sync::RowId layout; ///< the form_layouts row (one version of the form) it is pinned to
    QString status;
    QString owner;
    QString problem; ///< why the server returned it, when it did
    QString startedAt;
};

/** A form filled in one sitting (a call's outcome form), kept until what it belongs to is stored with it. */
struct FilledForm
{
    sync::RowId layout; ///< the form_layouts row filled in
    QString form;
    QString owner;
    StoredCells cells;
};

/**
 * The device's submissions, in the synced tables of formsync/FormTables.h. A draft is saved field by field as it
 * changes: each changed path is one committed write, so a crash loses at most the edit being typed, and a
 * field another device filled meanwhile is never overwritten by a save that did not touch it.
 */
class SubmissionStore
{
public:
    /** @p replica must outlive the store. */
    explicit SubmissionStore(sync::Replica &replica)
        : m_replica(replica)
    {}

    /** Starts a draft of the layout version in form_layouts row @p layout, owned by @p owner (a login). */
    storage::Result<sync::RowId> start(const sync::RowId &layout, const QString &form, const QString &owner,
                                       const QDateTime &now);
    storage::Result<SubmissionHeader> header(const sync::RowId &submission);
    /** @p owner's drafts and returned submissions, newest first: what is left for them to finish. */
    storage::Result<std::vector<SubmissionHeader>> unfinished(const QString &owner);
    /** The values stored for @p submission, by path (SubmissionCells). */
    storage::Result<StoredCells> cells(const sync::RowId &submission);
    /** Writes the paths that differ from @p before to @p after, and removes the repeat rows @p after dropped. */
    storage::Status save(const SubmissionHeader &submission, const StoredCells &before, const StoredCells &after);
    /** Marks the submission final (the caller validated it; the server checks again). */
    storage::Status finalise(const sync::RowId &submission, const QDateTime &now);
    /** Stores @p filled as a finalised submission, started, filled and finalised in one transaction; its id. */
    storage::Result<sync::RowId> submitFinal(const FilledForm &filled, const QDateTime &now);

private:
    storage::Status put(const sync::RowId &submission, const QString &owner, const QString &path,
                        const sync::Value &value);
    storage::Status removeRow(const sync::RowId &submission, const QString &rowPath, const StoredCells &before);

    sync::Replica &m_replica;
};

} // namespace fieldline::formsync
