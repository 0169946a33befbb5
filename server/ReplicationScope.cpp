#include "ReplicationScope.h"

namespace fieldline::server {

namespace {

/** The cell's text, or an empty string when the row has no such cell or it holds something else. */
QString textCell(const sync::RowState &row, const QString &column)
{
    const sync::CellState *cell = row.cell(column);
    if (!cell)
        return {};
    const QString *text = std::get_if<QString>(&cell->value);
    return text ? *text : QString();
}

} // namespace

ReplicationScope ReplicationScope::of(const Identity &identity)
{
    if (identity.role == Role::Manager || identity.role == Role::Admin)
        return everything();
    ReplicationScope scope;
    scope.m_login = identity.login;
    scope.m_territories = identity.territories;
    return scope;
}

ReplicationScope ReplicationScope::everything()
{
    ReplicationScope scope;
    scope.m_everything = true;
    return scope;
}

bool ReplicationScope::sees(const sync::RowState &row) const
{
    if (m_everything)
        return true;
    static const QString ownerColumn = QStringLiteral("owner");
    static const QString territoryColumn = QStringLiteral("territory");
    const QString owner = textCell(row, ownerColumn);
    const QString territory = textCell(row, territoryColumn);
    if (owner.isEmpty() && territory.isEmpty())
        return true;
    return (!owner.isEmpty() && owner == m_login) || (!territory.isEmpty() && m_territories.contains(territory));
}

bool ReplicationScope::isTerritoryName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64 || name.trimmed() != name)
        return false;
    for (QChar c : name) {
        if (c == QLatin1Char(',') || c.category() == QChar::Other_Control)
            return false;
    }
    return true;
}

} // namespace fieldline::server
