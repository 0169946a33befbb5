#include "CsvExport.h"

#include "CellParser.h"
#include "CsvWriter.h"
#include "app/csv/FormulaGuard.h"

namespace fieldline::server {

QByteArray exportCsv(const ImportTable &table, const std::vector<SyncStore::StoredRow> &rows)
{
    CsvWriter writer;
    QStringList header{idColumnName()};
    for (const ImportColumn &column : table.columns)
        header.append(column.name);
    writer.addRecord(header);
    for (const SyncStore::StoredRow &row : rows) {
        if (!row.state.alive())
            continue;
        QStringList fields{row.id.toHex()};
        for (const ImportColumn &column : table.columns) {
            // A cell from an earlier life of the row is not part of the row any more.
            const sync::CellState *cell = row.state.liveCell(column.name);
            // Opened in a spreadsheet, text typed on a device must not run as a formula.
            fields.append(cell ? csv::FormulaGuard::guard(formatCell(cell->value)) : QString());
        }
        writer.addRecord(fields);
    }
    return writer.data();
}

} // namespace fieldline::server
