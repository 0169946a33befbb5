#include "sync/CrdtStore.h"

namespace fieldline::sync {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Statement;
using storage::Status;

namespace {

// WITHOUT ROWID: every lookup is by the natural key, so the key is the table (one b-tree per write, not two).
constexpr const char *Ddl = "CREATE TABLE IF NOT EXISTS crdt_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
                            "CREATE TABLE IF NOT EXISTS crdt_rows(tbl TEXT NOT NULL, row_id BLOB NOT NULL,"
                            " cl INTEGER NOT NULL, hlc INTEGER NOT NULL, site BLOB NOT NULL, seq INTEGER NOT NULL,"
                            " PRIMARY KEY(tbl, row_id)) WITHOUT ROWID;"
                            "CREATE INDEX IF NOT EXISTS crdt_rows_seq ON crdt_rows(seq) WHERE seq > 0;"
                            "CREATE TABLE IF NOT EXISTS crdt_cells(tbl TEXT NOT NULL, row_id BLOB NOT NULL,"
                            " col TEXT NOT NULL, value, cl INTEGER NOT NULL, hlc INTEGER NOT NULL,"
                            " site BLOB NOT NULL, seq INTEGER NOT NULL,"
                            " PRIMARY KEY(tbl, row_id, col)) WITHOUT ROWID;"
                            "CREATE INDEX IF NOT EXISTS crdt_cells_seq ON crdt_cells(seq) WHERE seq > 0;";

// Row-value comparison is the (cl, hlc, site) total order; BLOBs compare as memcmp, like ByteId.
constexpr const char *MergeCell =
    "INSERT INTO crdt_cells(tbl, row_id, col, value, cl, hlc, site, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT(tbl, row_id, col) DO UPDATE SET value = excluded.value, cl = excluded.cl, hlc = excluded.hlc,"
    " site = excluded.site, seq = excluded.seq "
    "WHERE (excluded.cl, excluded.hlc, excluded.site) > (crdt_cells.cl, crdt_cells.hlc, crdt_cells.site)";

constexpr const char *MergeRow =
    "INSERT INTO crdt_rows(tbl, row_id, cl, hlc, site, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
    "ON CONFLICT(tbl, row_id) DO UPDATE SET cl = excluded.cl, hlc = excluded.hlc, site = excluded.site,"
    " seq = excluded.seq "
    "WHERE (excluded.cl, excluded.hlc, excluded.site) > (crdt_rows.cl, crdt_rows.hlc, crdt_rows.site)";

Stamp readStamp(const Statement &stmt, int first)
{
    return Stamp{stmt.int64(first), stmt.int64(first + 1), ByteId::fromBytes(stmt.blob(first + 2)).value_or(ByteId())};
}

} // namespace

CrdtStore::CrdtStore(storage::Database &db)
    : m_db(db)
{}

Status CrdtStore::createTables()
{
    return m_db.exec(Ddl);
}

Result<CrdtStore::Meta> CrdtStore::loadMeta(const SiteId &newSite)
{
    Meta meta;
    Result<Statement *> get = m_db.prepare("SELECT key, value FROM crdt_meta");
    if (!get)
        return get.error();
    bool haveSite = false;
    for (;;) {
        Result<bool> row = (*get)->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const QString key = (*get)->text(0);
        if (key == QLatin1String("site")) {
            if (auto site = ByteId::fromBytes((*get)->blob(1))) {
                meta.site = *site;
                haveSite = true;
            }
        } else if (key == QLatin1String("seq")) {
            meta.lastSeq = (*get)->int64(1);
        } else if (key == QLatin1String("hlc")) {
            meta.lastHlc = (*get)->int64(1);
        }
    }
    if (!haveSite) {
        Result<Statement *> put = m_db.prepare("INSERT INTO crdt_meta(key, value) VALUES ('site', ?1)");
        if (!put)
            return put.error();
        if (Status s = (*put)->bind(1, newSite.toBytes()).run(); !s)
            return s.error();
        meta.site = newSite;
    }
    return meta;
}

Status CrdtStore::saveCounters(qint64 lastSeq, qint64 lastHlc)
{
    Result<Statement *> put =
        m_db.prepare("INSERT OR REPLACE INTO crdt_meta(key, value) VALUES ('seq', ?1), ('hlc', ?2)");
    if (!put)
        return put.error();
    return (*put)->bind(1, lastSeq).bind(2, lastHlc).run();
}

Result<bool> CrdtStore::mergeCell(const Change &change, qint64 seq)
{
    Result<Statement *> stmt = m_db.prepare(MergeCell);
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, change.table).bind(2, change.row.toBytes()).bind(3, change.column);
    bindValue(s, 4, change.value);
    s.bind(5, change.stamp.cl).bind(6, change.stamp.hlc).bind(7, change.stamp.site.toBytes()).bind(8, seq);
    if (Status run = s.run(); !run)
        return run.error();
    return m_db.changes() > 0;
}

Result<bool> CrdtStore::mergeRow(const QString &table, const RowId &row, const Stamp &stamp, qint64 seq)
{
    Result<Statement *> stmt = m_db.prepare(MergeRow);
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, table).bind(2, row.toBytes()).bind(3, stamp.cl).bind(4, stamp.hlc);
    (*stmt)->bind(5, stamp.site.toBytes()).bind(6, seq);
    if (Status run = (*stmt)->run(); !run)
        return run.error();
    return m_db.changes() > 0;
}

Result<std::optional<qint64>> CrdtStore::causalLength(const QString &table, const RowId &row)
{
    Result<Statement *> stmt = m_db.prepare("SELECT cl FROM crdt_rows WHERE tbl = ?1 AND row_id = ?2");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, table).bind(2, row.toBytes());
    Result<bool> found = (*stmt)->step();
    if (!found)
        return found.error();
    std::optional<qint64> cl;
    if (*found)
        cl = (*stmt)->int64(0);
    (*stmt)->reset();
    return cl;
}

Result<std::vector<std::pair<RowId, qint64>>> CrdtStore::rows(const QString &table)
{
    Result<Statement *> stmt = m_db.prepare("SELECT row_id, cl FROM crdt_rows WHERE tbl = ?1 ORDER BY row_id");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, table);
    std::vector<std::pair<RowId, qint64>> out;
    for (;;) {
        Result<bool> row = (*stmt)->step();
        if (!row)
            return row.error();
        if (!*row)
            return out;
        out.emplace_back(ByteId::fromBytes((*stmt)->blob(0)).value_or(ByteId()), (*stmt)->int64(1));
    }
}

Result<ChangeBatch> CrdtStore::changesSince(qint64 since)
{
    // "seq > 0" repeats the partial indexes' condition so the planner may use them with a bound parameter,
    // which also yields seq order without sorting.
    ChangeBatch rowChanges;
    Result<Statement *> rowsStmt =
        m_db.prepare("SELECT tbl, row_id, cl, hlc, site, seq FROM crdt_rows WHERE seq > ?1 AND seq > 0 ORDER BY seq");
    if (!rowsStmt)
        return rowsStmt.error();
    (*rowsStmt)->bind(1, since);
    for (;;) {
        Result<bool> row = (*rowsStmt)->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const Statement &s = **rowsStmt;
        rowChanges.push_back(Change{
            s.text(0), ByteId::fromBytes(s.blob(1)).value_or(ByteId()), QString(), {}, readStamp(s, 2), s.int64(5)});
    }
    ChangeBatch cellChanges;
    Result<Statement *> cells = m_db.prepare("SELECT tbl, row_id, col, typeof(value), value, cl, hlc, site, seq"
                                             " FROM crdt_cells WHERE seq > ?1 AND seq > 0 ORDER BY seq");
    if (!cells)
        return cells.error();
    (*cells)->bind(1, since);
    for (;;) {
        Result<bool> row = (*cells)->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const Statement &s = **cells;
        cellChanges.push_back(Change{s.text(0), ByteId::fromBytes(s.blob(1)).value_or(ByteId()), s.text(2),
                                     readValue(s, 3, 4), readStamp(s, 5), s.int64(8)});
    }
    // Merge by seq, row changes first within one seq: a receiver then learns a resurrection before the cells
    // written with it.
    ChangeBatch out;
    out.reserve(rowChanges.size() + cellChanges.size());
    size_t r = 0;
    size_t c = 0;
    while (r < rowChanges.size() || c < cellChanges.size()) {
        const bool takeRow =
            c == cellChanges.size() || (r < rowChanges.size() && rowChanges[r].seq <= cellChanges[c].seq);
        out.push_back(std::move(takeRow ? rowChanges[r++] : cellChanges[c++]));
    }
    return out;
}

} // namespace fieldline::sync
