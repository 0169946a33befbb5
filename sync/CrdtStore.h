#pragma once

#include "storage/Database.h"
#include "sync/Change.h"

#include <optional>
#include <utility>
#include <vector>

namespace fieldline::sync {

/**
 * The CRDT side tables of one database: per-row causal length (`crdt_rows`), per-column last-writer-wins
 * cells (`crdt_cells`) and the replica's counters (`crdt_meta`).
 *
 * The outgoing change log is not a separate table: a cell or row written locally carries the local sequence
 * number of that write in `seq`, and a remote write that beats it resets `seq` to 0. "Changes since N" is
 * then a scan of a partial index over `seq > 0`, the log compacts itself (only the latest write of each
 * cell is ever sent), and applying remote changes never echoes them.
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

    /** Stores @p change if its stamp beats the stored one; true when it did. @p seq 0 marks a remote write. */
    storage::Result<bool> mergeCell(const Change &change, qint64 seq);
    /** Raises the row's stamp (and so its causal length) to @p stamp if greater; true when it did. */
    storage::Result<bool> mergeRow(const QString &table, const RowId &row, const Stamp &stamp, qint64 seq);
    /** The row's causal length, or nullopt for a row never seen. */
    storage::Result<std::optional<qint64>> causalLength(const QString &table, const RowId &row);
    /** Every row of @p table this replica knows, alive or not, with its causal length, ordered by id. */
    storage::Result<std::vector<std::pair<RowId, qint64>>> rows(const QString &table);
    /** Local writes with seq > @p since that no remote write has superseded, in seq order. */
    storage::Result<ChangeBatch> changesSince(qint64 since);

private:
    storage::Database &m_db;
};

} // namespace fieldline::sync
