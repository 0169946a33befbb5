#pragma once

#include "app/telemarketing/Claims.h"
#include "app/telemarketing/ContactQueue.h"

namespace fieldline::telemarketing {

/**
 * Keeps the next few pool members an agent is to be offered claimed ahead, while the server can be reached, so
 * that a short outage does not stop their work: with no server to ask, the queue still offers the pool members
 * whose claim the server has confirmed, for as long as Claims::OfflineMarginMs of that lease is left (QueueScope).
 * A pool member held ahead is also dialled at once when its turn comes, its claim being answered already.
 *
 * The reserve is what the queue offers next, no more: the pool members among the Offers offers after the one on
 * screen. A member the agent holds that falls out of them (a better one came in) is let go, and so is the whole
 * reserve when the agent pauses.
 */
class ClaimReserve
{
public:
    static constexpr int Offers = 3;

    ClaimReserve(sync::Replica &replica, ContactQueue &queue)
        : m_replica(replica)
        , m_queue(queue)
        , m_claims(replica)
    {}

    /**
     * Claims for @p agent the pool members among the Offers offers after @p current (none: from the start), renewing
     * a claim once no more than Claims::OfflineMarginMs of its lease is left, and lets go of the other pool members
     * of @p campaign they hold.
     */
    storage::Status topUp(const Campaign &campaign, const QString &agent, const QDateTime &now,
                          const std::optional<QueuedCall> &current);
    /** Lets go of every pool member of @p campaign that @p agent holds, but @p keep. */
    storage::Status release(const Campaign &campaign, const QString &agent, const sync::RowId &keep = {});

private:
    /** Lets go of @p agent's claims in @p holding but those on @p keep, in one transaction. */
    storage::Status letGo(const std::vector<std::pair<sync::RowId, qint64>> &holding, const QString &agent,
                          const std::vector<sync::RowId> &keep);
    /** The pool members of @p campaign that @p agent holds, and until when. */
    storage::Result<std::vector<std::pair<sync::RowId, qint64>>> held(const Campaign &campaign, const QString &agent);

    sync::Replica &m_replica;
    ContactQueue &m_queue;
    Claims m_claims;
};

} // namespace fieldline::telemarketing
