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

} // namespace

std::optional<QString> WritePolicy::refusal(Role role, const sync::Change &change)
{
    const bool manages = role == Role::Manager || role == Role::Admin;
    const QString &table = change.table;
    if (table == QLatin1String("form_layouts"))
        return QStringLiteral("Form layouts are published through the forms API, which checks them; the server's "
                              "copy stands.");
    if (manages)
        return std::nullopt;
    if (table == QLatin1String("products"))
        return QStringLiteral("Only managers and administrators may change the product catalog; the server's "
                              "copy stands.");
    if (table == QLatin1String("campaigns"))
        return QStringLiteral("Only managers and administrators may change campaigns; the server's copy stands.");
    if (table == QLatin1String("campaign_members") && !isCallOutcomeColumn(change.column))
        return QStringLiteral("Only managers and administrators may add, remove or reassign campaign members; the "
                              "server's copy stands.");
    if (table == QLatin1String("dnc_numbers") && change.isRowChange() && !change.stamp.alive())
        return QStringLiteral("Only managers and administrators may take a number off the do-not-call list; it "
                              "stays on it.");
    return std::nullopt;
}

} // namespace fieldline::server
