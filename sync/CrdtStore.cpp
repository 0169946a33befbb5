#include "sync/CrdtStore.h"

namespace fieldline::sync {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Statement;
using storage::Status;

namespace {

// A rowid table: new rows append at the end of the table b-tree, and only the small (tbl, row_id) index takes
// random inserts. (WITHOUT ROWID would copy whole records, cells blob included, into interior pages.)
constexpr const char *Ddl =
    "CREATE TABLE IF NOT EXISTS crdt_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS crdt_rows(id INTEGER PRIMARY KEY, tbl TEXT NOT NULL,"
    " row_id BLOB NOT NULL, cl INTEGER NOT NULL, hlc INTEGER NOT NULL, site BLOB NOT NULL,"
    " rec_seq INTEGER NOT NULL, seq INTEGER NOT NULL, cells BLOB NOT NULL, UNIQUE(tbl, row_id));"
    "CREATE INDEX IF NOT EXISTS crdt_rows_seq ON crdt_rows(seq) WHERE seq > 0;"
    // Only deleted rows are in it: finding old tombstones reads no live row.
    "CREATE INDEX IF NOT EXISTS crdt_rows_dead ON crdt_rows(hlc) WHERE cl % 2 = 0;";

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

Result<qint64> CrdtStore::storedSeq()
{
    Result<Statement *> get = m_db.prepare("SELECT value FROM crdt_meta WHERE key = 'seq'");
    if (!get)
        return get.error();
    Result<bool> row = (*get)->step();
    if (!row)
        return row.error();
    const qint64 seq = *row ? (*get)->int64(0) : 0;
    (*get)->reset();
    return seq;
}

Status CrdtStore::saveCounters(qint64 lastSeq, qint64 lastHlc)
{
    Result<Statement *> put =
        m_db.prepare("INSERT OR REPLACE INTO crdt_meta(key, value) VALUES ('seq', ?1), ('hlc', ?2)");
    if (!put)
        return put.error();
    return (*put)->bind(1, lastSeq).bind(2, lastHlc).run();
}

Result<Statement *> CrdtStore::statement(Statement *&slot, const char *sql)
{
    // Holding the pointer skips the Database cache's string-keyed lookup on a path run once per row.
    if (slot) {
        slot->reset();
        return slot;
    }
    Result<Statement *> prepared = m_db.prepare(sql);
    if (prepared)
        slot = *prepared;
    return prepared;
}

Result<RowState> CrdtStore::loadRow(const QString &table, const RowId &row)
{
    Result<Statement *> stmt =
        statement(m_load, "SELECT cl, hlc, site, rec_seq, cells FROM crdt_rows WHERE tbl = ?1 AND row_id = ?2");
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, table).bind(2, row.toBytes());
    Result<bool> found = s.step();
    if (!found)
        return found.error();
    RowState state;
    if (*found) {
        state.exists = true;
        state.stamp = readStamp(s, 0);
        state.seq = s.int64(3);
        if (Status decoded = RowState::decodeCells(s.blob(4), state.cells); !decoded)
            return decoded.error();
    }
    s.reset();
    return state;
}

Status CrdtStore::deleteRow(const QString &table, const RowId &row)
{
    Result<Statement *> remove = m_db.prepare("DELETE FROM crdt_rows WHERE tbl = ?1 AND row_id = ?2");
    if (!remove)
        return remove.error();
    return (*remove)->bind(1, table).bind(2, row.toBytes()).run();
}

Result<qint64> CrdtStore::deleteTombstones(qint64 beforeHlc, qint64 pushedSeq)
{
    Result<Statement *> remove = m_db.prepare("DELETE FROM crdt_rows WHERE cl % 2 = 0 AND hlc < ?1 AND seq <= ?2");
    if (!remove)
        return remove.error();
    if (Status s = (*remove)->bind(1, beforeHlc).bind(2, pushedSeq).run(); !s)
        return s.error();
    return qint64(m_db.changes());
}

Status CrdtStore::saveRow(const QString &table, const RowId &row, const RowState &state)
{
    // UPDATE first: most applies touch rows that exist, and an UPDATE keeps the rowid (and its page) in place.
    Result<Statement *> update =
        statement(m_update, "UPDATE crdt_rows SET cl = ?3, hlc = ?4, site = ?5, rec_seq = ?6, seq = ?7, cells = ?8"
                            " WHERE tbl = ?1 AND row_id = ?2");
    if (!update)
        return update.error();
    Statement *stmt = *update;
    for (int pass = 0; pass < 2; ++pass) {
        stmt->bind(1, table).bind(2, row.toBytes()).bind(3, state.stamp.cl).bind(4, state.stamp.hlc);
        stmt->bind(5, state.stamp.site.toBytes()).bind(6, state.seq).bind(7, state.maxSeq());
        stmt->bind(8, state.encodeCells());
        if (Status s = stmt->run(); !s)
            return s;
        if (pass == 1 || m_db.changes() > 0)
            return {};
        Result<Statement *> insert =
            statement(m_insert, "INSERT INTO crdt_rows(tbl, row_id, cl, hlc, site, rec_seq, seq, cells)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!insert)
            return insert.error();
        stmt = *insert;
    }
    return {};
}

Result<std::vector<std::pair<RowId, qint64>>> CrdtStore::rows(const QString &table)
{
    Result<Statement *> stmt = m_db.prepare("SELECT row_id, cl FROM crdt_rows WHERE tbl = ?1 ORDER BY row_id");
    if (!stmt)
        return stmt.error();
    (*stmt)->bind(1, table);
    std::vector<std::pair<RowId, qint64>> out;
    Status listed = (*stmt)->forEachRow([&](const Statement &row) {
        out.emplace_back(ByteId::fromBytes(row.blob(0)).value_or(ByteId()), row.int64(1));
    });
    if (!listed)
        return listed.error();
    return out;
}

Result<QStringList> CrdtStore::tables()
{
    Result<Statement *> stmt = m_db.prepare("SELECT DISTINCT tbl FROM crdt_rows ORDER BY tbl");
    if (!stmt)
        return stmt.error();
    QStringList out;
    if (Status listed = (*stmt)->forEachRow([&](const Statement &row) { out.append(row.text(0)); }); !listed)
        return listed.error();
    return out;
}

Result<bool> CrdtStore::holdsRows()
{
    Result<qint64> any = m_db.queryInt("SELECT EXISTS(SELECT 1 FROM crdt_rows)");
    if (!any)
        return any.error();
    return *any != 0;
}

Result<ChangeBatch> CrdtStore::changesSince(qint64 since)
{
    // "seq > 0" repeats the partial index's condition so the planner may use it with a bound parameter.
    Result<Statement *> rowsStmt = m_db.prepare(
        "SELECT tbl, row_id, cl, hlc, site, rec_seq, cells FROM crdt_rows WHERE seq > ?1 AND seq > 0 ORDER BY seq");
    if (!rowsStmt)
        return rowsStmt.error();
    Statement &s = **rowsStmt;
    s.bind(1, since);
    ChangeBatch found;
    std::vector<CellState> cells;
    for (;;) {
        Result<bool> row = s.step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        const QString table = s.text(0);
        const RowId id = ByteId::fromBytes(s.blob(1)).value_or(ByteId());
        const Stamp stamp = readStamp(s, 2);
        if (Status decoded = RowState::decodeCells(s.blob(6), cells); !decoded)
            return decoded.error();
        // The record first: a receiver then learns a resurrection before the cells written in the new life.
        if (const qint64 recordSeq = s.int64(5); recordSeq > since)
            found.push_back(Change{table, id, QString(), {}, stamp, recordSeq});
        for (CellState &c : cells) {
            if (c.seq > since)
                found.push_back(Change{table, id, std::move(c.column), std::move(c.value), c.stamp, c.seq});
        }
    }
    return found;
}

Result<qint64> CrdtStore::countChangesSince(qint64 since)
{
    Result<Statement *> stmt = m_db.prepare("SELECT rec_seq, cells FROM crdt_rows WHERE seq > ?1 AND seq > 0");
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    s.bind(1, since);
    qint64 found = 0;
    for (;;) {
        Result<bool> row = s.step();
        if (!row)
            return row.error();
        if (!*row)
            return found;
        Result<qint64> cells = RowState::countWrittenAfter(s.blob(1), since);
        if (!cells)
            return cells.error();
        found += *cells + (s.int64(0) > since);
    }
}

} // namespace fieldline::sync
