#include "SyncRowWrites.h"

#include "SqlSupport.h"

#include <QByteArray>

namespace fieldline::server {

namespace {

constexpr size_t Full = 64;
/** The statement sizes a queue is written with: full ones, then what is left in eights and ones. */
constexpr std::array<size_t, 3> Sizes{Full, 8, 1};

QByteArray upsertSql(size_t rows)
{
    QByteArray sql = QByteArray("INSERT INTO sync_rows (") + SyncRowWrites::Columns + ") VALUES ";
    const QByteArray one("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t i = 0; i < rows; ++i)
        sql += (i == 0 ? QByteArray() : QByteArray(", ")) + one;
    sql += " ON CONFLICT (tenant_id, tbl, row_id) DO UPDATE SET cl = excluded.cl, hlc = excluded.hlc,"
           " site = excluded.site, rec_seq = excluded.rec_seq, cells = excluded.cells,"
           " server_seq = excluded.server_seq, schema_version = excluded.schema_version";
    return sql;
}

/** The statement for @p rows records; its text lives as long as the process, as StatementCache needs. */
const char *upsertFor(size_t rows)
{
    static const std::array<QByteArray, Sizes.size()> texts{upsertSql(Sizes[0]), upsertSql(Sizes[1]),
                                                            upsertSql(Sizes[2])};
    for (size_t i = 0; i < Sizes.size(); ++i) {
        if (Sizes[i] == rows)
            return texts[i].constData();
    }
    Q_UNREACHABLE();
    return nullptr;
}

} // namespace

SyncRowWrites::SyncRowWrites(StatementCache &statements)
    : m_statements(statements)
{
    m_pending.reserve(Full);
}

storage::Status SyncRowWrites::add(Values values)
{
    m_pending.push_back(std::move(values));
    if (m_pending.size() < Full)
        return {};
    return write(Full);
}

storage::Status SyncRowWrites::finish()
{
    for (size_t size : Sizes) {
        while (m_pending.size() >= size) {
            if (storage::Status written = write(size); !written)
                return written;
        }
    }
    return {};
}

storage::Status SyncRowWrites::write(size_t count)
{
    QSqlQuery &query = m_statements.get(upsertFor(count));
    for (size_t i = 0; i < count; ++i) {
        for (const QVariant &value : m_pending[i])
            query.addBindValue(value);
    }
    if (!query.exec())
        return queryError(query, QStringLiteral("Cannot save rows"));
    m_pending.erase(m_pending.begin(), m_pending.begin() + qsizetype(count));
    return {};
}

} // namespace fieldline::server
