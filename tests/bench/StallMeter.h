#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <vector>

namespace fieldline::bench {

/**
 * How long the thread's event loop went without running a 5 ms timer: in the application that thread is the UI
 * thread, so the gaps are how long the window could not react to a key. Measures from construction to stop().
 */
class StallMeter
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
        m_clock.start();
        m_timer.start();
    }

    void stop()
    {
        tick();
        m_timer.stop();
        std::sort(m_gapsMs.begin(), m_gapsMs.end());
    }

    /** The gap at quantile q (0..1) after stop(), in milliseconds. */
    double quantileMs(double q) const
    {
        if (m_gapsMs.empty())
            return 0;
        return m_gapsMs[std::min(m_gapsMs.size() - 1, size_t(q * double(m_gapsMs.size())))];
    }
    double longestMs() const { return m_gapsMs.empty() ? 0 : m_gapsMs.back(); }
    /** How many gaps were at least this long. */
    size_t countAtLeast(double ms) const
    {
        return size_t(m_gapsMs.end() - std::lower_bound(m_gapsMs.begin(), m_gapsMs.end(), ms));
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_gapsMs.push_back(double(now - m_lastNs) / 1e6);
        m_lastNs = now;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    std::vector<double> m_gapsMs;
};

} // namespace fieldline::bench
