#include "PullChecks.h"

#include "SqlWrites.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace fieldline::server {

using storage::Result;
using storage::Status;

namespace {

PullChecks::Restart restored()
{
    return {sync::protocol::ErrorCode::ServerRestored,
            QStringLiteral("The server was restored from a backup; this device sends its own changes again and "
                           "reloads the rest.")};
}

} // namespace

PullChecks::PullChecks(QString connectionName)
    : m_connectionName(connectionName)
    , m_statements(std::move(connectionName))
{}

Result<bool> PullChecks::answeredBatchMissing(const Identity &identity, const sync::protocol::PullRequest &request)
{
    if (request.answeredBatch <= 0 || request.site == sync::ByteId())
        return false;
    // Batches are kept for replay and never deleted, and a device numbers its batches one after another and has each
    // answered before the next: those it names are all here unless the store went back in time. It catches pushes
    // answered after the backup whose device has not pulled since (a pull that failed after its push).
    const qint64 last = request.answeredBatch;
    const qint64 named = request.firstBatch > 0 ? request.firstBatch : last; // without `from`: the newest only
    const qint64 first = std::clamp(named, std::max<qint64>(1, last - MaxBatchesChecked + 1), last);
    QSqlQuery &batches =
        m_statements.get("SELECT count(*) FROM sync_batches WHERE tenant_id = ? AND site = ? AND seq BETWEEN ? AND ?");
    batches.addBindValue(identity.tenantId);
    batches.addBindValue(request.site.toBytes());
    batches.addBindValue(first);
    batches.addBindValue(last);
    if (!batches.exec() || !batches.next())
        return queryError(batches, QStringLiteral("Cannot look up the device's answered batches"));
    return batches.value(0).toLongLong() != last - first + 1;
}

Result<std::optional<PullChecks::Numbers>> PullChecks::numbers(qint64 tenantId)
{
    QSqlQuery &query = m_statements.get("SELECT gc_floor, last_seq FROM sync_cursors WHERE tenant_id = ?");
    query.addBindValue(tenantId);
    if (!query.exec())
        return queryError(query, QStringLiteral("Cannot read the collection floor"));
    if (!query.next())
        return std::optional<Numbers>();
    return std::optional<Numbers>(Numbers{query.value(0).toLongLong(), query.value(1).toLongLong()});
}

std::optional<PullChecks::Restart> PullChecks::belowFloor(const std::optional<Numbers> &numbers, qint64 cursor)
{
    if (!numbers || cursor >= numbers->floor)
        return std::nullopt;
    return Restart{sync::protocol::ErrorCode::ResyncRequired,
                   QStringLiteral("This device was away longer than the server keeps deleted rows; it reloads "
                                  "everything once.")};
}

PullChecks::Outcome PullChecks::beforePage(const Identity &identity, const sync::protocol::PullRequest &request)
{
    const StatementCache::Finished finished(m_statements);
    Result<bool> missing = answeredBatchMissing(identity, request);
    if (!missing)
        return missing.error();
    if (*missing)
        return std::optional<Restart>(restored());
    const qint64 cursor = request.cursor;
    if (cursor <= 0) {
        // A pull from the start is a whole snapshot, in the user's scopes as they are now.
        if (identity.rescope) {
            QSqlQuery &done = m_statements.get("UPDATE devices SET rescope = 0 WHERE tenant_id = ? AND id = ?");
            done.addBindValue(identity.tenantId);
            done.addBindValue(identity.deviceId);
            if (!done.exec())
                return queryError(done, QStringLiteral("Cannot record the device's new start"));
        }
        return std::optional<Restart>();
    }
    Result<std::optional<Numbers>> tenant = numbers(identity.tenantId);
    if (!tenant)
        return tenant.error();
    // A cursor comes from a page this server sent, so it is above neither the newest number nor, when that page
    // said it was recorded, the newest cursor recorded for the device, unless the store went back in time (restored
    // from a backup, or a standby that missed the last commits took over). Pushes after the restore can renumber past
    // the first; the second is still below. A page from a server that does not record (an older instance during a
    // rollout) leaves the device's cursor unrecorded, and the device says so.
    Result<qint64> sent = newestSent(identity, request);
    if (!sent)
        return sent.error();
    const bool newerThanSent = request.recorded && *sent >= 0 && cursor > *sent;
    if (newerThanSent || cursor > (*tenant ? (*tenant)->newest : 0))
        return std::optional<Restart>(restored());
    // Checked after the restore: a restart for it does all a resync does, and also sends the device's writes again.
    if (identity.rescope)
        return std::optional<Restart>(Restart{sync::protocol::ErrorCode::ResyncRequired,
                                              QStringLiteral("Your territories changed; this device reloads what you "
                                                             "see once.")});
    return belowFloor(*tenant, cursor);
}

Result<qint64> PullChecks::newestSent(const Identity &identity, const sync::protocol::PullRequest &request)
{
    if (identity.servedCursor >= 0 || !request.recorded || request.site == sync::ByteId())
        return identity.servedCursor;
    // A row with no record yet claimed a recorded cursor: the device signed in again (its token expired or was
    // revoked), or first signed in after the backup this store was restored from, which then lost every row of it.
    QSqlQuery &query = m_statements.get("SELECT COALESCE(MAX(served_cursor), 0) FROM devices WHERE tenant_id = ?"
                                        " AND user_id = ? AND site = ? AND served_cursor >= 0");
    query.addBindValue(identity.tenantId);
    query.addBindValue(identity.userId);
    query.addBindValue(request.site.toBytes());
    if (!query.exec() || !query.next())
        return queryError(query, QStringLiteral("Cannot read the cursors sent to the device's site"));
    return query.value(0).toLongLong();
}

PullChecks::Outcome PullChecks::afterPage(const Identity &identity, const sync::protocol::PullRequest &request)
{
    if (request.cursor <= 0)
        return std::optional<Restart>();
    const StatementCache::Finished finished(m_statements);
    Result<std::optional<Numbers>> tenant = numbers(identity.tenantId);
    if (!tenant)
        return tenant.error();
    return belowFloor(*tenant, request.cursor);
}

Status PullChecks::recordServed(const Identity &identity, const sync::ByteId &site, qint64 cursor)
{
    if (cursor <= identity.servedCursor)
        return {};
    const StatementCache::Finished finished(m_statements);
    const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction tx(db);
    if (Status started = startWrite(tx, db, m_commitPreamble); !started)
        return started;
    // The tenant's newest number rather than the cursor itself: every change numbered up to it was committed when it
    // was read, so a backup holding this record holds them too, and the device's next pages up to it need no write.
    // The site too, so a new row of this device (signed in again) finds the record (newestSent). A pull-only device
    // has no site bound by a push; one another user's device has is not taken (as a push would not).
    QSqlQuery &served = m_statements.get(
        "UPDATE devices SET served_cursor = COALESCE((SELECT CASE WHEN last_seq > ? THEN last_seq ELSE ? END"
        " FROM sync_cursors WHERE tenant_id = ?), ?), site = CASE WHEN site IS NULL AND ? AND NOT EXISTS (SELECT 1"
        " FROM devices o WHERE o.tenant_id = ? AND o.site = ? AND o.user_id <> ? AND o.revoked IS NULL) THEN ? ELSE"
        " site END"
        " WHERE tenant_id = ? AND id = ? AND served_cursor < ?");
    const bool hasSite = !(site == sync::ByteId());
    for (const qint64 value : {cursor, cursor, identity.tenantId, cursor})
        served.addBindValue(value);
    served.addBindValue(hasSite);
    served.addBindValue(identity.tenantId);
    served.addBindValue(site.toBytes());
    served.addBindValue(identity.userId);
    served.addBindValue(site.toBytes());
    for (const qint64 value : {identity.tenantId, identity.deviceId, cursor})
        served.addBindValue(value);
    if (!served.exec())
        return queryError(served, QStringLiteral("Cannot record the cursor sent to a device"));
    return commitWrite(tx, db, m_statements, QStringLiteral("Cannot commit the cursor sent to a device"));
}

} // namespace fieldline::server
