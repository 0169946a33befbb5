#include "sync/RowMaterializer.h"

#include <QStringList>

namespace fieldline::sync {

using storage::Result;
using storage::Statement;
using storage::Status;

namespace {

/**
 * How column @p c is declared in the user table. A column of REAL affinity (SQLite's rules: no INT, CHAR, CLOB,
 * TEXT or BLOB in the type, and REAL, FLOA or DOUB) is declared without a type: REAL affinity stores an integral
 * double as an integer, which turns -0.0 into 0, while a column without a type keeps each double as it was written.
 */
QString declaration(const ColumnSchema &c)
{
    const QString type = c.sqlType.toUpper();
    const auto has = [&type](const char *part) { return type.contains(QLatin1String(part)); };
    const bool real = !has("INT") && !has("CHAR") && !has("CLOB") && !has("TEXT") && !has("BLOB") &&
                      (has("REAL") || has("FLOA") || has("DOUB"));
    return real ? QString() : c.sqlType;
}

} // namespace

RowMaterializer::RowMaterializer(storage::Database &db, const SyncSchema &schema)
    : m_db(db)
    , m_schema(schema)
{
    // Names are validated identifiers (SyncSchema::validate), so splicing them is safe.
    for (const TableSchema &t : m_schema.tables) {
        QString columns;
        QString values;
        QString updates;
        int parameter = 1;
        for (const ColumnSchema &c : t.columns) {
            columns += QStringLiteral(", \"%1\"").arg(c.name);
            values += QStringLiteral(", ?%1").arg(++parameter);
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

Result<std::vector<QString>> RowMaterializer::createTables()
{
    // A rowid table with a unique id rather than WITHOUT ROWID keyed by the random id: new rows append at the
    // end of the table b-tree and only the small id index takes random inserts (2.5x faster bulk apply).
    std::vector<QString> widened;
    for (const TableSchema &t : m_schema.tables) {
        Result<std::unique_ptr<Statement>> info = m_db.prepareUncached(
            QStringLiteral("SELECT name FROM pragma_table_info('%1')").arg(t.name).toUtf8().constData());
        if (!info)
            return info.error();
        QStringList present;
        if (Status s = (*info)->forEachRow([&](const Statement &row) { present.append(row.text(0).toLower()); }); !s)
            return s.error();
        // A table new to this file may still have rows: ones received while the build before did not know it.
        bool added = present.isEmpty();
        QString ddl = QStringLiteral("CREATE TABLE IF NOT EXISTS \"%1\"(id BLOB NOT NULL UNIQUE").arg(t.name);
        for (const ColumnSchema &c : t.columns) {
            ddl += QStringLiteral(", \"%1\" %2").arg(c.name, declaration(c));
            if (added)
                present.append(c.name.toLower());
        }
        ddl += QStringLiteral(")");
        if (Status s = m_db.exec(ddl.toUtf8().constData()); !s)
            return s.error();
        for (const ColumnSchema &c : t.columns) {
            if (present.contains(c.name.toLower()))
                continue;
            const QString alter =
                QStringLiteral("ALTER TABLE \"%1\" ADD COLUMN \"%2\" %3").arg(t.name, c.name, declaration(c));
            if (Status s = m_db.exec(alter.toUtf8().constData()); !s)
                return s.error();
            added = true;
        }
        if (added)
            widened.push_back(t.name);
    }
    return widened;
}

Status RowMaterializer::refresh(const TableSchema &table, const RowId &row, const RowState &state)
{
    const bool alive = state.alive();
    Sql &sql = m_sql.at(table.name);
    Statement *&slot = alive ? sql.upsertStmt : sql.removeStmt;
    if (!slot) {
        Result<Statement *> stmt = m_db.prepare(alive ? sql.upsert.constData() : sql.remove.constData());
        if (!stmt)
            return stmt.error();
        slot = *stmt;
    }
    slot->reset();
    slot->bind(1, row.toBytes());
    if (alive) {
        // A column with no cell yet reads as NULL, like a column added by a migration.
        for (size_t i = 0; i < table.columns.size(); ++i) {
            const CellState *cell = state.cell(table.columns[i].name);
            bindValue(*slot, int(i) + 2, cell ? cell->value : Value());
        }
    }
    return slot->run();
}

} // namespace fieldline::sync
