#include "sync/Replica.h"

#include "sync/RowMerge.h"
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

Replica::Replica(std::unique_ptr<storage::Database> owned, storage::Database &db, SyncSchema schema, const Clock &clock)
    : m_owned(std::move(owned))
    , m_db(&db)
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
    storage::Database &borrowed = *db;
    return finishOpen(std::unique_ptr<Replica>(new Replica(std::move(db), borrowed, std::move(schema), clock)),
                      options);
}

Result<std::unique_ptr<Replica>> Replica::open(storage::Database &db, SyncSchema schema, const Clock &clock)
{
    if (Status valid = schema.validate(); !valid)
        return valid.error();
    return finishOpen(std::unique_ptr<Replica>(new Replica(nullptr, db, std::move(schema), clock)), Options{});
}

Result<std::unique_ptr<Replica>> Replica::finishOpen(std::unique_ptr<Replica> replica, const Options &options)
{
    storage::Transaction tx(*replica->m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = replica->m_store.createTables(); !s)
        return s.error();
    Result<std::vector<QString>> widened = replica->m_materializer.createTables();
    if (!widened)
        return widened.error();
    for (const QString &table : *widened) {
        if (Status s = replica->rematerialize(table); !s)
            return s.error();
    }
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

Status Replica::rematerialize(const QString &table)
{
    const TableSchema *schema = m_schema.find(table);
    Result<std::vector<std::pair<RowId, qint64>>> rows = m_store.rows(table);
    if (!rows)
        return rows.error();
    for (const auto &[row, causalLength] : *rows) {
        if (causalLength % 2 == 0)
            continue; // deleted: not in the user table, whatever its columns
        Result<RowState> state = m_store.loadRow(table, row);
        if (!state)
            return state.error();
        if (Status s = m_materializer.refresh(*schema, row, *state); !s)
            return s;
    }
    if (!rows->empty())
        qCInfo(lcSync) << "rematerialised" << rows->size() << "rows of" << table << "for what is new to this build";
    return {};
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
        if (const qsizetype bytes = valueBytes(value); bytes > MaxWrittenValueBytes)
            return Error{ErrorCode::TooLarge, QStringLiteral("'%1' of '%2' holds %3 KiB; at most %4 KiB can be synced")
                                                  .arg(column, table)
                                                  .arg((bytes + 1023) / 1024)
                                                  .arg(MaxWrittenValueBytes / 1024)};
    }
    storage::Transaction tx(*m_db);
    if (!tx.begun())
        return tx.begun();
    Result<RowState> loaded = m_store.loadRow(table, row);
    if (!loaded)
        return loaded.error();
    RowState &state = *loaded;
    const std::optional<qint64> cl = state.exists ? std::optional<qint64>(state.stamp.cl) : std::nullopt;
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

    // The fresh HLC exceeds every stamp seen, so a local write always wins its record and its cells.
    const Stamp stamp{newCl, m_hlc.tick(), m_site};
    const qint64 seq = m_lastSeq + 1;
    if (kind != WriteKind::Update)
        state.mergeRecord(stamp, seq);
    qsizetype grows = 0; // a local write always wins its cells, so this is what it adds to the row's values
    for (const auto &[column, value] : cells) {
        const CellState *held = state.cell(column);
        grows += valueBytes(value) - (held ? valueBytes(held->value) : 0);
        state.mergeCell(column, value, stamp, seq);
    }
    if (const qsizetype after = grows > 0 ? state.cellBytes() : 0; after > RowState::MaxBytes)
        return Error{ErrorCode::TooLarge, QStringLiteral("a '%1' row would hold %2 KiB; at most %3 KiB can be synced")
                                              .arg(table)
                                              .arg((after + 1023) / 1024)
                                              .arg(RowState::MaxBytes / 1024)};
    if (Status s = m_store.saveRow(table, row, state); !s)
        return s;
    if (Status s = m_materializer.refresh(*schema, row, state); !s)
        return s;
    if (Status s = m_store.saveCounters(seq, m_hlc.last()); !s)
        return s;
    if (Status s = tx.commit(); !s)
        return s;
    m_lastSeq = seq;
    if (m_localWrite)
        m_localWrite();
    return {};
}

ApplyResult Replica::validate(const Change &change) const
{
    ApplyResult checked = checkRemoteChange(change, m_hlc);
    if (checked.outcome == ApplyOutcome::Rejected)
        return checked;
    const TableSchema *schema = m_schema.find(change.table);
    if (schema && schema->growOnly && change.stamp.cl != 1)
        return {ApplyOutcome::Rejected,
                QStringLiteral("'%1' is append-only: rows cannot be deleted").arg(change.table)};
    return checked;
}

Status Replica::forgetRows(const QString &table, const std::vector<RowId> &rows)
{
    storage::Transaction tx(*m_db);
    if (!tx.begun())
        return tx.begun();
    const TableSchema *schema = m_schema.find(table);
    for (const RowId &row : rows) {
        if (schema) {
            if (Status s = m_materializer.refresh(*schema, row, RowState{}); !s)
                return s;
        }
        if (Status s = m_store.deleteRow(table, row); !s)
            return s;
    }
    return tx.commit();
}

Result<qint64> Replica::forgetSettledRows(const QString &table, const std::vector<RowId> &rows, qint64 pushedSeq,
                                          KeepIf keep)
{
    std::vector<RowId> settled;
    for (const RowId &row : rows) {
        Result<RowState> state = m_store.loadRow(table, row);
        if (!state)
            return state.error();
        const qint64 unsent = keep == KeepIf::RecordUnsent ? state->seq : state->maxSeq();
        if (!state->exists || unsent > pushedSeq)
            continue;
        if (state->maxSeq() > pushedSeq)
            qCInfo(lcSync) << "dropped unsent edits of a" << table << "row the server no longer has";
        settled.push_back(row);
    }
    if (Status s = forgetRows(table, settled); !s)
        return s.error();
    return qint64(settled.size());
}

Result<qint64> Replica::collectTombstones(qint64 beforeMs, qint64 pushedSeq)
{
    return m_store.deleteTombstones(HybridLogicalClock::make(beforeMs, 0), pushedSeq);
}

Result<std::vector<ApplyResult>> Replica::applyRemote(const ChangeBatch &batch)
{
    std::vector<ApplyResult> results;
    results.reserve(batch.size());
    // Grouped by row, so each row is read, merged in memory and written once however many cells it got.
    std::map<std::pair<QString, RowId>, std::vector<size_t>> byRow;
    qint64 maxHlc = m_hlc.last();
    for (size_t i = 0; i < batch.size(); ++i) {
        const Change &change = batch[i];
        results.push_back(validate(change));
        if (results.back().outcome == ApplyOutcome::Rejected) {
            qCWarning(lcSync) << "remote change refused:" << results.back().message;
            continue;
        }
        byRow[{change.table, change.row}].push_back(i);
        maxHlc = std::max(maxHlc, change.stamp.hlc);
    }

    storage::Transaction tx(*m_db);
    if (!tx.begun())
        return tx.begun().error();
    for (const auto &[key, indexes] : byRow) {
        Result<RowState> loaded = m_store.loadRow(key.first, key.second);
        if (!loaded)
            return loaded.error();
        RowState &state = *loaded;
        if (!mergeRowChanges(state, batch, indexes, false, results))
            continue;
        // The user row first: if this device's table refuses it (a CHECK or NOT NULL the sender did not have),
        // SQLite undoes just that statement, so the row's changes are refused and the rest of the batch lands.
        if (const TableSchema *schema = m_schema.find(key.first)) {
            if (Status s = m_materializer.refresh(*schema, key.second, state); !s) {
                if (s.code() != ErrorCode::Constraint)
                    return s.error();
                for (size_t i : indexes)
                    results[i] = {ApplyOutcome::Rejected,
                                  QStringLiteral("this device's table refuses the row: %1").arg(s.message())};
                qCWarning(lcSync) << "remote row refused by the local table:" << s.message();
                continue;
            }
        }
        if (Status s = m_store.saveRow(key.first, key.second, state); !s)
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
