#pragma once

#include "app/telemarketing/Campaign.h"
#include "app/telemarketing/DialGuard.h"

#include <QDateTime>

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

namespace fieldline::telemarketing {

/** The call the queue offers next, and why it is that one. */
struct QueuedCall
{
    sync::RowId member;
    sync::RowId contact;
    std::optional<sync::RowId> callback; ///< set when a due callback is what is offered
    QString number;                      ///< the first of the contact's numbers that may be called now
    QString zoneKey;
    QDateTime localTime; ///< the person's time now
    int priority = 0;
    int attempts = 0;
    bool pool = false; ///< the member or callback is the campaign's shared pool's (no owner), not the agent's own
    /// A pool member's: until when the server keeps the agent's claim on it (Claims::confirmedUntil); 0 when the
    /// server has not answered a claim of theirs on it.
    qint64 confirmedUntilMs = 0;
};

/** Who the queue may offer besides the agent's own members and callbacks. */
struct QueueScope
{
    /// Whether the campaign's shared pool may be offered. Without it (the server cannot be asked whether a colleague
    /// is calling a pool member), the only pool members offered are those the agent holds by a claim the server has
    /// confirmed, with at least Claims::OfflineMarginMs of its lease left (claimed ahead by ClaimReserve).
    bool pool = true;
    /// Local writes up to this seq have the server's answer (SyncStatus::settledSeq); the maximum without a server.
    qint64 settledSeq = std::numeric_limits<qint64>::max();
    /// Members and callbacks not to offer (ClaimReserve looks past the ones it has picked already).
    std::vector<sync::RowId> passOver;

    bool passesOver(const sync::RowId &row) const
    {
        return std::find(passOver.begin(), passOver.end(), row) != passOver.end();
    }
};

/**
 * Picks the next contact of a campaign for an agent: callbacks that are due (the agent's own and the pool's)
 * first, earliest due first; then queued members, highest priority first and longest waiting next, that have
 * attempts left, whose retry delay has passed, that belong to the agent or to the pool, whose calling window is
 * open and that have a number the DialGuard allows.
 *
 * Members are stored with their zone key, so the queue first asks which zones the campaign has (one index seek
 * per zone), keeps those whose window is open, and reads only the heads of those zones through the queue index:
 * the cost follows the number of zones, not of members.
 */
class ContactQueue
{
public:
    ContactQueue(sync::Replica &replica, CallingHours &hours)
        : m_replica(replica)
        , m_guard(replica, hours)
        , m_hours(hours)
    {}

    /** The next call for @p agent within @p scope, or nullopt when nobody in @p campaign may be called at @p now. */
    storage::Result<std::optional<QueuedCall>> next(const Campaign &campaign, const QString &agent,
                                                    const QDateTime &now, const QueueScope &scope = {});

private:
    struct Candidate
    {
        sync::RowId member;
        sync::RowId contact;
        qint64 priority = 0;
        qint64 nextAttemptMs = 0;
        qint64 attempts = 0;
        qint64 rowid = 0;
        bool pool = false;
    };
    storage::Result<std::optional<QueuedCall>> nextCallback(const Campaign &campaign, const QString &agent,
                                                            const QDateTime &now, const QueueScope &scope);
    /** Pool members of @p open zones that @p agent holds by a claim the server confirmed, usable offline. */
    storage::Status heldAhead(const Campaign &campaign, const QStringList &open, const QString &agent, qint64 nowMs,
                              qint64 settledSeq, std::vector<Candidate> &out);
    /** Up to @p limit callable-looking members of one zone, best first; @p full is set when the limit was hit. */
    storage::Status headOfZone(const Campaign &campaign, const QString &zone, const QString &agent, qint64 nowMs,
                               bool withPool, int limit, std::vector<Candidate> &out, bool &full);
    /** @p call with its number filled in when the contact has one the guard allows now; nullopt otherwise. */
    storage::Result<std::optional<QueuedCall>> callable(QueuedCall call, const Campaign &campaign,
                                                        const QDateTime &now);

    sync::Replica &m_replica;
    DialGuard m_guard;
    CallingHours &m_hours;
};

} // namespace fieldline::telemarketing
