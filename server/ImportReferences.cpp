#include "ImportReferences.h"

#include "app/telemarketing/CallingHours.h"

namespace fieldline::server {

namespace {

/** The text of a cell of the row's current life, or empty. */
QString liveText(const sync::RowState &row, const QString &column)
{
    const sync::CellState *cell = row.liveCell(column);
    if (!cell)
        return QString();
    const auto *text = std::get_if<QString>(&cell->value);
    return text ? *text : QString();
}

} // namespace

storage::Result<ReferenceIndex> loadImportReferences(SyncStore &sync, qint64 tenantId, const ImportTable &table)
{
    ReferenceIndex index;
    for (const ImportColumn &column : table.columns) {
        if (column.kind != CellKind::Reference || index.contains(column.references))
            continue;
        auto rows = sync.rows(tenantId, column.references);
        if (!rows)
            return rows.error();
        QHash<QByteArray, QString> &ids = index[column.references];
        const bool contacts = column.references == QLatin1String("contacts");
        for (const SyncStore::StoredRow &row : rows.value()) {
            if (!row.state.alive())
                continue;
            ids.insert(row.id.toBytes(),
                       contacts ? telemarketing::ZoneKey::of(liveText(row.state, QStringLiteral("time_zone")),
                                                             liveText(row.state, QStringLiteral("phone")))
                                : QString());
        }
    }
    return index;
}

} // namespace fieldline::server
