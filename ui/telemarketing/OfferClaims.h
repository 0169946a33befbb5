#pragma once

#include "app/telemarketing/ClaimReserve.h"
#include "app/telemarketing/Claims.h"
#include "ui/telemarketing/ClaimConfirmation.h"

#include <QObject>

namespace fieldline::sync {
class Clock;
}

namespace fieldline::ui {

/**
 * The claims behind an agent's screen: the contact offered is claimed for the agent (and renewed while it stays on
 * screen), the next pool members are held ahead while the server answers (ClaimReserve), and a pool contact is
 * dialled only once the server has answered its claim (ClaimConfirmation) or holds it for the agent already.
 */
class OfferClaims : public QObject
{
    Q_OBJECT

public:
    OfferClaims(sync::Replica &replica, telemarketing::ContactQueue &queue, const sync::Clock &clock,
                app::SyncService *sync, QString agent, QObject *parent = nullptr);

    /** Who the queue may offer now: the pool only while the server answers (or there is none). */
    telemarketing::QueueScope scope() const;
    /**
     * Claims @p offered, and holds the next pool members ahead when @p scope offered the pool and a server shares
     * it. The problem when the claim cannot be written: @p offered must not be dialled then.
     */
    storage::Status claimOffered(const telemarketing::Campaign &campaign, const telemarketing::QueuedCall &offered,
                                 const telemarketing::QueueScope &scope, const QDateTime &now);
    /** The colleague whose claim on @p offered stands (a claim that synced in meanwhile); empty when none. */
    storage::Result<QString> heldByOther(const telemarketing::QueuedCall &offered);
    /**
     * Whether @p offered may be dialled now: the agent's own, held ahead, or its claim answered. When it waits,
     * settled() follows.
     */
    ClaimConfirmation::State confirm(const telemarketing::QueuedCall &offered);
    /** Renews the claim on @p offered as the call starts. */
    storage::Status renew(const telemarketing::QueuedCall &offered);
    /** Renews the claim on @p offered when a third of its lease is left (a long preview, call or wrap-up). */
    void renewIfDue(const telemarketing::QueuedCall &offered);
    /** Lets go of the claim on @p offered (not called). */
    void release(const telemarketing::QueuedCall &offered);
    /** Lets go of the people held ahead in @p campaign, but @p keep. */
    void releaseReserve(const telemarketing::Campaign &campaign, const sync::RowId &keep);

signals:
    /** A claim confirm() waited for has its answer: confirm() again. */
    void settled();

private:
    sync::Replica &m_replica;
    const sync::Clock &m_clock;
    QString m_agent;
    telemarketing::Claims m_claims;
    ClaimConfirmation m_confirmation;
    telemarketing::ClaimReserve m_reserve;
    qint64 m_claimSeq = 0;    ///< the local write that claimed the contact offered (Replica::lastSeq)
    qint64 m_claimedAtMs = 0; ///< when it was claimed or last renewed
};

} // namespace fieldline::ui
