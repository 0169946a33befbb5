#pragma once

#include "PullChecks.h"
#include "ReplicationScope.h"
#include "StatementCache.h"
#include "TenantStore.h"
#include "storage/Error.h"
#include "sync/Clock.h"
#include "sync/RowState.h"
#include "sync/Tombstones.h"
#include "sync/protocol/ProtocolMessages.h"

#include <QByteArray>

#include <QString>
#include <map>

#include <optional>
#include <vector>

namespace fieldline::server {

class SqlTransaction;

/**
 * The tenant's synced rows on the server, through Qt SQL on the tenant store's connection.
 *
 * Rows are kept merged, one record per row with its cells packed as on the client (sync::RowState), and every
 * row that changes takes the tenant's next sequence number. So the table is its own compacted change log: a
 * pull from cursor N returns every row changed after N in its current state, and a pull from 0 is a snapshot.
 */
class SyncStore
{
public:
    SyncStore(QString connectionName, const sync::Clock &clock);

    /**
     * A statement run first in every push, acknowledgement and PullChecks::recordServed transaction:
     * PostgresCommits::AsyncCommit under group commit, whose answers wait for the flush instead (DurableAnswers).
     * Empty by default.
     */
    void setCommitPreamble(QString statement);

    /**
     * Ties @p site to the identity's device on its first push. Returns why it is refused (the device already
     * writes as another site, or a device of another user in the tenant writes as this one), or nullopt.
     */
    storage::Result<std::optional<QString>> bindSite(const Identity &identity, const sync::SiteId &site);

    /** What a push did: the encoded push-response, and whether the tenant's cursor moved. */
    struct PushOutcome
    {
        QByteArray response;
        bool cursorMoved = false;
        qint64 cursor = 0;
    };

    /**
     * Merges a pushed batch in one transaction. A replayed (site, seq) returns the response stored the first time
     * and changes nothing. Each change is checked on its own; a rejected one does not sink the batch.
     */
    storage::Result<PushOutcome> push(const Identity &identity, const sync::protocol::PushRequest &request);

    /**
     * Rows changed after @p cursor, at most about @p limit changes and Limits::PullPageBytes of cells (always at
     * least one row if any), in the
     * @p scope. Rows outside it are named as evicted, so a device drops a row that left its user's scopes; a pull
     * from 0 names none, nor does a pull from a chain begun at 0 (@p freshHead, that pull's head) for rows that
     * have not changed since.
     */
    storage::Result<sync::protocol::PullResponse> pull(qint64 tenantId, const ReplicationScope &scope, qint64 cursor,
                                                       qint64 limit, qint64 freshHead = 0);

    /** Records how far the device has applied; a cursor beyond the tenant's is Invalid. */
    storage::Status acknowledge(const Identity &identity, qint64 cursor);

    /**
     * Merges changes the server itself writes (demo data, imports) in one transaction, without the checks a
     * device's push gets; returns the tenant's cursor afterwards.
     */
    storage::Result<qint64> writeAsServer(qint64 tenantId, const sync::ChangeBatch &changes);

    /** One stored row: deleted rows are included, with an even causal length. */
    struct StoredRow
    {
        sync::RowId id;
        sync::RowState state;
        qint64 schemaVersion = 0; ///< the newest schema version that wrote it
    };

    /** Every row of @p table in the tenant, ordered by row id: for CSV export, and imports that update rows. */
    storage::Result<std::vector<StoredRow>> rows(qint64 tenantId, const QString &table);
    /** The rows of @p table with ids from @p first to @p last, through the primary key (one submission's values). */
    storage::Result<std::vector<StoredRow>> rows(qint64 tenantId, const QString &table, const sync::RowId &first,
                                                 const sync::RowId &last);
    /** The rows of @p table with the ids @p ids (each named once) that exist, in no particular order: rows an import
     * names. */
    storage::Result<std::vector<StoredRow>> rows(qint64 tenantId, const QString &table,
                                                 const std::vector<sync::RowId> &ids);

    /** The tenant's newest sequence number (0 before any change). */
    storage::Result<qint64> cursor(qint64 tenantId);

    /** How long a deleted row's tombstone is kept at least (DESIGN.md: 60 days by default). */
    static constexpr qint64 DefaultHorizonMs = sync::TombstoneHorizonMs;
    /**
     * Forgets the tenant's tombstones older than @p horizonMs that every active device (not revoked, and
     * acknowledged within the horizon) has acknowledged; returns how many rows went. A device that was silent
     * longer than the horizon may have missed some of them: its pulls from below the tenant's collection floor
     * are refused, and it resyncs from the start instead (see PullChecks::beforePage).
     */
    storage::Result<qint64> collectTombstones(qint64 tenantId, qint64 horizonMs = DefaultHorizonMs);
    /** What a pull checks before and after its page, and the record of the cursors pages sent each device. */
    PullChecks &pullChecks() { return m_pullChecks; }

    /** The most changes one pull returns (the protocol decoder's array limit is 10,000). */
    static constexpr qint64 MaxPullChanges = 5000;

private:
    /** Appends the rows @p query selected (row_id, cl, hlc, site, rec_seq, cells, schema_version) to @p out. */
    static storage::Status readRows(QSqlQuery &query, std::vector<StoredRow> &out);
    /** Appends the stored rows of @p table with @p ids to @p out, 64 to a statement; leaves other statements alone. */
    storage::Status readRowsById(qint64 tenantId, const QString &table, const std::vector<sync::RowId> &ids,
                                 std::vector<StoredRow> &out);
    /** Writes back the server's copy of rows whose changes a role may not make (WritePolicy); the new cursor. */
    storage::Result<qint64> compensate(qint64 tenantId, qint64 last,
                                       const std::map<std::pair<QString, sync::RowId>, sync::ChangeBatch> &refusedRows);
    /** Locks the tenant's cursor for the caller's transaction and returns it; see the comment inside. */
    storage::Result<qint64> lockCursor(qint64 tenantId);
    /**
     * Merges every change whose result is not Rejected, inside the caller's transaction that locked the cursor at
     * @p last; the new cursor. Each row keeps the newest schema version its applied changes carry (or
     * @p batchSchemaVersion for a change without one). With @p retryMs (a push's "refused for now" waits), cells
     * that share a refused record's answer share its wait too.
     */
    storage::Result<qint64> mergeChecked(qint64 tenantId, qint64 last, const sync::ChangeBatch &changes,
                                         std::vector<sync::ApplyResult> &results, qint64 batchSchemaVersion = 0,
                                         std::vector<qint64> *retryMs = nullptr);

    QString m_connectionName;
    QString m_commitPreamble;
    const sync::Clock &m_clock;
    StatementCache m_statements;
    PullChecks m_pullChecks;
};

} // namespace fieldline::server
