#pragma once

#include "storage/Database.h"
#include "sync/Change.h"
#include "sync/RowState.h"

#include <QStringList>

#include <utility>
#include <vector>

namespace fieldline::sync {

/**
 * The CRDT side tables of one database: one record per synced row (`crdt_rows`: causal length, the stamp that
 * set it, and the row's cells packed in a blob) and the replica's counters (`crdt_meta`).
 *
 * The outgoing change log is not a separate table: a cell or row record written locally carries the local
 * sequence number of that write, and a remote write that beats it carries 0. A row's `seq` column is the
 * highest of these, so "changes since N" is a scan of a partial index over `seq > 0`, the log compacts itself
 * (only the latest write of each cell is ever sent), and applying remote changes never echoes them.
 */
class CrdtStore
{
public:
    struct Meta
    {
        SiteId site;
        qint64 lastSeq = 0;
        qint64 lastHlc = 0;
    };

    explicit CrdtStore(storage::Database &db);

    storage::Status createTables();
    /** Reads the counters, creating the site id (@p newSite) on first use. */
    storage::Result<Meta> loadMeta(const SiteId &newSite);
    storage::Status saveCounters(qint64 lastSeq, qint64 lastHlc);
    /** The last local seq stored (0 before the first write). */
    storage::Result<qint64> storedSeq();

    /** The row's state; `exists` false for a row never seen. */
    storage::Result<RowState> loadRow(const QString &table, const RowId &row);
    storage::Status saveRow(const QString &table, const RowId &row, const RowState &state);
    storage::Status deleteRow(const QString &table, const RowId &row);
    /** Deletes the records of deleted rows stamped before @p beforeHlc with no local change after @p pushedSeq. */
    storage::Result<qint64> deleteTombstones(qint64 beforeHlc, qint64 pushedSeq);
    /** Whether any row is stored. */
    storage::Result<bool> holdsRows();
    /** Every row of @p table this replica knows, alive or not, with its causal length, ordered by id. */
    storage::Result<std::vector<std::pair<RowId, qint64>>> rows(const QString &table);
    /** The tables that hold at least one row, including tables this build does not know (from a newer release). */
    storage::Result<QStringList> tables();
    /** Local writes with seq > @p since that no remote write has superseded, row by row (record first). */
    storage::Result<ChangeBatch> changesSince(qint64 since);
    /** How many changes changesSince(@p since) would return, without building them. */
    storage::Result<qint64> countChangesSince(qint64 since);

private:
    storage::Result<storage::Statement *> statement(storage::Statement *&slot, const char *sql);

    storage::Database &m_db;
    storage::Statement *m_load = nullptr;
    storage::Statement *m_update = nullptr;
    storage::Statement *m_insert = nullptr;
};

} // namespace fieldline::sync
