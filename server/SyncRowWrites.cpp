#include "SyncRowWrites.h"

#include "BatchStatements.h"
#include "SqlSupport.h"

namespace fieldline::server {

namespace {

QByteArray upsertSql(size_t rows)
{
    QByteArray sql = QByteArray("INSERT INTO sync_rows (") + SyncRowWrites::Columns + ") VALUES " +
                     QByteArrayList(qsizetype(rows), "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
    sql += " ON CONFLICT (tenant_id, tbl, row_id) DO UPDATE SET cl = excluded.cl, hlc = excluded.hlc,"
           " site = excluded.site, rec_seq = excluded.rec_seq, cells = excluded.cells,"
           " server_seq = excluded.server_seq, schema_version = excluded.schema_version";
    return sql;
}

const BatchStatements &upserts()
{
    static const BatchStatements statements(upsertSql);
    return statements;
}

constexpr size_t Full = BatchStatements::Sizes.front();

} // namespace

SyncRowWrites::SyncRowWrites(StatementCache &statements)
    : m_statements(statements)
{
    m_pending.reserve(Full);
}

storage::Status SyncRowWrites::add(Values values)
{
    m_pendingBytes += values[CellsColumn].toByteArray().size();
    m_pending.push_back(std::move(values));
    if (m_pending.size() >= Full)
        return write(Full);
    return m_pendingBytes >= MaxQueuedBytes ? finish() : storage::Status();
}

storage::Status SyncRowWrites::finish()
{
    while (!m_pending.empty()) {
        if (storage::Status written = write(BatchStatements::within(m_pending.size())); !written)
            return written;
    }
    return {};
}

storage::Status SyncRowWrites::write(size_t count)
{
    QSqlQuery &query = m_statements.get(upserts().text(count));
    for (size_t i = 0; i < count; ++i) {
        for (const QVariant &value : m_pending[i])
            query.addBindValue(value);
    }
    if (!query.exec())
        return queryError(query, QStringLiteral("Cannot save rows"));
    m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(count));
    if (m_pending.empty()) // add() and finish() write until the queue is empty
        m_pendingBytes = 0;
    return {};
}

} // namespace fieldline::server
