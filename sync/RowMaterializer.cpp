#include "sync/RowMaterializer.h"

namespace fieldline::sync {

using storage::Result;
using storage::Statement;
using storage::Status;

RowMaterializer::RowMaterializer(storage::Database &db, const SyncSchema &schema)
    : m_db(db)
    , m_schema(schema)
{
    // Names are validated identifiers (SyncSchema::validate), so splicing them is safe. Each column's value is
    // a primary-key lookup in crdt_cells done inside SQLite: no value crosses into C++ on this hot path.
    for (const TableSchema &t : m_schema.tables) {
        QString columns;
        QString values;
        QString updates;
        for (const ColumnSchema &c : t.columns) {
            columns += QStringLiteral(", \"%1\"").arg(c.name);
            values += QStringLiteral(", (SELECT value FROM crdt_cells WHERE tbl = '%1' AND row_id = ?1 AND col = '%2')")
                          .arg(t.name, c.name);
            updates += QStringLiteral("%1\"%2\" = excluded.\"%2\"")
                           .arg(updates.isEmpty() ? QString() : QStringLiteral(", "), c.name);
        }
        const QString conflict =
            updates.isEmpty() ? QStringLiteral("DO NOTHING") : QString(QStringLiteral("DO UPDATE SET ") + updates);
        const QString upsert = QStringLiteral("INSERT INTO \"%1\"(id%2) VALUES (?1%3) ON CONFLICT(id) %4")
                                   .arg(t.name, columns, values, conflict);
        m_sql[t.name] = Sql{upsert.toUtf8(), QStringLiteral("DELETE FROM \"%1\" WHERE id = ?1").arg(t.name).toUtf8()};
    }
}

Status RowMaterializer::createTables()
{
    for (const TableSchema &t : m_schema.tables) {
        QString ddl = QStringLiteral("CREATE TABLE IF NOT EXISTS \"%1\"(id BLOB PRIMARY KEY NOT NULL").arg(t.name);
        for (const ColumnSchema &c : t.columns)
            ddl += QStringLiteral(", \"%1\" %2").arg(c.name, c.sqlType);
        ddl += QStringLiteral(") WITHOUT ROWID");
        if (Status s = m_db.exec(ddl.toUtf8().constData()); !s)
            return s;
    }
    return {};
}

Status RowMaterializer::refresh(const TableSchema &table, const RowId &row, bool alive)
{
    const Sql &sql = m_sql.at(table.name);
    Result<Statement *> stmt = m_db.prepare(alive ? sql.upsert.constData() : sql.remove.constData());
    if (!stmt)
        return stmt.error();
    return (*stmt)->bind(1, row.toBytes()).run();
}

} // namespace fieldline::sync
