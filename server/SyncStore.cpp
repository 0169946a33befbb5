#include "SyncStore.h"

#include "BatchStatements.h"
#include "Compensation.h"
#include "ReplicationScope.h"
#include "SqlSupport.h"
#include "SqlWrites.h"
#include "SyncRowWrites.h"
#include "WritePolicy.h"

#include "sync/HybridLogicalClock.h"
#include "sync/RowMerge.h"
#include "sync/RowState.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <map>
#include <set>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;
using sync::ApplyOutcome;
using sync::ApplyResult;
using sync::Change;
using sync::RowId;
using sync::RowState;
using sync::SiteId;
using sync::Stamp;

namespace {

Error sqlError(const QSqlQuery &query, const char *what)
{
    return queryError(query, QLatin1String(what));
}

Stamp stampAt(const QSqlQuery &query, int first)
{
    return Stamp{query.value(first).toLongLong(), query.value(first + 1).toLongLong(),
                 SiteId::fromBytes(query.value(first + 2).toByteArray()).value_or(SiteId())};
}

/**
 * Appends the row's record and its cells as changes, record first, each with its origin's seq and the newest
 * schema version that wrote the row.
 */
void appendRow(sync::ChangeBatch &out, const QString &table, const RowId &row, const RowState &state,
               qint64 schemaVersion)
{
    out.push_back(Change{table, row, QString(), {}, state.stamp, state.seq, schemaVersion});
    for (const sync::CellState &cell : state.cells)
        out.push_back(Change{table, row, cell.column, cell.value, cell.stamp, cell.seq, schemaVersion});
}

constexpr const char *LoadSql = "SELECT cl, hlc, site, rec_seq, cells, schema_version FROM sync_rows"
                                " WHERE tenant_id = ? AND tbl = ? AND row_id = ?";

/**
 * One stored row through @p load (from prepareLoad); a state that does not exist when the row is not stored.
 * @p schemaVersion, when given, receives the newest schema version that wrote it (0 for a new row).
 */
Result<RowState> loadRow(QSqlQuery &load, qint64 tenantId, const QString &table, const RowId &row,
                         qint64 *schemaVersion = nullptr)
{
    load.addBindValue(tenantId);
    load.addBindValue(table);
    load.addBindValue(row.toBytes());
    if (!load.exec())
        return sqlError(load, "Cannot load a row");
    RowState state;
    if (load.next()) {
        state.exists = true;
        state.stamp = stampAt(load, 0);
        state.seq = load.value(3).toLongLong();
        if (Status decoded = RowState::decodeCells(load.value(4).toByteArray(), state.cells); !decoded)
            return decoded.error();
    }
    if (schemaVersion)
        *schemaVersion = state.exists ? load.value(5).toLongLong() : 0;
    load.finish();
    return state;
}

/** Tells, per row and with one read each, whether a push touches a stored row outside the pusher's scopes. */
class RowsOutOfScope
{
public:
    RowsOutOfScope(QSqlQuery &load, const Identity &identity)
        : m_scope(ReplicationScope::of(identity))
        , m_tenantId(identity.tenantId)
        , m_load(load)
    {}

    /** Why the pusher may not change the row, or nullopt; new rows are anyone's to create. */
    Result<std::optional<sync::Refusal>> refusal(const QString &table, const RowId &row)
    {
        if (m_scope.coversEverything())
            return std::optional<sync::Refusal>();
        auto known = m_verdicts.find({table, row});
        if (known == m_verdicts.end()) {
            Result<RowState> stored = loadRow(m_load, m_tenantId, table, row);
            if (!stored)
                return stored.error();
            known = m_verdicts.emplace(std::pair{table, row}, !stored->exists || m_scope.sees(*stored)).first;
        }
        if (known->second)
            return std::optional<sync::Refusal>();
        return std::optional<sync::Refusal>(sync::Refusal{sync::Refusal::Kind::OutOfScope, {}});
    }

private:
    ReplicationScope m_scope;
    qint64 m_tenantId;
    QSqlQuery &m_load;
    std::map<std::pair<QString, RowId>, bool> m_verdicts;
};

/** Why a pushed cell is too big for a device to have written (a device writes at most MaxWrittenValueBytes). */
std::optional<sync::Refusal> oversized(const Change &change)
{
    if (sync::valueBytes(change.value) <= sync::MaxWrittenValueBytes)
        return std::nullopt;
    return sync::Refusal{sync::Refusal::Kind::ValueTooLarge, QString::number(sync::MaxWrittenValueBytes / 1024)};
}

} // namespace

SyncStore::SyncStore(QString connectionName, const sync::Clock &clock)
    : m_connectionName(connectionName)
    , m_clock(clock)
    , m_statements(connectionName)
    , m_pullChecks(std::move(connectionName))
{}

void SyncStore::setCommitPreamble(QString statement)
{
    m_pullChecks.setCommitPreamble(statement);
    m_commitPreamble = std::move(statement);
}

Result<std::optional<QString>> SyncStore::bindSite(const Identity &identity, const SiteId &site)
{
    const StatementCache::Finished finished(m_statements);
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery &current = m_statements.get("SELECT site FROM devices WHERE tenant_id = ? AND id = ?");
    current.addBindValue(identity.tenantId);
    current.addBindValue(identity.deviceId);
    if (!current.exec() || !current.next())
        return sqlError(current, "Cannot read the device");
    const QByteArray bound = current.value(0).toByteArray();
    if (!bound.isEmpty()) {
        if (bound == site.toBytes())
            return std::optional<QString>();
        return std::optional<QString>(QStringLiteral("This device token belongs to a device that writes as another "
                                                     "site; log in again on this device."));
    }
    QSqlQuery &taken = m_statements.get("SELECT count(*) FROM devices WHERE tenant_id = ? AND site = ? AND user_id <> ?"
                                        " AND revoked IS NULL");
    taken.addBindValue(identity.tenantId);
    taken.addBindValue(site.toBytes());
    taken.addBindValue(identity.userId);
    if (!taken.exec() || !taken.next())
        return sqlError(taken, "Cannot check the site");
    if (taken.value(0).toLongLong() > 0)
        return std::optional<QString>(QStringLiteral("Another user's device already writes as this site."));
    QSqlQuery &bind = m_statements.get("UPDATE devices SET site = ? WHERE tenant_id = ? AND id = ?");
    bind.addBindValue(site.toBytes());
    bind.addBindValue(identity.tenantId);
    bind.addBindValue(identity.deviceId);
    if (!bind.exec())
        return sqlError(bind, "Cannot bind the site");
    return std::optional<QString>();
}

Result<SyncStore::PushOutcome> SyncStore::push(const Identity &identity, const sync::protocol::PushRequest &request)
{
    const StatementCache::Finished finished(m_statements);
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction tx(db);
    if (Status started = startWrite(tx, db, m_commitPreamble); !started)
        return started.error();

    // First, before anything of the tenant is read: see lockCursor().
    Result<qint64> before = lockCursor(identity.tenantId);
    if (!before)
        return before.error();
    QSqlQuery &replay =
        m_statements.get("SELECT response FROM sync_batches WHERE tenant_id = ? AND site = ? AND seq = ?");
    replay.addBindValue(identity.tenantId);
    replay.addBindValue(request.site.toBytes());
    replay.addBindValue(request.batchSeq);
    if (!replay.exec())
        return sqlError(replay, "Cannot look up the batch");
    if (replay.next())
        return PushOutcome{replay.value(0).toByteArray(), false, 0};

    const sync::HybridLogicalClock hlc(m_clock);
    sync::protocol::PushResponse response;
    std::vector<ApplyResult> results;
    results.reserve(request.changes.size());
    // A change from a clock that is ahead is refused only until the server's clock catches up: the device keeps it
    // and sends it again after this long.
    std::vector<qint64> retryMs(request.changes.size(), 0);
    // Changes the caller's role may not make: refused, and their rows written back as the server has them.
    std::map<std::pair<QString, RowId>, sync::ChangeBatch> refusedRows;
    RowsOutOfScope outOfScope(m_statements.get(LoadSql), identity);
    // Claims that lost to one the server holds: refused and written back like the rest, but answered "unchanged",
    // as a write that lost the race (no mistake of the user's, so no problem to show them).
    std::vector<bool> lostClaim(request.changes.size(), false);
    for (size_t i = 0; i < request.changes.size(); ++i) {
        const Change &change = request.changes[i];
        // Worded for the device that pushed: its own clock is the one ahead.
        const qint64 ahead = sync::HybridLogicalClock::physicalMs(change.stamp.hlc) - m_clock.nowMs();
        if (ahead > sync::HybridLogicalClock::MaxAheadMs)
            retryMs[i] = ahead - sync::HybridLogicalClock::MaxAheadMs;
        if (retryMs[i] > 0)
            results.push_back(ApplyResult::refused({sync::Refusal::Kind::ClockAhead, QString::number(ahead)}));
        else
            results.push_back(sync::checkRemoteChange(change, hlc));
        if (results.back().outcome == ApplyOutcome::Unchanged && change.stamp.site != request.site)
            results.back() = ApplyResult::refused({sync::Refusal::Kind::NotOwnWrite, {}});
        if (results.back().outcome != ApplyOutcome::Rejected) {
            RowState stored;
            if (WritePolicy::needsStoredRow(identity.role, change)) {
                Result<RowState> loaded =
                    loadRow(m_statements.get(LoadSql), identity.tenantId, change.table, change.row);
                if (!loaded)
                    return loaded.error();
                stored = std::move(loaded.value());
            }
            std::optional<sync::Refusal> why = oversized(change);
            if (!why)
                why = WritePolicy::refusal(identity.role, change, stored);
            if (!why) {
                why = WritePolicy::claimRefusal(identity.login, change, stored, m_clock.nowMs());
                lostClaim[i] = why.has_value();
            }
            if (!why) {
                Result<std::optional<sync::Refusal>> scoped = outOfScope.refusal(change.table, change.row);
                if (!scoped)
                    return scoped.error();
                why = *scoped;
            }
            if (why) {
                results.back() = ApplyResult::refused(std::move(*why));
                refusedRows[{change.table, change.row}].push_back(change);
            }
        }
    }

    Result<qint64> seq =
        mergeChecked(identity.tenantId, *before, request.changes, results, request.schemaVersion, &retryMs);
    if (!seq)
        return seq.error();
    if (!refusedRows.empty())
        seq = compensate(identity.tenantId, *seq, refusedRows);
    if (!seq)
        return seq.error();
    for (size_t i = 0; i < results.size(); ++i)
        response.results.push_back({lostClaim[i] ? ApplyOutcome::Unchanged : results[i].outcome, results[i].message,
                                    retryMs[i], results[i].refusal});
    response.cursor = *seq;
    const QByteArray encoded = sync::protocol::encode(response);
    QSqlQuery &remember =
        m_statements.get("INSERT INTO sync_batches (tenant_id, site, seq, response) VALUES (?, ?, ?, ?)");
    remember.addBindValue(identity.tenantId);
    remember.addBindValue(request.site.toBytes());
    remember.addBindValue(request.batchSeq);
    remember.addBindValue(encoded);
    if (!remember.exec())
        return sqlError(remember, "Cannot record the batch");
    if (Status committed = commitWrite(tx, db, m_statements, QStringLiteral("Cannot commit a push")); !committed)
        return committed.error();
    return PushOutcome{encoded, *seq != *before, *seq};
}

Result<qint64> SyncStore::lockCursor(qint64 tenantId)
{
    // Pulls read "every row with a sequence number above my cursor", so numbers must become visible in the order
    // they are given out. With several server instances on one PostgreSQL, two pushes of a tenant could otherwise
    // take N and N+1 and commit N+1 first: a device pulling in between would move its cursor to N+1 and skip N for
    // good. Writing the tenant's counter row first (created on the tenant's first push) locks it until commit, like
    // SELECT ... FOR UPDATE, so the tenant's pushes run one after another and commit in the order of their numbers.
    // Under READ COMMITTED the waiting push then reads the counter and rows as the previous one left them, so
    // merges never work from a stale row either. SQLite takes its write lock at the same statement.
    QSqlQuery &lock = m_statements.get("INSERT INTO sync_cursors (tenant_id, last_seq) VALUES (?, 0)"
                                       " ON CONFLICT (tenant_id) DO UPDATE SET last_seq = sync_cursors.last_seq"
                                       " RETURNING last_seq");
    lock.addBindValue(tenantId);
    if (!lock.exec() || !lock.next())
        return sqlError(lock, "Cannot lock the tenant's cursor");
    return lock.value(0).toLongLong();
}

Result<qint64> SyncStore::compensate(qint64 tenantId, qint64 last,
                                     const std::map<std::pair<QString, RowId>, sync::ChangeBatch> &refusedRows)
{
    QSqlQuery &load = m_statements.get(LoadSql);
    sync::ChangeBatch writeBack;
    for (const auto &[key, refused] : refusedRows) {
        Result<RowState> stored = loadRow(load, tenantId, key.first, key.second);
        if (!stored)
            return stored.error();
        for (Change &change : compensation(key.first, key.second, *stored, refused, m_clock.nowMs()))
            writeBack.push_back(std::move(change));
    }
    std::vector<ApplyResult> results(writeBack.size());
    return mergeChecked(tenantId, last, writeBack, results);
}

namespace {

/**
 * The row's changes without the cells for columns it does not hold once it holds RowState::MaxColumns; those are
 * refused (a device writing made-up columns would otherwise grow the row until no page could carry it). They are not
 * compensated: writing them back would add the very columns.
 */
std::vector<size_t> withinColumnLimit(const RowState &state, const sync::ChangeBatch &changes,
                                      const std::vector<size_t> &indexes, std::vector<ApplyResult> &results)
{
    std::set<QString> added;
    std::vector<size_t> kept;
    for (size_t i : indexes) {
        const sync::Change &change = changes[i];
        const bool known = change.isRowChange() || state.cell(change.column) || added.count(change.column) > 0;
        if (!known && qsizetype(state.cells.size() + added.size()) >= RowState::MaxColumns) {
            results[i] =
                ApplyResult::refused({sync::Refusal::Kind::TooManyColumns, QString::number(RowState::MaxColumns)});
            continue;
        }
        if (!known)
            added.insert(change.column);
        kept.push_back(i);
    }
    return kept;
}

/**
 * The row's changes without the cells that would take its values past RowState::MaxBytes. A device refuses a write
 * that grows a row past it, so the push's cells of the row are judged together first, as the device judged them:
 * only when they grow the row and leave it over the limit are its growing columns refused, the last first, until the
 * rest fits (the row could also pass the limit through two devices growing it at once). Counted as if each cell won
 * its merge. Not written back, like the column limit.
 */
std::vector<size_t> withinSizeLimit(const RowState &state, const sync::ChangeBatch &changes,
                                    const std::vector<size_t> &indexes, std::vector<ApplyResult> &results)
{
    const qsizetype before = state.cellBytes();
    std::map<QString, std::pair<qsizetype, qsizetype>> sizes; // column: (held before, pushed last)
    for (size_t i : indexes) {
        const sync::Change &change = changes[i];
        if (change.isRowChange())
            continue;
        const sync::CellState *cell = state.cell(change.column);
        auto entry = sizes.try_emplace(change.column, cell ? sync::valueBytes(cell->value) : 0, 0).first;
        entry->second.second = sync::valueBytes(change.value);
    }
    qsizetype after = before;
    for (const auto &[column, size] : sizes)
        after += size.second - size.first;
    if (after <= RowState::MaxBytes || after <= before)
        return indexes;
    // The last growing columns go first, until the rest fits.
    std::set<QString> refused;
    for (auto i = indexes.rbegin(); i != indexes.rend() && after > RowState::MaxBytes; ++i) {
        const sync::Change &change = changes[*i];
        if (change.isRowChange() || refused.count(change.column) > 0)
            continue;
        const auto &[held, pushed] = sizes.at(change.column);
        if (pushed > held) {
            refused.insert(change.column);
            after -= pushed - held;
        }
    }
    std::vector<size_t> kept;
    for (size_t i : indexes) {
        if (!changes[i].isRowChange() && refused.count(changes[i].column) > 0) {
            results[i] = ApplyResult::refused(
                {sync::Refusal::Kind::RowTooLarge, QString::number(RowState::MaxBytes / (1024 * 1024))});
            continue;
        }
        kept.push_back(i);
    }
    return kept;
}

/**
 * Refuses the cell changes of a row the server does not have, unless the row's record comes with them. A device sends
 * a row's record before its cells, so such cells belong to a row deleted and collected past the horizon while the
 * device was away (it learns so at its next pull, which tells it to resync); kept, they would create a row of those
 * cells alone, where every other device has it deleted. When the record came but was refused (@p record), the cells
 * share its answer: refused for now with the same wait when the device's clock is ahead, so they are resent with it.
 */
std::vector<size_t> withRecordOrRow(const RowState &state, const sync::ChangeBatch &changes,
                                    const std::vector<size_t> &indexes, std::optional<size_t> record,
                                    std::vector<ApplyResult> &results, std::vector<qint64> *retryMs)
{
    const bool recordHere =
        state.exists || std::any_of(indexes.begin(), indexes.end(), [&](size_t i) { return changes[i].isRowChange(); });
    if (recordHere)
        return indexes;
    for (size_t i : indexes) {
        if (record) {
            results[i] = results[*record];
            if (retryMs)
                (*retryMs)[i] = (*retryMs)[*record];
        } else {
            results[i] = ApplyResult::refused({sync::Refusal::Kind::RecordGone, {}});
        }
    }
    return {};
}

} // namespace

Result<qint64> SyncStore::mergeChecked(qint64 tenantId, qint64 last, const sync::ChangeBatch &changes,
                                       std::vector<ApplyResult> &results, qint64 batchSchemaVersion,
                                       std::vector<qint64> *retryMs)
{
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    std::map<std::pair<QString, RowId>, std::vector<size_t>> byRow;
    std::map<std::pair<QString, RowId>, size_t> refusedRecord; // a row's record that came and was refused
    for (size_t i = 0; i < changes.size(); ++i) {
        if (results[i].outcome != ApplyOutcome::Rejected)
            byRow[{changes[i].table, changes[i].row}].push_back(i);
        else if (changes[i].isRowChange())
            refusedRecord[{changes[i].table, changes[i].row}] = i;
    }
    // The rows the changes touch, read in batches (readRowsById) before any is written: each is written once, below.
    std::map<std::pair<QString, RowId>, StoredRow> stored;
    std::map<QString, std::vector<RowId>> idsByTable;
    for (const auto &entry : byRow)
        idsByTable[entry.first.first].push_back(entry.first.second);
    for (const auto &[table, ids] : idsByTable) {
        std::vector<StoredRow> found;
        if (Status read = readRowsById(tenantId, table, ids, found); !read)
            return read.error();
        for (StoredRow &row : found)
            stored.emplace(std::pair(table, row.id), std::move(row));
    }
    qint64 seq = last;
    SyncRowWrites saves(m_statements);
    for (const auto &[key, indexes] : byRow) {
        const auto found = stored.find(key);
        RowState state = found != stored.end() ? std::move(found->second.state) : RowState();
        qint64 schemaVersion = found != stored.end() ? found->second.schemaVersion : 0;
        const auto record = refusedRecord.find(key);
        const std::vector<size_t> withRecord = withRecordOrRow(
            state, changes, indexes,
            record == refusedRecord.end() ? std::nullopt : std::optional<size_t>(record->second), results, retryMs);
        const std::vector<size_t> kept =
            withinSizeLimit(state, changes, withinColumnLimit(state, changes, withRecord, results), results);
        if (!sync::mergeRowChanges(state, changes, kept, true, results))
            continue;
        // The row remembers the newest release that wrote it; a change without a version has its batch's.
        for (size_t i : kept) {
            if (results[i].outcome == ApplyOutcome::Applied)
                schemaVersion = std::max(schemaVersion,
                                         changes[i].schemaVersion > 0 ? changes[i].schemaVersion : batchSchemaVersion);
        }
        Status saved = saves.add({tenantId, key.first, key.second.toBytes(), state.stamp.cl, state.stamp.hlc,
                                  state.stamp.site.toBytes(), state.seq, state.encodeCells(), ++seq, schemaVersion});
        if (!saved)
            return saved.error();
    }
    if (Status saved = saves.finish(); !saved)
        return saved.error();

    if (seq == last)
        return seq;
    QSqlQuery &advance = m_statements.get("UPDATE sync_cursors SET last_seq = ? WHERE tenant_id = ?");
    advance.addBindValue(seq);
    advance.addBindValue(tenantId);
    if (!advance.exec())
        return sqlError(advance, "Cannot advance the cursor");
    return seq;
}

Result<qint64> SyncStore::writeAsServer(qint64 tenantId, const sync::ChangeBatch &changes)
{
    const StatementCache::Finished finished(m_statements);
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction tx(db);
    if (!tx.begun())
        return Error{ErrorCode::Busy, QStringLiteral("Cannot start a transaction: ") + db.lastError().text()};
    Result<qint64> before = lockCursor(tenantId);
    if (!before)
        return before.error();
    std::vector<ApplyResult> results(changes.size());
    Result<qint64> seq = mergeChecked(tenantId, *before, changes, results);
    if (!seq)
        return seq.error();
    if (Status committed = commitWrite(tx, db, m_statements, QStringLiteral("Cannot commit")); !committed)
        return committed.error();
    return seq;
}

Result<sync::protocol::PullResponse> SyncStore::pull(qint64 tenantId, const ReplicationScope &scope, qint64 cursor,
                                                     qint64 limit, qint64 freshHead)
{
    const StatementCache::Finished finished(m_statements);
    limit = std::clamp<qint64>(limit, 1, MaxPullChanges);
    // Read before the page, so it is never above a row the page sends: devices use it only from a pull from 0.
    Result<qint64> head = cursor == 0 ? this->cursor(tenantId) : Result<qint64>(qint64(0));
    if (!head)
        return head.error();
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    // Rows, not changes, are what the table holds; every row costs at least one unit of the page (its changes, or
    // its eviction, or nothing sent but the scan), so limit rows bound the page.
    QSqlQuery &rows =
        m_statements.get("SELECT tbl, row_id, cl, hlc, site, rec_seq, cells, server_seq, schema_version"
                         " FROM sync_rows WHERE tenant_id = ? AND server_seq > ? ORDER BY server_seq LIMIT ?");
    rows.addBindValue(tenantId);
    rows.addBindValue(cursor);
    rows.addBindValue(limit + 1);
    if (!rows.exec())
        return sqlError(rows, "Cannot read changes");
    sync::protocol::PullResponse response;
    response.nextCursor = cursor;
    response.head = *head;
    qint64 units = 0;
    qint64 bytes = 0;
    while (rows.next()) {
        RowState state;
        state.exists = true;
        state.stamp = stampAt(rows, 2);
        state.seq = rows.value(5).toLongLong();
        const QByteArray cells = rows.value(6).toByteArray();
        if (Status decoded = RowState::decodeCells(cells, state.cells); !decoded)
            return decoded.error();
        const bool visible = scope.sees(state);
        const qint64 rowUnits = visible ? 1 + qint64(state.cells.size()) : 1;
        const qint64 rowBytes = visible ? cells.size() : 0;
        // Pages of big values (form layouts) stop by size too, far below what a client reads in one answer.
        if (units > 0 && (units + rowUnits > limit || bytes + rowBytes > sync::protocol::Limits::PullPageBytes)) {
            response.more = true;
            break;
        }
        units += rowUnits;
        bytes += rowBytes;
        const QString table = rows.value(0).toString();
        const RowId row = RowId::fromBytes(rows.value(1).toByteArray()).value_or(RowId());
        const qint64 rowSeq = rows.value(7).toLongLong();
        // A device pulling from the start holds nothing it could have to drop; one pulling on from such a pull holds
        // only what it sent, so only a row changed since that pull began can have left its scopes since.
        if (visible)
            appendRow(response.changes, table, row, state, rows.value(8).toLongLong());
        else if (cursor > 0 && rowSeq > freshHead)
            response.evicted.push_back({table, row});
        response.nextCursor = rowSeq;
    }
    return response;
}

Result<std::vector<SyncStore::StoredRow>> SyncStore::rows(qint64 tenantId, const QString &table)
{
    const QByteArray low(RowId::Size, '\0');
    const QByteArray high(RowId::Size, '\xff');
    return rows(tenantId, table, *RowId::fromBytes(low), *RowId::fromBytes(high));
}

Result<std::vector<SyncStore::StoredRow>> SyncStore::rows(qint64 tenantId, const QString &table, const RowId &first,
                                                          const RowId &last)
{
    const StatementCache::Finished finished(m_statements);
    QSqlQuery &query = m_statements.get("SELECT row_id, cl, hlc, site, rec_seq, cells, schema_version FROM sync_rows"
                                        " WHERE tenant_id = ? AND tbl = ? AND row_id BETWEEN ? AND ? ORDER BY row_id");
    query.addBindValue(tenantId);
    query.addBindValue(table);
    query.addBindValue(first.toBytes());
    query.addBindValue(last.toBytes());
    if (!query.exec())
        return sqlError(query, "Cannot read rows");
    std::vector<StoredRow> out;
    if (Status read = readRows(query, out); !read)
        return read.error();
    return out;
}

Result<std::vector<SyncStore::StoredRow>> SyncStore::rows(qint64 tenantId, const QString &table,
                                                          const std::vector<RowId> &ids)
{
    const StatementCache::Finished finished(m_statements);
    std::vector<StoredRow> out;
    if (Status read = readRowsById(tenantId, table, ids, out); !read)
        return read.error();
    return out;
}

Status SyncStore::readRowsById(qint64 tenantId, const QString &table, const std::vector<RowId> &ids,
                               std::vector<StoredRow> &out)
{
    // One primary-key lookup per id, joined by UNION ALL, so that every plan is index probes. PostgreSQL keeps the
    // plan of a prepared statement: for `row_id IN (...)`, one made while the table was still small probed
    // (tenant_id, tbl) and filtered every row of the table, 25 ms for each 64 ids once it held 60,000.
    // A short last batch looks up NULL in its spare places, which matches no row.
    static const BatchStatements reads([](size_t rows) {
        return QByteArrayList(qsizetype(rows), "SELECT row_id, cl, hlc, site, rec_seq, cells, schema_version"
                                               " FROM sync_rows WHERE tenant_id = ? AND tbl = ? AND row_id = ?")
            .join(" UNION ALL ");
    });
    for (size_t first = 0; first < ids.size();) {
        const size_t size = BatchStatements::covering(ids.size() - first);
        QSqlQuery &query = m_statements.get(reads.text(size));
        for (size_t i = first; i < first + size; ++i) {
            query.addBindValue(tenantId);
            query.addBindValue(table);
            query.addBindValue(i < ids.size() ? QVariant(ids[i].toBytes())
                                              : QVariant(QMetaType::fromType<QByteArray>()));
        }
        first += size;
        if (!query.exec())
            return sqlError(query, "Cannot read rows");
        if (Status read = readRows(query, out); !read)
            return read.error();
        query.finish();
    }
    return {};
}

Status SyncStore::readRows(QSqlQuery &query, std::vector<StoredRow> &out)
{
    while (query.next()) {
        StoredRow row{RowId::fromBytes(query.value(0).toByteArray()).value_or(RowId()), RowState()};
        row.state.exists = true;
        row.state.stamp = stampAt(query, 1);
        row.state.seq = query.value(4).toLongLong();
        if (Status decoded = RowState::decodeCells(query.value(5).toByteArray(), row.state.cells); !decoded)
            return decoded.error();
        row.schemaVersion = query.value(6).toLongLong();
        out.push_back(std::move(row));
    }
    return {};
}

Status SyncStore::acknowledge(const Identity &identity, qint64 ackCursor)
{
    const StatementCache::Finished finished(m_statements);
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction tx(db);
    if (Status started = startWrite(tx, db, m_commitPreamble); !started)
        return started;
    Result<qint64> newest = cursor(identity.tenantId);
    if (!newest)
        return newest.error();
    if (ackCursor < 0 || ackCursor > *newest)
        return Error{ErrorCode::Invalid,
                     QStringLiteral("Cursor %1 is beyond the tenant's newest change.").arg(ackCursor)};
    // The time counts too: a device that acknowledged within the horizon is active, and holds tombstones back.
    QSqlQuery &ack = m_statements.get("UPDATE devices SET acked_at = ?,"
                                      " acked_cursor = CASE WHEN acked_cursor < ? THEN ? ELSE acked_cursor END"
                                      " WHERE tenant_id = ? AND id = ?");
    ack.addBindValue(m_clock.nowMs());
    ack.addBindValue(ackCursor);
    ack.addBindValue(ackCursor);
    ack.addBindValue(identity.tenantId);
    ack.addBindValue(identity.deviceId);
    if (!ack.exec())
        return sqlError(ack, "Cannot record the acknowledgement");
    if (Status committed = commitWrite(tx, db, m_statements, QStringLiteral("Cannot commit an acknowledgement"));
        !committed)
        return committed.error();
    return {};
}

Result<qint64> SyncStore::cursor(qint64 tenantId)
{
    const StatementCache::Finished finished(m_statements);
    QSqlQuery &query = m_statements.get("SELECT last_seq FROM sync_cursors WHERE tenant_id = ?");
    query.addBindValue(tenantId);
    if (!query.exec())
        return sqlError(query, "Cannot read the cursor");
    return query.next() ? query.value(0).toLongLong() : qint64(0);
}

Result<qint64> SyncStore::collectTombstones(qint64 tenantId, qint64 horizonMs)
{
    const StatementCache::Finished finished(m_statements);
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction tx(db);
    if (!tx.begun())
        return Error{ErrorCode::Busy, QStringLiteral("Cannot start a transaction: ") + db.lastError().text()};
    // Pushes of the tenant wait meanwhile, so no row comes back to life between the check and the delete.
    Result<qint64> newest = lockCursor(tenantId);
    if (!newest)
        return newest.error();
    const qint64 since = m_clock.nowMs() - horizonMs;
    QSqlQuery &watermark = m_statements.get("SELECT min(acked_cursor) FROM devices"
                                            " WHERE tenant_id = ? AND revoked IS NULL AND acked_at >= ?");
    watermark.addBindValue(tenantId);
    watermark.addBindValue(since);
    if (!watermark.exec() || !watermark.next())
        return sqlError(watermark, "Cannot read the devices' acknowledgements");
    // No active device: nobody is waiting for any tombstone.
    const qint64 upTo = watermark.value(0).isNull() ? *newest : watermark.value(0).toLongLong();
    QSqlQuery &collect = m_statements.get("DELETE FROM sync_rows WHERE tenant_id = ? AND cl % 2 = 0 AND hlc < ?"
                                          " AND server_seq <= ? RETURNING server_seq");
    collect.addBindValue(tenantId);
    collect.addBindValue(sync::HybridLogicalClock::make(since, 0));
    collect.addBindValue(upTo);
    if (!collect.exec())
        return sqlError(collect, "Cannot collect tombstones");
    qint64 collected = 0;
    qint64 floor = 0;
    while (collect.next()) {
        ++collected;
        floor = std::max(floor, collect.value(0).toLongLong());
    }
    QSqlQuery &raise =
        m_statements.get("UPDATE sync_cursors SET gc_floor = CASE WHEN gc_floor < ? THEN ? ELSE gc_floor END"
                         " WHERE tenant_id = ?");
    raise.addBindValue(floor);
    raise.addBindValue(floor);
    raise.addBindValue(tenantId);
    if (!raise.exec())
        return sqlError(raise, "Cannot record the collection");
    if (Status committed = commitWrite(tx, db, m_statements, QStringLiteral("Cannot commit")); !committed)
        return committed.error();
    return collected;
}

} // namespace fieldline::server
