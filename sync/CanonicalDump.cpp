#include "sync/CanonicalDump.h"

#include "sync/RowState.h"
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

Status appendCrdtState(storage::Database &db, QByteArray &out)
{
    Result<std::unique_ptr<Statement>> stmt =
        db.prepareUncached("SELECT tbl, row_id, cl, cells FROM crdt_rows ORDER BY tbl, row_id");
    if (!stmt)
        return stmt.error();
    Statement &s = **stmt;
    std::vector<CellState> cells;
    for (;;) {
        Result<bool> row = s.step();
        if (!row)
            return row.error();
        if (!*row)
            return {};
        const QByteArray key = canonicalValue(s.text(0)) + ' ' + canonicalValue(s.blob(1));
        const qint64 cl = s.int64(2);
        // The record's hlc and site are bookkeeping (they may come from a cell); the causal length is the state.
        out += "row " + key + ' ' + canonicalValue(cl) + ' ' + canonicalValue(qint64(cl % 2)) + '\n';
        if (Status decoded = RowState::decodeCells(s.blob(3), cells); !decoded)
            return decoded;
        for (const CellState &c : cells) {
            out += "cell " + key + ' ' + canonicalValue(c.column) + ' ' + canonicalValue(c.value) + ' ' +
                   canonicalValue(c.stamp.cl) + ' ' + canonicalValue(c.stamp.hlc) + ' ' +
                   canonicalValue(c.stamp.site.toBytes()) + '\n';
        }
    }
}

} // namespace

Result<QByteArray> CanonicalDump::of(storage::Database &db, const SyncSchema &schema)
{
    QByteArray out;
    if (Status s = appendCrdtState(db, out); !s)
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
