#include "sync/Refusal.h"

#include "sync/HybridLogicalClock.h"

namespace fieldline::sync {

QString Refusal::words() const
{
    switch (kind) {
    case Kind::Other:
        return {};
    case Kind::ClockAhead:
        return tr("This device's clock is %1 ahead of the server's; check its date and time.")
            .arg(HybridLogicalClock::describeDuration(arg.toLongLong()));
    case Kind::NotOwnWrite:
        return tr("A device may only send its own changes.");
    case Kind::OutOfScope:
        return tr("This record is neither yours nor in your territories; the server's copy stands.");
    case Kind::ValueTooLarge:
        return tr("A value may hold at most %1 KiB; the server's copy stands.").arg(arg);
    case Kind::TooManyColumns:
        return tr("A record may hold at most %1 fields.").arg(arg);
    case Kind::RowTooLarge:
        return tr("A record may hold at most %1 MiB.").arg(arg);
    case Kind::RecordGone:
        return tr("This record no longer exists.");
    case Kind::LayoutsByForms:
        return tr("Form layouts are published from the form designer, which checks them; the server's copy stands.");
    case Kind::CatalogByManagers:
        return tr("Only managers and administrators may change the product catalog; the server's copy stands.");
    case Kind::CampaignsByManagers:
        return tr("Only managers and administrators may change campaigns; the server's copy stands.");
    case Kind::MembersByManagers:
        return tr("Only managers and administrators may add, remove or reassign campaign members; the server's copy "
                  "stands.");
    case Kind::DoNotCallByManagers:
        return tr("Only managers and administrators may take a number off the do-not-call list; it stays on it.");
    case Kind::OptOutByManagers:
        return tr("Only managers and administrators may clear a contact's opt-out; the person stays opted out.");
    case Kind::ClaimHeld:
        return tr("%1 is calling this person already; their claim stands.").arg(arg);
    }
    return {};
}

} // namespace fieldline::sync
