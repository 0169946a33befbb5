#pragma once

#include "StatementCache.h"

#include "storage/Error.h"

#include <QVariant>

#include <array>
#include <vector>

namespace fieldline::server {

/**
 * The `sync_rows` records one write saves, sent up to 64 to a statement, and fewer when their cells are large. On
 * PostgreSQL every statement is a round trip: with 50,000 imported rows saved one statement each, the server's event
 * loop answered nothing for 10-12 s, against about 3 s this way.
 *
 * Each row appears once per write (SyncStore merges a row's changes first): one multi-row upsert may not touch
 * the same row twice on PostgreSQL.
 */
class SyncRowWrites
{
public:
    /** The columns of one record, in the order of `Columns`. */
    using Values = std::array<QVariant, 10>;
    static constexpr const char *Columns =
        "tenant_id, tbl, row_id, cl, hlc, site, rec_seq, cells, server_seq, schema_version";
    static constexpr size_t CellsColumn = 7;
    /**
     * Cell bytes queued before they are written, however few the rows: a row may hold up to RowState::MaxBytes, and
     * Qt's PostgreSQL driver sends bytes as hex text inside the statement.
     */
    static constexpr qsizetype MaxQueuedBytes = 4 << 20;

    explicit SyncRowWrites(StatementCache &statements);

    /** Queues a record, writing the queue once it holds a full statement's worth. */
    storage::Status add(Values values);
    /** Writes what is queued: the write is complete only after this. */
    storage::Status finish();

private:
    storage::Status write(size_t count);

    StatementCache &m_statements;
    std::vector<Values> m_pending;
    qsizetype m_pendingBytes = 0;
};

} // namespace fieldline::server
