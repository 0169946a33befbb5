#pragma once

#include "storage/Error.h"
#include "sync/Clock.h"

#include <QCoreApplication>
#include <QString>

namespace fieldline::sync {

/**
 * Hybrid logical clock packed in one int64: `(unix_ms << 16) | counter`. Stamps from tick() are strictly
 * increasing even when the wall clock stalls or steps back, and exceed every remote stamp observed.
 *
 * Counter overflow (more than 65,536 events in one millisecond) carries into the millisecond part: the clock
 * borrows a millisecond from the future rather than wrapping, so order is never lost.
 *
 * Remote stamps more than MaxAheadMs ahead of local wall time are rejected, not clamped: accepting them would
 * drag this device's clock (and every later edit) into the future.
 */
class HybridLogicalClock
{
    Q_DECLARE_TR_FUNCTIONS(HybridLogicalClock)

public:
    static constexpr int CounterBits = 16;
    static constexpr qint64 CounterMask = (qint64(1) << CounterBits) - 1;
    static constexpr qint64 MaxAheadMs = 5 * 60 * 1000;

    /** @p last: the highest stamp this device issued or observed before (persisted across restarts). */
    explicit HybridLogicalClock(const Clock &clock, qint64 last = 0);

    /** A stamp for a local event, greater than any stamp issued or observed so far. */
    qint64 tick();
    /** Merges a remote stamp; fails (and merges nothing) if it is too far ahead of local time. */
    storage::Status observe(qint64 remote);
    /** The skew check alone, for callers that validate a whole batch before merging. */
    storage::Status checkRemote(qint64 remote) const;
    qint64 last() const { return m_last; }
    /** Raises the clock to a stamp this device itself persisted (no skew check: it is our own history). */
    void restore(qint64 last) { m_last = last > m_last ? last : m_last; }

    static qint64 make(qint64 unixMs, qint64 counter) { return (unixMs << CounterBits) | (counter & CounterMask); }
    static qint64 physicalMs(qint64 hlc) { return hlc >> CounterBits; }
    static qint64 counter(qint64 hlc) { return hlc & CounterMask; }
    /** "7 minutes", "3 hours", "2 days": a clock difference in the words shown to the user. */
    static QString describeDuration(qint64 ms);

private:
    const Clock &m_clock;
    qint64 m_last;
};

} // namespace fieldline::sync
