#include "app/telemarketing/DialGuard.h"

#include "app/telemarketing/ContactNumbers.h"
#include "app/telemarketing/PhoneNumbers.h"

namespace fieldline::telemarketing {

storage::Result<DialGuard::Check> DialGuard::check(const Request &request, const QDateTime &now)
{
    Check out;
    if (PhoneNumbers::toE164(request.number) != request.number) {
        out.verdict = Verdict::InvalidNumber;
        out.message = tr("%1 is not a complete international number.").arg(request.number);
        return out;
    }
    bool optedOut = request.contact && request.contact->optedOut;
    if (!request.contact) { // dialled by hand: the number may still be a contact's who opted out
        storage::Result<bool> owner = m_doNotCall.ownerOptedOut(request.number);
        if (!owner)
            return owner.error();
        optedOut = *owner;
    }
    if (optedOut) {
        out.verdict = Verdict::ContactOptedOut;
        out.message = tr("This contact asked not to be called.");
        return out;
    }
    storage::Result<DoNotCall::List> listed = m_doNotCall.lookup(request.number, request.campaign);
    if (!listed)
        return listed.error();
    if (*listed != DoNotCall::List::None) {
        out.verdict = *listed == DoNotCall::List::Tenant ? Verdict::TenantList : Verdict::CampaignList;
        out.message = *listed == DoNotCall::List::Tenant
                          ? tr("%1 is on the do-not-call list.").arg(request.number)
                          : tr("%1 is on this campaign's do-not-call list.").arg(request.number);
        return out;
    }
    out.zoneKey = ZoneKey::of(request.contact ? request.contact->timeZone : QString(), request.number);
    out.localTime = m_hours.localTime(out.zoneKey, now);
    if (!request.window)
        return out;
    if (m_hours.zonesOf(out.zoneKey).empty()) {
        out.verdict = Verdict::UnknownLocation;
        out.message = tr("Where %1 is cannot be told, so calling hours cannot be checked.").arg(request.number);
        return out;
    }
    if (!m_hours.isOpen(out.zoneKey, *request.window, now)) {
        out.verdict = Verdict::OutsideHours;
        const QString window = tr("%1 to %2")
                                   .arg(request.window->start.toString(QStringLiteral("HH:mm")),
                                        request.window->end.toString(QStringLiteral("HH:mm")));
        out.message = m_hours.zonesOf(out.zoneKey).size() == 1
                          ? tr("It is %1 for this contact; calls are allowed from %2.")
                                .arg(out.localTime.time().toString(QStringLiteral("HH:mm")), window)
                          : tr("Calls are allowed from %1 in every time zone of this number's region, and that is "
                               "not the case now.")
                                .arg(window);
    }
    return out;
}

} // namespace fieldline::telemarketing
