#pragma once

#include "CellParser.h"
#include "CsvReader.h"
#include "ImportSchema.h"
#include "SyncStore.h"
#include "sync/Change.h"
#include "sync/Clock.h"

#include <map>
#include <optional>
#include <vector>

namespace fieldline::server {

/** What an import wrote: the changes for SyncStore::writeAsServer and how many rows each way. */
struct ImportPlan
{
    sync::ChangeBatch changes;
    int created = 0;
    int updated = 0;
    int unchanged = 0;
    /** Rows that would break a rule across columns (ImportTable::checkRow); the caller imports nothing then. */
    std::vector<CsvProblem> problems;
};

/**
 * Checks a CSV file against one table and turns it into server writes.
 *
 * check() validates everything first (header, field counts, every cell, ids repeated within the file) and lists a
 * problem for every bad line; a caller imports nothing unless the list is empty, so a file goes in whole or not
 * at all. plan() then compares the rows with what the tenant stores: a row with an id that exists is updated
 * (only the cells that differ, so importing the same file twice writes nothing the second time), a row
 * without an id is created with a fresh one (or the one its key columns derive, ImportTable::idOf), and a deleted
 * row named by id comes back to life. Columns the file does not name are left as they are. Rules across columns
 * (ImportTable::checkRow) are checked on each row as plan() would leave it.
 */
class CsvImport
{
public:
    /** The site that stamps imported writes, so a device's sync log shows where a value came from. */
    static sync::SiteId importSite();

    CsvImport(const ImportTable &table, const CellParser &cells);

    /** False when the file has problems; problems() lists them in line order. */
    bool check(const CsvDocument &document);
    const std::vector<CsvProblem> &problems() const { return m_problems; }
    qsizetype rowCount() const { return qsizetype(m_rows.size()); }
    /** True when some row names its id (or has one derived, ImportTable::idOf), so plan() needs those rows. */
    bool namesIds() const { return !m_idLines.empty(); }
    /** The ids rows name: plan() needs the stored rows with these ids. */
    std::vector<sync::RowId> namedIds() const;

    /**
     * The writes that make the tenant's rows match the file. Stamps come from one tick of a hybrid logical
     * clock raised past every stamp of the rows it touches, so the file wins over earlier edits.
     */
    ImportPlan plan(const std::vector<SyncStore::StoredRow> &stored, const sync::Clock &clock) const;

private:
    struct Row
    {
        qsizetype line = 0;
        std::optional<sync::RowId> id;
        std::vector<std::pair<QString, sync::Value>> cells;
    };

    bool checkHeader(const CsvRecord &header);
    void checkRecord(const CsvRecord &record);
    /** Adds the zone of the contact the row names (ImportTable::zoneOf); false, with a problem, when it has none. */
    bool addZone(Row &row);
    /**
     * Checks that no earlier line has the row's key columns, and gives a row without an id the one they derive;
     * false, with a problem, when a line had either.
     */
    bool deriveId(Row &row);
    /** @p row's changes in @p plan: the cells that differ from @p current, or a new life of the row. */
    void planRow(const Row &row, const sync::RowState *current, qint64 now, ImportPlan &plan) const;
    void sortProblems();
    void problem(qsizetype line, const QString &message) { m_problems.push_back({line, message}); }

    const ImportTable &m_table;
    const CellParser &m_cells;
    std::vector<const ImportColumn *> m_columns; ///< per header field; nullptr for the id column
    std::map<sync::RowId, qsizetype> m_idLines;
    std::map<QByteArray, qsizetype> m_keyLines; ///< key columns' ids, joined (ImportTable::keyColumns)
    std::vector<Row> m_rows;
    std::vector<CsvProblem> m_problems;
};

} // namespace fieldline::server
