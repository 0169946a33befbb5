#include "sync/Replica.h"

#include "sync/SyncLog.h"

#include <map>

namespace fieldline::sync {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;

namespace {

Error invalid(const QString &message)
{
    return Error{ErrorCode::Invalid, message};
}

} // namespace

Replica::Replica(std::unique_ptr<storage::Database> db, SyncSchema schema, const Clock &clock)
    : m_db(std::move(db))
    , m_schema(std::move(schema))
    , m_store(*m_db)
    , m_materializer(*m_db, m_schema)
    , m_hlc(clock)
{}

Result<std::unique_ptr<Replica>> Replica::open(std::unique_ptr<storage::Database> db, SyncSchema schema,
                                               const Clock &clock, const Options &options)
{
    if (!db)
        return invalid(QStringLiteral("no database"));
    if (Status valid = schema.validate(); !valid)
        return valid.error();
    std::unique_ptr<Replica> replica(new Replica(std::move(db), std::move(schema), clock));
    storage::Transaction tx(*replica->m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = replica->m_store.createTables(); !s)
        return s.error();
    if (Status s = replica->m_materializer.createTables(); !s)
        return s.error();
    Result<CrdtStore::Meta> meta = replica->m_store.loadMeta(options.newSiteId.value_or(SiteId::generate()));
    if (!meta)
        return meta.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    replica->m_site = meta->site;
    replica->m_lastSeq = meta->lastSeq;
    replica->m_hlc.restore(meta->lastHlc);
    return replica;
}

Result<RowId> Replica::insert(const QString &table, const Cells &cells)
{
    const RowId row = RowId::generate();
    if (Status s = write(WriteKind::Insert, table, row, cells); !s)
        return s.error();
    return row;
}

Status Replica::insert(const QString &table, const RowId &row, const Cells &cells)
{
    return write(WriteKind::Insert, table, row, cells);
}

Status Replica::update(const QString &table, const RowId &row, const Cells &cells)
{
    return write(WriteKind::Update, table, row, cells);
}

Status Replica::remove(const QString &table, const RowId &row)
{
    return write(WriteKind::Remove, table, row, {});
}

Status Replica::resurrect(const QString &table, const RowId &row, const Cells &cells)
{
    return write(WriteKind::Resurrect, table, row, cells);
}

Status Replica::write(WriteKind kind, const QString &table, const RowId &row, const Cells &cells)
{
    const TableSchema *schema = m_schema.find(table);
    if (!schema)
        return invalid(QStringLiteral("'%1' is not a synced table").arg(table));
    if (schema->growOnly && kind != WriteKind::Insert)
        return invalid(QStringLiteral("'%1' is append-only: rows cannot be changed or deleted").arg(table));
    for (const auto &[column, value] : cells) {
        if (!schema->hasColumn(column))
            return invalid(QStringLiteral("'%1' has no synced column '%2'").arg(table, column));
    }
    storage::Transaction tx(*m_db);
    if (!tx.begun())
        return tx.begun();
    Result<std::optional<qint64>> current = m_store.causalLength(table, row);
    if (!current)
        return current.error();
    const std::optional<qint64> cl = *current;
    qint64 newCl = 0;
    switch (kind) {
    case WriteKind::Insert:
        if (cl)
            return invalid(QStringLiteral("row %1 already exists").arg(row.toHex()));
        newCl = 1;
        break;
    case WriteKind::Update:
    case WriteKind::Remove:
        if (!cl || !Stamp::isAlive(*cl))
            return Error{ErrorCode::NotFound, QStringLiteral("row %1 does not exist or is deleted").arg(row.toHex())};
        newCl = kind == WriteKind::Update ? *cl : *cl + 1;
        break;
    case WriteKind::Resurrect:
        if (!cl || Stamp::isAlive(*cl))
            return invalid(QStringLiteral("row %1 is not deleted").arg(row.toHex()));
        newCl = *cl + 1;
        break;
    }
    if (kind == WriteKind::Update && cells.empty())
        return {};

    const Stamp stamp{newCl, m_hlc.tick(), m_site};
    const qint64 seq = m_lastSeq + 1;
    if (kind != WriteKind::Update) {
        if (Result<bool> merged = m_store.mergeRow(table, row, stamp, seq); !merged)
            return merged.error();
    }
    for (const auto &[column, value] : cells) {
        // The fresh HLC exceeds every stamp seen, so a local write always wins its cell.
        if (Result<bool> merged = m_store.mergeCell(Change{table, row, column, value, stamp, seq}, seq); !merged)
            return merged.error();
    }
    if (Status s = m_materializer.refresh(*schema, row, stamp.alive()); !s)
        return s;
    if (Status s = m_store.saveCounters(seq, m_hlc.last()); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    m_lastSeq = seq;
    return {};
}

ApplyResult Replica::validate(const Change &change) const
{
    auto reject = [](const QString &why) { return ApplyResult{ApplyOutcome::Rejected, why}; };
    if (!SyncSchema::isIdentifier(change.table))
        return reject(QStringLiteral("malformed table name"));
    if (!change.isRowChange() && !SyncSchema::isIdentifier(change.column))
        return reject(QStringLiteral("malformed column name"));
    if (change.stamp.cl < 1 || (!change.isRowChange() && !change.stamp.alive()))
        return reject(QStringLiteral("malformed causal length %1").arg(change.stamp.cl));
    const TableSchema *schema = m_schema.find(change.table);
    if (schema && schema->growOnly && change.stamp.cl != 1)
        return reject(QStringLiteral("'%1' is append-only: rows cannot be deleted").arg(change.table));
    if (Status skew = m_hlc.checkRemote(change.stamp.hlc); !skew)
        return reject(skew.message());
    return {ApplyOutcome::Unchanged, QString()};
}

Result<std::vector<ApplyResult>> Replica::applyRemote(const ChangeBatch &batch)
{
    struct Touched
    {
        Stamp maxStamp;
        bool changed = false;
    };
    std::vector<ApplyResult> results;
    results.reserve(batch.size());
    std::map<std::pair<QString, RowId>, Touched> touched;
    qint64 maxHlc = m_hlc.last();

    storage::Transaction tx(*m_db);
    if (!tx.begun())
        return tx.begun().error();
    for (const Change &change : batch) {
        ApplyResult result = validate(change);
        if (result.outcome != ApplyOutcome::Rejected) {
            // seq 0: a remote write never enters the outgoing log, and it supersedes any local entry it beats.
            Result<bool> merged = change.isRowChange() ? m_store.mergeRow(change.table, change.row, change.stamp, 0)
                                                       : m_store.mergeCell(change, 0);
            if (!merged)
                return merged.error();
            result.outcome = *merged ? ApplyOutcome::Applied : ApplyOutcome::Unchanged;
            Touched &row = touched[{change.table, change.row}];
            row.maxStamp = std::max(row.maxStamp, change.stamp);
            row.changed = row.changed || *merged;
            maxHlc = std::max(maxHlc, change.stamp.hlc);
        } else {
            qCWarning(lcSync) << "remote change refused:" << result.message;
        }
        results.push_back(std::move(result));
    }
    for (const auto &[key, row] : touched) {
        // A cell written in life N proves the row reached causal length N, whichever message said so first.
        Result<bool> raised = m_store.mergeRow(key.first, key.second, row.maxStamp, 0);
        if (!raised)
            return raised.error();
        const TableSchema *schema = m_schema.find(key.first);
        if (!schema || !(row.changed || *raised))
            continue;
        Result<std::optional<qint64>> cl = m_store.causalLength(key.first, key.second);
        if (!cl)
            return cl.error();
        if (Status s = m_materializer.refresh(*schema, key.second, Stamp::isAlive(cl->value_or(0))); !s)
            return s.error();
    }
    if (Status s = m_store.saveCounters(m_lastSeq, maxHlc); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    m_hlc.restore(maxHlc); // every stamp in maxHlc passed the skew check above
    return results;
}

} // namespace fieldline::sync
