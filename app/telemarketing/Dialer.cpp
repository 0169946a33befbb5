#include "app/telemarketing/Dialer.h"

#include "app/telephony/Telephony.h"
#include "sync/Clock.h"

namespace fieldline::telemarketing {

storage::Result<DialGuard::Check> Dialer::check(const DialGuard::Request &request)
{
    return m_guard.check(request, QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC));
}

storage::Result<DialGuard::Check> Dialer::dial(const DialGuard::Request &request)
{
    storage::Result<DialGuard::Check> checked = check(request);
    if (checked && checked->allowed())
        m_telephony.dial(request.number);
    return checked;
}

bool Dialer::place(const DialGuard::Request &request)
{
    // Checked here again, at the moment of dialling, whatever the caller checked before.
    storage::Result<DialGuard::Check> checked = check(request);
    return checked && checked->allowed() && m_telephony.dial(request.number);
}

} // namespace fieldline::telemarketing
