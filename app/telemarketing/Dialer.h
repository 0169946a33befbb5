#pragma once

#include "app/telemarketing/DialGuard.h"

namespace fieldline::sync {
class Clock;
}

namespace fieldline::telephony {
class Telephony;
}

namespace fieldline::telemarketing {

/**
 * The only way the client places a call: the DialGuard's checks at the moment of dialling, then the telephony
 * backend. Screens call this and nothing else, so a number on a do-not-call list or outside calling hours is
 * refused whatever a screen shows or skips.
 */
class Dialer
{
public:
    Dialer(sync::Replica &replica, CallingHours &hours, telephony::Telephony &telephony, const sync::Clock &clock)
        : m_guard(replica, hours)
        , m_telephony(telephony)
        , m_clock(clock)
    {}

    /** The guard's verdict; when it allows, the call has been handed to the backend (or its refusal is in
     *  Telephony::problem()). */
    storage::Result<DialGuard::Check> dial(const DialGuard::Request &request);
    /** The guard's verdict alone, for a screen that gets ready to place the call. */
    storage::Result<DialGuard::Check> check(const DialGuard::Request &request);
    /** Checks again and places the call; false when the guard or the backend refused (see Telephony::problem()). */
    bool place(const DialGuard::Request &request);

private:
    DialGuard m_guard;
    telephony::Telephony &m_telephony;
    const sync::Clock &m_clock;
};

} // namespace fieldline::telemarketing
