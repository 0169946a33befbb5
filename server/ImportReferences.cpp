#include "ImportReferences.h"

#include "app/telemarketing/CallingHours.h"

#include <algorithm>
#include <map>

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

NamedReferences namedReferences(const ImportTable &table, const CsvDocument &document)
{
    NamedReferences named;
    if (document.records.empty())
        return named;
    const CsvRecord &header = document.records.front();
    for (qsizetype field = 0; field < header.fields.size(); ++field) {
        const ImportColumn *column = table.column(header.fields[field].trimmed().toLower());
        if (!column || column->kind != CellKind::Reference)
            continue;
        std::vector<sync::RowId> &ids = named[column->references];
        for (size_t i = 1; i < document.records.size(); ++i) {
            const QStringList &fields = document.records[i].fields;
            const QString text = field < fields.size() ? fields[field].trimmed() : QString();
            // Anything else is refused by CellParser with the line's number.
            if (auto id = text.size() == 2 * sync::RowId::Size
                              ? sync::RowId::fromBytes(QByteArray::fromHex(text.toLatin1()))
                              : std::nullopt)
                ids.push_back(*id);
        }
    }
    for (auto &[referenced, ids] : named) {
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    }
    return named;
}

storage::Result<ReferenceIndex> loadImportReferences(SyncStore &sync, qint64 tenantId, const NamedReferences &named)
{
    ReferenceIndex index;
    for (const auto &[referenced, ids] : named) {
        auto rows = sync.rows(tenantId, referenced, ids);
        if (!rows)
            return rows.error();
        QHash<QByteArray, QString> &known = index[referenced];
        const bool contacts = referenced == QLatin1String("contacts");
        for (const SyncStore::StoredRow &row : rows.value()) {
            if (!row.state.alive())
                continue;
            known.insert(row.id.toBytes(),
                         contacts ? telemarketing::ZoneKey::of(liveText(row.state, QStringLiteral("time_zone")),
                                                               liveText(row.state, QStringLiteral("phone")))
                                  : QString());
        }
    }
    return index;
}

} // namespace fieldline::server
