#pragma once

#include "sync/Clock.h"

/** A clock that moves only when the test says so: skewed and stepped per replica without sleeping. */
class ManualClock final : public fieldline::sync::Clock
{
public:
    explicit ManualClock(qint64 nowMs = 1'790'000'000'000)
        : m_nowMs(nowMs)
    {}
    qint64 nowMs() const override { return m_nowMs; }
    void set(qint64 ms) { m_nowMs = ms; }
    void advance(qint64 ms) { m_nowMs += ms; }

private:
    qint64 m_nowMs;
};
