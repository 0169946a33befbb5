#pragma once

#include "TenantStore.h"
#include "sync/RowState.h"

#include <QString>
#include <QStringList>

namespace fieldline::server {

/**
 * Which synced rows a user receives and may change (DESIGN.md section 3, partial replication).
 *
 * A row's scope is read from two of its cells: `owner` (a login) and `territory` (a territory name). A row with
 * neither is tenant-wide (the product catalog, unassigned contacts). Agents and field staff see tenant-wide rows,
 * rows they own and rows of their territories; managers and administrators see every row of the tenant.
 */
class ReplicationScope
{
public:
    static ReplicationScope of(const Identity &identity);
    /** Every row of the tenant: the server's own work, and managers and administrators. */
    static ReplicationScope everything();

    bool coversEverything() const { return m_everything; }
    /** Whether the user receives @p row as it is now (deleted rows included: their tombstones travel too). */
    bool sees(const sync::RowState &row) const;

    /** Territory names are plain words: 1 to 64 characters, no line breaks or commas (see TerritoryList). */
    static bool isTerritoryName(const QString &name);

private:
    bool m_everything = false;
    QString m_login;
    QStringList m_territories;
};

} // namespace fieldline::server
