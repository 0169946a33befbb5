#pragma once

#include <QtGlobal>

namespace fieldline::sync {

/**
 * The seam through which sync reads wall-clock time, so tests can skew and step clocks per replica
 * instead of sleeping.
 */
class Clock
{
public:
    virtual ~Clock() = default;
    /** Milliseconds since the Unix epoch. */
    virtual qint64 nowMs() const = 0;
};

/** The machine's real-time clock. */
class SystemClock final : public Clock
{
public:
    qint64 nowMs() const override;
};

} // namespace fieldline::sync
