#pragma once

#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/DoNotCall.h"

#include <QCoreApplication>
#include <QDateTime>

namespace fieldline::telemarketing {

struct ContactNumbers;

/**
 * The checks that run before every dial, whatever the screen did: the number is a valid E.164 number, it is on
 * no do-not-call list (the tenant's, the campaign's, the contact's own opt-out), and the calling window is open
 * where the person is (their zone when known; otherwise every zone of the number's region).
 */
class DialGuard
{
    Q_DECLARE_TR_FUNCTIONS(DialGuard)

public:
    enum class Verdict {
        Allowed,
        InvalidNumber,
        TenantList,      ///< on the tenant's do-not-call list
        CampaignList,    ///< on the campaign's do-not-call list
        ContactOptedOut, ///< the contact asked not to be called
        UnknownLocation, ///< no zone and no region: calling hours cannot be checked
        OutsideHours,
    };
    struct Check
    {
        Verdict verdict = Verdict::Allowed;
        QString message;     ///< for the agent, empty when allowed
        QString zoneKey;     ///< where the hours were checked
        QDateTime localTime; ///< the person's time (first zone of the key), when known
        bool allowed() const { return verdict == Verdict::Allowed; }
    };
    struct Request
    {
        QString number;
        const ContactNumbers *contact = nullptr; ///< the contact called, when there is one
        std::optional<sync::RowId> campaign;     ///< its list applies too
        std::optional<CallingWindow> window;     ///< none: hours are not checked (the caller decided)
    };

    DialGuard(sync::Replica &replica, CallingHours &hours)
        : m_doNotCall(replica)
        , m_hours(hours)
    {}

    storage::Result<Check> check(const Request &request, const QDateTime &now);

private:
    DoNotCall m_doNotCall;
    CallingHours &m_hours;
};

} // namespace fieldline::telemarketing
