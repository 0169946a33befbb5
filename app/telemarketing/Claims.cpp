#include "app/telemarketing/Claims.h"

#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

namespace fieldline::telemarketing {

storage::Status Claims::claim(const QueuedCall &call, const QString &agent, qint64 nowMs)
{
    sync::Cells cells;
    cells.emplace_back(QStringLiteral("claimed_by"), agent);
    cells.emplace_back(QStringLiteral("claimed_until_ms"), nowMs + LeaseMs);
    return write(call, cells);
}

storage::Status Claims::release(const QueuedCall &call, const QString &agent)
{
    return write(call, released(), agent);
}

storage::Result<bool> Claims::holds(const QString &table, const sync::RowId &row, const QString &agent)
{
    auto query = m_replica.database().prepare(
        QStringLiteral("SELECT ifnull(claimed_by, '') = ?2 FROM %1 WHERE id = ?1").arg(table).toLatin1().constData());
    if (!query)
        return query.error();
    storage::Statement &statement = *query.value();
    statement.bind(1, row.toBytes()).bind(2, agent);
    storage::Result<bool> found = statement.step();
    const bool held = found && *found && statement.int64(0) != 0;
    statement.reset();
    if (!found)
        return found.error();
    return held;
}

storage::Result<qint64> Claims::confirmedUntil(const sync::RowId &member, const QString &agent, qint64 settledSeq)
{
    storage::Result<sync::RowState> row = m_replica.rowState(tables::Members, member);
    if (!row)
        return row.error();
    const sync::CellState *by = row->liveCell(QStringLiteral("claimed_by"));
    const sync::CellState *until = row->liveCell(QStringLiteral("claimed_until_ms"));
    if (!row->alive() || !by || !until || by->seq > settledSeq || until->seq > settledSeq)
        return qint64(0);
    const QString *holder = std::get_if<QString>(&by->value);
    const qint64 *untilMs = std::get_if<qint64>(&until->value);
    return holder && untilMs && *holder == agent ? *untilMs : qint64(0);
}

sync::Cells Claims::released()
{
    sync::Cells cells;
    cells.emplace_back(QStringLiteral("claimed_by"), QString());
    cells.emplace_back(QStringLiteral("claimed_until_ms"), qint64(0));
    return cells;
}

QByteArray Claims::freeFor(int agentParameter, int nowParameter)
{
    return QStringLiteral("(ifnull(claimed_by, '') IN ('', ?%1) OR ifnull(claimed_until_ms, 0) <= ?%2)")
        .arg(agentParameter)
        .arg(nowParameter)
        .toLatin1();
}

storage::Status Claims::write(const QueuedCall &call, const sync::Cells &cells, const QString &onlyIfHeldBy)
{
    // A row removed meanwhile (another device, an eviction) has nobody left to claim it from.
    const auto update = [this, &cells, &onlyIfHeldBy](const QString &table, const sync::RowId &row) {
        if (!onlyIfHeldBy.isEmpty()) {
            storage::Result<bool> held = holds(table, row, onlyIfHeldBy);
            if (!held)
                return held.status();
            if (!*held)
                return storage::Status(); // a colleague's claim by now
        }
        const storage::Status s = m_replica.update(table, row, cells);
        return s.ok() || s.error().code == storage::ErrorCode::NotFound ? storage::Status() : s;
    };
    storage::Transaction transaction(m_replica.database());
    if (!transaction.begun())
        return transaction.begun();
    if (call.member != sync::RowId()) {
        if (storage::Status s = update(tables::Members, call.member); !s)
            return s;
    }
    if (call.callback) {
        if (storage::Status s = update(tables::Callbacks, *call.callback); !s)
            return s;
    }
    return transaction.commit();
}

storage::Result<QString> Claims::heldByOther(const QueuedCall &call, const QString &agent, qint64 nowMs)
{
    const QByteArray sql = "SELECT claimed_by FROM %1 WHERE id = ?1 AND NOT " + freeFor(2, 3);
    for (const auto &[table, row] : {std::pair{tables::Members, std::optional<sync::RowId>(call.member)},
                                     std::pair{tables::Callbacks, call.callback}}) {
        if (!row || *row == sync::RowId())
            continue;
        auto query = m_replica.database().prepare(QString::fromLatin1(sql).arg(table).toLatin1().constData());
        if (!query)
            return query.error();
        storage::Statement &statement = *query.value();
        statement.bind(1, row->toBytes()).bind(2, agent).bind(3, nowMs);
        storage::Result<bool> found = statement.step();
        const QString holder = found && *found ? statement.text(0) : QString();
        statement.reset();
        if (!found)
            return found.error();
        if (!holder.isEmpty())
            return holder;
    }
    return QString();
}

} // namespace fieldline::telemarketing
