#pragma once

#include "app/telemarketing/Campaign.h"
#include "app/telemarketing/ContactQueue.h"

#include <QCoreApplication>

namespace fieldline::telemarketing {

/** How a call went, as the telephony backend (or the agent, after a hand-off to another softphone) tells it. */
struct CallRecord
{
    QString number;
    qint64 startedMs = 0;  ///< when the dial began
    qint64 durationMs = 0; ///< talk time: from answer to hang-up (0 when never answered)
    QString result;        ///< "answered", "busy", "no answer", "failed: <cause>", ...
};

/** What the agent chose in wrap-up. */
struct Outcome
{
    QString disposition; ///< a code of the campaign's dispositions
    QString note;
    std::optional<qint64> callbackDueMs; ///< required when the disposition asks for a callback
    bool callbackToPool = false;         ///< the callback may be made by any agent of the campaign
    std::optional<sync::RowId> form;     ///< the outcome form's submission, when the disposition asks for one
};

/**
 * Records a call and its disposition in one local transaction, so a network blip, a crash or a full queue never
 * leaves half an outcome: the attempt (grow-only call_attempts), the member's attempts, status, next attempt
 * and last disposition, the callback it answered marked done, a new callback, and the number on the tenant's
 * do-not-call list when the disposition says so. Everything syncs later with the rest of the replica. A call
 * dialled by hand (a QueuedCall without a member) is recorded as an attempt of the campaign only.
 */
class OutcomeRecorder
{
    Q_DECLARE_TR_FUNCTIONS(OutcomeRecorder)

public:
    explicit OutcomeRecorder(sync::Replica &replica)
        : m_replica(replica)
    {}

    /** Invalid (with a sentence for the agent) when the outcome does not fit the disposition's rules. */
    /**
     * The calls on record for member @p member, all its lives: what counts towards the campaign's maximum attempts
     * (the grow-only attempts every device ends up holding alike).
     */
    static storage::Result<qint64> callsOnRecord(storage::Database &db, const sync::RowId &member);
    /**
     * Records @p call's attempt and @p outcome in one transaction. True when the member is in the campaign; false
     * when it was taken out meanwhile (or the number was dialled by hand): then only the attempt (and a do-not-call
     * entry) is recorded, and no callback is planned, since nobody would be offered it.
     */
    storage::Result<bool> record(const Campaign &campaign, const QueuedCall &call, const CallRecord &record,
                                 const Outcome &outcome, const QString &agent, qint64 nowMs);

private:
    storage::Status check(const Disposition *disposition, const Outcome &outcome, qint64 nowMs) const;

    sync::Replica &m_replica;
};

} // namespace fieldline::telemarketing
