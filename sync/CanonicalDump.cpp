#include "sync/CanonicalDump.h"

#include "sync/Value.h"

#include <algorithm>
#include <memory>

namespace fieldline::sync {

using storage::Result;
using storage::Statement;
using storage::Status;

namespace {

/** Appends one line per result row; each line is the columns' canonical values joined by spaces. */
Status appendQuery(storage::Database &db, const QByteArray &prefix, const QString &sql, QByteArray &out)
{
    Result<std::unique_ptr<Statement>> stmt = db.prepareUncached(sql.toUtf8().constData());
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    for (;;) {
        Result<bool> row = s.step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        out += prefix;
        // Even columns hold typeof(), odd ones the value (see the SELECTs below).
        for (int c = 0; c + 1 < s.columnCount(); c += 2)
            out += ' ' + canonicalValue(readValue(s, c, c + 1));
        out += '\n';
    }
}

QString typed(const QString &column)
{
    return QStringLiteral("typeof(%1), %1").arg(column);
}

} // namespace

Result<QByteArray> CanonicalDump::of(storage::Database &db, const SyncSchema &schema)
{
    QByteArray out;
    // Row stamps other than cl are bookkeeping (they may hold a cell's stamp); the causal length is the state.
    const QString rows = QStringLiteral("SELECT %1, %2, %3, %4 FROM crdt_rows ORDER BY tbl, row_id")
                             .arg(typed(QStringLiteral("tbl")), typed(QStringLiteral("row_id")),
                                  typed(QStringLiteral("cl")), typed(QStringLiteral("cl % 2")));
    if (Status s = appendQuery(db, "row", rows, out); !s)
        return s.error();
    const QString cells =
        QStringLiteral("SELECT %1, %2, %3, %4, %5, %6, %7 FROM crdt_cells ORDER BY tbl, row_id, col")
            .arg(typed(QStringLiteral("tbl")), typed(QStringLiteral("row_id")), typed(QStringLiteral("col")),
                 typed(QStringLiteral("value")), typed(QStringLiteral("cl")), typed(QStringLiteral("hlc")),
                 typed(QStringLiteral("site")));
    if (Status s = appendQuery(db, "cell", cells, out); !s)
        return s.error();
    std::vector<const TableSchema *> tables;
    for (const TableSchema &t : schema.tables)
        tables.push_back(&t);
    std::sort(tables.begin(), tables.end(), [](auto *a, auto *b) { return a->name < b->name; });
    for (const TableSchema *t : tables) {
        QString select = typed(QStringLiteral("id"));
        for (const ColumnSchema &c : t->columns)
            select += QStringLiteral(", ") + typed(QStringLiteral("\"%1\"").arg(c.name));
        const QString visible = QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY id").arg(select, t->name);
        if (Status s = appendQuery(db, "visible " + t->name.toUtf8(), visible, out); !s)
            return s.error();
    }
    return out;
}

} // namespace fieldline::sync
