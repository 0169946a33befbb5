#include "WritePolicy.h"

namespace fieldline::server {

namespace {

/** The member columns an agent's calls change (OutcomeRecorder, Claims). */
bool isCallOutcomeColumn(const QString &column)
{
    static const QStringList columns{QStringLiteral("attempts"),        QStringLiteral("status"),
                                     QStringLiteral("next_attempt_ms"), QStringLiteral("last_disposition"),
                                     QStringLiteral("claimed_by"),      QStringLiteral("claimed_until_ms")};
    return columns.contains(column);
}

/** A cell saying who is calling a member or callback, and until when (telemarketing's Claims). */
bool isClaimCell(const sync::Change &change)
{
    return (change.table == QLatin1String("campaign_members") || change.table == QLatin1String("callbacks")) &&
           (change.column == QLatin1String("claimed_by") || change.column == QLatin1String("claimed_until_ms"));
}

bool manages(Role role)
{
    return role == Role::Manager || role == Role::Admin;
}

} // namespace

bool WritePolicy::needsStoredRow(Role role, const sync::Change &change)
{
    return isClaimCell(change) || (!manages(role) && (change.table == QLatin1String("campaign_members") ||
                                                      change.table == QLatin1String("dnc_numbers")));
}

std::optional<sync::Refusal> WritePolicy::claimRefusal(const QString &login, const sync::Change &change,
                                                       const sync::RowState &stored, qint64 nowMs)
{
    if (!isClaimCell(change))
        return std::nullopt;
    const sync::CellState *holder = stored.liveCell(QStringLiteral("claimed_by"));
    const sync::CellState *until = stored.liveCell(QStringLiteral("claimed_until_ms"));
    const QString *held = holder ? std::get_if<QString>(&holder->value) : nullptr;
    const qint64 *endsMs = until ? std::get_if<qint64>(&until->value) : nullptr;
    if (!held || held->isEmpty() || *held == login || !endsMs || *endsMs <= nowMs)
        return std::nullopt;
    return sync::Refusal{sync::Refusal::Kind::ClaimHeld, *held};
}

std::optional<sync::Refusal> WritePolicy::refusal(Role role, const sync::Change &change, const sync::RowState &stored)
{
    const QString &table = change.table;
    if (table == QLatin1String("form_layouts"))
        return sync::Refusal{sync::Refusal::Kind::LayoutsByForms, {}};
    if (manages(role))
        return std::nullopt;
    if (table == QLatin1String("products"))
        return sync::Refusal{sync::Refusal::Kind::CatalogByManagers, {}};
    if (table == QLatin1String("campaigns"))
        return sync::Refusal{sync::Refusal::Kind::CampaignsByManagers, {}};
    if (table == QLatin1String("campaign_members") &&
        (!isCallOutcomeColumn(change.column) || !stored.alive() || change.stamp.cl != stored.stamp.cl))
        return sync::Refusal{sync::Refusal::Kind::MembersByManagers, {}};
    // A new entry comes whole from the device that adds it (DoNotCall writes every cell in one insert); one the
    // server lists is changed by managers only: a different number, or a campaign given to a tenant-wide entry,
    // takes the listed number off a list as surely as a delete, and so does a new life of the entry (a higher
    // causal length), whose cells would replace the listed ones. An entry the server holds as deleted may be put
    // back; a cell resent with the value the server holds changes nothing.
    const bool listed = stored.alive();
    const sync::CellState *held = change.isRowChange() ? nullptr : stored.cell(change.column);
    const bool takesOff = (change.isRowChange() && !change.stamp.alive()) ||
                          (listed && change.stamp.cl > stored.stamp.cl) ||
                          (listed && !change.isRowChange() && (!held || held->value != change.value));
    if (table == QLatin1String("dnc_numbers") && takesOff)
        return sync::Refusal{sync::Refusal::Kind::DoNotCallByManagers, {}};
    if (table == QLatin1String("contacts") && change.column == QLatin1String("do_not_call") &&
        change.value != sync::Value(qint64(1)))
        return sync::Refusal{sync::Refusal::Kind::OptOutByManagers, {}};
    return std::nullopt;
}

} // namespace fieldline::server
