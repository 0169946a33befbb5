#include "app/telemarketing/Dialer.h"

#include "app/telephony/Telephony.h"
#include "sync/Clock.h"

namespace fieldline::telemarketing {

storage::Result<DialGuard::Check> Dialer::dial(const DialGuard::Request &request)
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC);
    storage::Result<DialGuard::Check> check = m_guard.check(request, now);
    if (check && check->allowed())
        m_telephony.dial(request.number);
    return check;
}

} // namespace fieldline::telemarketing
