#include "app/telemarketing/ClaimReserve.h"

#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

#include <algorithm>

namespace fieldline::telemarketing {

storage::Status ClaimReserve::topUp(const Campaign &campaign, const QString &agent, const QDateTime &now,
                                    const std::optional<QueuedCall> &current)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QueueScope scope;
    std::vector<sync::RowId> keep;
    if (current) {
        scope.passOver.push_back(current->callback ? *current->callback : current->member);
        keep.push_back(current->member);
    }
    storage::Result<std::vector<std::pair<sync::RowId, qint64>>> holding = held(campaign, agent);
    if (!holding)
        return holding.status();
    storage::Transaction transaction(m_replica.database());
    if (!transaction.begun())
        return transaction.begun();
    for (int offer = 0; offer < Offers; ++offer) {
        storage::Result<std::optional<QueuedCall>> found = m_queue.next(campaign, agent, now, scope);
        if (!found)
            return found.status();
        if (!*found)
            break;
        const QueuedCall &call = **found;
        scope.passOver.push_back(call.callback ? *call.callback : call.member);
        if (!call.pool || call.callback)
            continue; // the agent's own, or a callback due: nobody else is offered it, or it is claimed when offered
        keep.push_back(call.member);
        const auto had = std::find_if(holding->begin(), holding->end(),
                                      [&call](const auto &claim) { return claim.first == call.member; });
        // Renewed only once too little of the lease is left to call them without the server: a renewal has no
        // answer until its round ends, and until then the lease the server confirmed could not be used.
        if (had != holding->end() && had->second - nowMs > Claims::OfflineMarginMs)
            continue;
        QueuedCall member = call;
        member.callback.reset();
        if (storage::Status claimed = m_claims.claim(member, agent, nowMs); !claimed)
            return claimed;
    }
    if (storage::Status released = letGo(*holding, agent, keep); !released)
        return released;
    return transaction.commit();
}

storage::Status ClaimReserve::release(const Campaign &campaign, const QString &agent, const sync::RowId &keep)
{
    storage::Result<std::vector<std::pair<sync::RowId, qint64>>> holding = held(campaign, agent);
    if (!holding)
        return holding.status();
    return letGo(*holding, agent, {keep});
}

storage::Status ClaimReserve::letGo(const std::vector<std::pair<sync::RowId, qint64>> &holding, const QString &agent,
                                    const std::vector<sync::RowId> &keep)
{
    storage::Transaction transaction(m_replica.database());
    if (!transaction.begun())
        return transaction.begun();
    for (const auto &[member, until] : holding) {
        if (std::find(keep.begin(), keep.end(), member) != keep.end())
            continue;
        QueuedCall dropped;
        dropped.member = member;
        if (storage::Status released = m_claims.release(dropped, agent); !released)
            return released;
    }
    return transaction.commit();
}

storage::Result<std::vector<std::pair<sync::RowId, qint64>>> ClaimReserve::held(const Campaign &campaign,
                                                                                const QString &agent)
{
    // Through the partial index of claimed members (tm_members_claimed); a lease run out is let go as well.
    static const char *sql = "SELECT id, ifnull(claimed_until_ms, 0) FROM campaign_members WHERE claimed_by = ?1"
                             " AND claimed_by <> '' AND campaign = ?2 AND ifnull(owner, '') = ''";
    storage::Result<storage::Statement *> query = m_replica.database().prepare(sql);
    if (!query)
        return query.error();
    storage::Statement &rows = *query.value();
    rows.bind(1, agent).bind(2, campaign.id.toBytes());
    std::vector<std::pair<sync::RowId, qint64>> members;
    const storage::Status read = rows.forEachRow([&members](const storage::Statement &row) {
        if (const std::optional<sync::RowId> member = sync::RowId::fromBytes(row.blob(0)))
            members.emplace_back(*member, row.int64(1));
    });
    if (!read)
        return read.error();
    return members;
}

} // namespace fieldline::telemarketing
