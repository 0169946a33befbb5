#pragma once

#include "storage/Error.h"
#include "sync/Change.h"
#include "sync/RowState.h"

#include <optional>

namespace fieldline::sync {
class Clock;
}

namespace fieldline::server {

class SyncStore;

/**
 * The server's check of finalised submissions (issue 4): after a push, every submission the push marked final is
 * validated against the layout version it is pinned to, with the validator the client runs. One that fails is
 * written back by the server as "returned", with the problems in its `problem` cell and a newer stamp, so every
 * device of its owner converges to a draft that says what to fix; nothing the user filled in is lost.
 *
 * A device pushes its rows in the order of their last local write, and finalising is a submission's last write,
 * so when a push is split into several requests the values arrive in earlier ones and the review sees them all.
 * A push that changes values of a submission that is already final has that submission checked again.
 */
class SubmissionReview
{
public:
    SubmissionReview(SyncStore &sync, const sync::Clock &clock)
        : m_sync(sync)
        , m_clock(clock)
    {}

    /** Reviews what @p changes finalised or changed after; the tenant's new cursor when a submission was returned. */
    storage::Result<std::optional<qint64>> review(qint64 tenantId, const sync::ChangeBatch &changes);

private:
    /** The problems of @p submission as one text; empty when it is valid or no longer final. */
    storage::Result<QString> problemsOf(qint64 tenantId, const sync::RowId &submission, const sync::RowState &state);

    SyncStore &m_sync;
    const sync::Clock &m_clock;
};

} // namespace fieldline::server
