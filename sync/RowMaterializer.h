#pragma once

#include "storage/Database.h"
#include "sync/ByteId.h"
#include "sync/RowState.h"
#include "sync/SyncSchema.h"

#include <map>
#include <vector>

namespace fieldline::sync {

/**
 * Keeps the user-visible tables equal to what the CRDT cells say: an alive row holds the winning value of each
 * known column, a deleted row is absent. Cells for columns this build does not know stay in `crdt_rows` only.
 *
 * Rebuilding a whole row from its state (rather than patching single columns) makes local writes and remote
 * applies share one path, whatever order the cells arrived in.
 */
class RowMaterializer
{
public:
    RowMaterializer(storage::Database &db, const SyncSchema &schema);

    /**
     * Creates each synced table (`id BLOB NOT NULL UNIQUE` plus its columns) if missing, and adds the columns a
     * newer schema declared to a table that exists (migrations are additive). Returns the tables created or that
     * gained columns: their rows must be refreshed, since rows of a table, or cells of a column, may have arrived
     * before this build knew them.
     */
    storage::Result<std::vector<QString>> createTables();
    /** Re-derives one row of @p table from its CRDT state: upserted when alive, deleted otherwise. */
    storage::Status refresh(const TableSchema &table, const RowId &row, const RowState &state);

private:
    struct Sql
    {
        QByteArray upsert;
        QByteArray remove;
        storage::Statement *upsertStmt = nullptr; ///< prepared on first use, owned by the Database's cache
        storage::Statement *removeStmt = nullptr;
    };

    storage::Database &m_db;
    const SyncSchema &m_schema;
    std::map<QString, Sql> m_sql;
};

} // namespace fieldline::sync
