#include "sync/HybridLogicalClock.h"

#include <QCoreApplication>

#include <algorithm>

namespace fieldline::sync {

HybridLogicalClock::HybridLogicalClock(const Clock &clock, qint64 last)
    : m_clock(clock)
    , m_last(last)
{}

qint64 HybridLogicalClock::tick()
{
    // m_last + 1 carries a full counter into the millisecond part, which is the overflow policy.
    m_last = std::max(m_last + 1, make(m_clock.nowMs(), 0));
    return m_last;
}

storage::Status HybridLogicalClock::checkRemote(qint64 remote) const
{
    const qint64 ahead = physicalMs(remote) - m_clock.nowMs();
    if (ahead <= MaxAheadMs)
        return {};
    return storage::Error{storage::ErrorCode::Invalid, tr("A change was refused because the other device's clock is %1 "
                                                          "ahead of yours. Check the date and time on both devices.")
                                                           .arg(describeDuration(ahead))};
}

storage::Status HybridLogicalClock::observe(qint64 remote)
{
    if (storage::Status s = checkRemote(remote); !s)
        return s;
    m_last = std::max(m_last, remote);
    return {};
}

QString HybridLogicalClock::describeDuration(qint64 ms)
{
    // Rounded down on purpose: "7 minutes" for 7m59s reads naturally and never overstates the difference.
    const qint64 minutes = ms / 60000;
    if (minutes < 1)
        return tr("less than a minute");
    if (minutes == 1)
        return tr("1 minute");
    if (minutes < 120)
        return tr("%1 minutes").arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return tr("%1 hours").arg(hours);
    return tr("%1 days").arg(hours / 24);
}

} // namespace fieldline::sync
