#include "ui/telemarketing/OfferClaims.h"

#include "sync/Clock.h"
#include "sync/Replica.h"

namespace fieldline::ui {

using telemarketing::Claims;
using telemarketing::QueuedCall;

OfferClaims::OfferClaims(sync::Replica &replica, telemarketing::ContactQueue &queue, const sync::Clock &clock,
                         app::SyncService *sync, QString agent, QObject *parent)
    : QObject(parent)
    , m_replica(replica)
    , m_clock(clock)
    , m_agent(std::move(agent))
    , m_claims(replica)
    , m_confirmation(sync)
    , m_reserve(replica, queue)
{
    connect(&m_confirmation, &ClaimConfirmation::settled, this, &OfferClaims::settled);
}

telemarketing::QueueScope OfferClaims::scope() const
{
    telemarketing::QueueScope scope;
    scope.pool = m_confirmation.poolCallable();
    scope.settledSeq = m_confirmation.settledSeq();
    return scope;
}

storage::Status OfferClaims::claimOffered(const telemarketing::Campaign &campaign, const QueuedCall &offered,
                                          const telemarketing::QueueScope &scope, const QDateTime &now)
{
    if (const storage::Status claimed = m_claims.claim(offered, m_agent, m_clock.nowMs()); !claimed)
        return claimed;
    m_claimedAtMs = m_clock.nowMs();
    m_claimSeq = m_replica.lastSeq();
    // Claimed with this one, so the same round takes them to the server; from the pool only while it answers. The
    // reserve only spares waits: if it cannot be written, the offer stands (a storage problem shows at the next write).
    if (scope.pool && m_confirmation.needed())
        (void)m_reserve.topUp(campaign, m_agent, now, offered);
    return storage::Status();
}

storage::Result<QString> OfferClaims::heldByOther(const QueuedCall &offered)
{
    return m_claims.heldByOther(offered, m_agent, m_clock.nowMs());
}

ClaimConfirmation::State OfferClaims::confirm(const QueuedCall &offered)
{
    if (!offered.pool)
        return ClaimConfirmation::State::Confirmed; // the agent's own: no colleague is offered it
    if (offered.confirmedUntilMs > m_clock.nowMs() + Claims::OfflineMarginMs)
        return ClaimConfirmation::State::Confirmed; // held ahead: the server has answered already
    return m_confirmation.check(m_claimSeq);
}

storage::Status OfferClaims::renew(const QueuedCall &offered)
{
    const storage::Status renewed = m_claims.claim(offered, m_agent, m_clock.nowMs());
    if (renewed)
        m_claimedAtMs = m_clock.nowMs();
    return renewed;
}

void OfferClaims::renewIfDue(const QueuedCall &offered)
{
    if (m_clock.nowMs() - m_claimedAtMs >= Claims::LeaseMs * 2 / 3)
        (void)renew(offered);
}

void OfferClaims::release(const QueuedCall &offered)
{
    (void)m_claims.release(offered, m_agent);
}

void OfferClaims::releaseReserve(const telemarketing::Campaign &campaign, const sync::RowId &keep)
{
    (void)m_reserve.release(campaign, m_agent, keep);
}

} // namespace fieldline::ui
