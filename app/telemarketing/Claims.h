#pragma once

#include "app/telemarketing/ContactQueue.h"
#include "sync/Replica.h"

#include <QCoreApplication>

namespace fieldline::telemarketing {

/**
 * Who is working a campaign member or callback now: the agent it is offered to claims it for a while (a lease,
 * renewed when dialling), and the queue offers nobody else a row another agent claims until the lease runs out or
 * the outcome is recorded. Claims are synced cells, but the server keeps the first claim it gets until its lease
 * runs out (server WritePolicy), and a device signed in to a server dials a pool member only once a round has
 * brought the server's answer back; the dialer checks the claim again just before dialling (docs/telemarketing.md).
 */
class Claims
{
    Q_DECLARE_TR_FUNCTIONS(Claims)

public:
    static constexpr qint64 LeaseMs = 30 * 60'000;
    /// A pool member held ahead is dialled without the server only while the lease the server confirmed runs at
    /// least this much longer: enough for a call and its wrap-up, and for clocks a few minutes apart.
    static constexpr qint64 OfflineMarginMs = 10 * 60'000;

    explicit Claims(sync::Replica &replica)
        : m_replica(replica)
    {}

    /** Claims @p call's member (and callback) for @p agent until @p nowMs + LeaseMs. */
    storage::Status claim(const QueuedCall &call, const QString &agent, qint64 nowMs);
    /** Gives up @p agent's claim (they paused or skipped the contact); a colleague's claim is left alone. */
    storage::Status release(const QueuedCall &call, const QString &agent);
    /** Whether @p agent's claim on @p table's @p row is the one stored (so an outcome may end it). */
    storage::Result<bool> holds(const QString &table, const sync::RowId &row, const QString &agent);
    /**
     * Until when the server keeps @p agent's claim on campaign member @p member: the lease stored, when both claim
     * cells came from the server or were written by local writes up to @p settledSeq (a round has taken them to the
     * server and brought its answer back); 0 otherwise, or when the member is not claimed by @p agent.
     */
    storage::Result<qint64> confirmedUntil(const sync::RowId &member, const QString &agent, qint64 settledSeq);
    /** The other agent whose lease on @p call's member or callback runs at @p nowMs; empty when there is none. */
    storage::Result<QString> heldByOther(const QueuedCall &call, const QString &agent, qint64 nowMs);

    /** The cells that end a claim (OutcomeRecorder writes them with the outcome). */
    static sync::Cells released();
    /** SQL: the row is not claimed by someone else at ?now (parameter @p now) for agent ?agent (@p agent). */
    static QByteArray freeFor(int agentParameter, int nowParameter);

private:
    storage::Status write(const QueuedCall &call, const sync::Cells &cells, const QString &onlyIfHeldBy = QString());

    sync::Replica &m_replica;
};

} // namespace fieldline::telemarketing
