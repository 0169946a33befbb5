#pragma once

#include "app/telemarketing/Campaign.h"

#include <QDateTime>

namespace fieldline::telemarketing {

class CallingHours;

/** A count that may stop short: @c atLeast is set when there are more than @c count. */
struct QueueCount
{
    qint64 count = 0;
    bool atLeast = false;
};

/**
 * How many members of a campaign are waiting for an agent (theirs and the pool's, with attempts left, claimed by
 * nobody else, not the one on the agent's screen): those the queue can offer now (their zone's calling window is
 * open and their retry delay has passed) and those waiting for later. Numbers on a do-not-call list are not looked up
 * here (the queue passes over them when it reaches them), and callbacks are counted by the callbacks list.
 *
 * The agent's screen reads this after every contact, so the work is bounded: at most RowsPerZone + 1 queued members
 * of each zone are looked at, and a count that stopped there says "at least". A member whose contact this device
 * does not hold (another territory's) is counted, though the queue never offers it.
 */
struct QueueSummary
{
    static constexpr int RowsPerZone = 500;

    QueueCount readyNow;
    QueueCount later;

    /** The counts for @p agent, who has member @p onScreen (if any) on their screen. */
    static storage::Result<QueueSummary> read(storage::Database &db, CallingHours &hours, const Campaign &campaign,
                                              const QString &agent, const QDateTime &now,
                                              const sync::RowId &onScreen = {});
};

} // namespace fieldline::telemarketing
