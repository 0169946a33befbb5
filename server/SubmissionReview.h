#pragma once

#include "storage/Error.h"
#include "sync/Change.h"
#include "sync/RowState.h"

#include <functional>
#include <map>
#include <optional>
#include <set>

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
 * A push that changes values of a submission that is already final has that submission checked again. When the
 * store fails during a review, what it was to check is kept in memory and retry() checks it again (the server
 * calls it every 30 s); a restart forgets it, and the submission is then checked on its next push.
 */
class SubmissionReview
{
public:
    /**
     * Scopes the store's connection to a tenant (TenantStore::enterTenant). review() runs inside a push, which has
     * done so already; retry() runs from a timer, after requests of any tenant, and calls it before each tenant.
     */
    using EnterTenant = std::function<storage::Status(qint64 tenantId)>;

    SubmissionReview(SyncStore &sync, const sync::Clock &clock, EnterTenant enterTenant)
        : m_sync(sync)
        , m_clock(clock)
        , m_enterTenant(std::move(enterTenant))
    {}

    /**
     * Reviews what @p changes finalised or changed after; the tenant's new cursor when a submission was returned.
     * When the store fails, what was to be reviewed is kept for retry() (and the error returned).
     */
    storage::Result<std::optional<qint64>> review(qint64 tenantId, const sync::ChangeBatch &changes);
    /** Keeps what @p changes would have the review check for the next retry(). */
    void retryLater(qint64 tenantId, const sync::ChangeBatch &changes);
    /**
     * Reviews again what failed before, tenant by tenant; (tenant, new cursor) for each tenant that had a
     * submission returned. A tenant that fails again stays for the next call.
     */
    std::vector<std::pair<qint64, qint64>> retry();
    /** How many submissions and value prefixes wait for retry(), over every tenant. */
    size_t pending() const;

private:
    /** What a push asks the review to look at: submissions it finalised, and submissions whose values it changed. */
    struct Candidates
    {
        std::set<sync::RowId> finalised;
        std::set<QByteArray> editedPrefixes; ///< value rows start with their submission's first 8 bytes
        void add(const sync::ChangeBatch &changes);
        void add(const Candidates &other);
        size_t size() const { return finalised.size() + editedPrefixes.size(); }
    };
    storage::Result<std::optional<qint64>> review(qint64 tenantId, const Candidates &candidates);

    /** The problems of @p submission as one text; empty when it is valid or no longer final. */
    storage::Result<QString> problemsOf(qint64 tenantId, const sync::RowId &submission, const sync::RowState &state);

    SyncStore &m_sync;
    const sync::Clock &m_clock;
    EnterTenant m_enterTenant;
    std::map<qint64, Candidates> m_pending;
    std::map<qint64, qint64> m_unannounced; ///< tenant -> cursor of returns written by a review that then failed
};

} // namespace fieldline::server
