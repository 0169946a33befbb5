#pragma once

#include "storage/Database.h"
#include "sync/Change.h"
#include "sync/CrdtStore.h"
#include "sync/HybridLogicalClock.h"
#include "sync/RowMaterializer.h"
#include "sync/SyncSchema.h"

#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace fieldline::sync {

/** Column values for a local write, in any order. */
using Cells = std::vector<std::pair<QString, Value>>;

/**
 * One device's copy of the synced tables, over one encrypted database.
 *
 * Local writes go through insert/update/remove/resurrect: each writes the user table, the CRDT cells and the
 * outgoing log in one transaction, so a change is captured exactly when it is committed. applyRemote merges a
 * batch from elsewhere in one transaction, without putting it in the outgoing log.
 */
class Replica
{
public:
    struct Options
    {
        /** The site id given to a new database; random when unset. Ignored when the database has one. */
        std::optional<SiteId> newSiteId;
    };

    static storage::Result<std::unique_ptr<Replica>> open(std::unique_ptr<storage::Database> db, SyncSchema schema,
                                                          const Clock &clock, const Options &options);
    static storage::Result<std::unique_ptr<Replica>> open(std::unique_ptr<storage::Database> db, SyncSchema schema,
                                                          const Clock &clock)
    {
        return open(std::move(db), std::move(schema), clock, Options{});
    }
    /** Over a database someone else owns (the unlocked profile's); it must outlive the replica. */
    static storage::Result<std::unique_ptr<Replica>> open(storage::Database &db, SyncSchema schema, const Clock &clock);

    Replica(const Replica &) = delete;
    Replica &operator=(const Replica &) = delete;

    const SiteId &siteId() const { return m_site; }
    /**
     * The highest sequence number given to a local write (0 before any). A write inside a caller's transaction
     * that was then rolled back leaves a gap: sequence numbers only ever grow, they are not dense.
     */
    qint64 lastSeq() const { return m_lastSeq; }
    /**
     * The last local seq committed to disk. lastSeq() runs ahead of it after a write whose enclosing transaction
     * rolled back; those seqs are used again after a restart, so nothing may be marked settled past this one.
     */
    storage::Result<qint64> committedSeq() { return m_store.storedSeq(); }
    const SyncSchema &schema() const { return m_schema; }
    storage::Database &database() { return *m_db; }
    /**
     * Called after each successful local write (not for remote changes), so that a sync service can push it soon.
     * The write may still be inside the caller's own transaction: act on it later, from the event loop.
     */
    void setLocalWriteListener(std::function<void()> listener) { m_localWrite = std::move(listener); }

    /** Creates a row with a fresh random id. */
    storage::Result<RowId> insert(const QString &table, const Cells &cells);
    /** Creates a row with a caller-chosen id (imports, deterministic tests). Fails if the id is known. */
    storage::Status insert(const QString &table, const RowId &row, const Cells &cells);
    /** Sets columns of an alive row. Not allowed on grow-only tables. */
    storage::Status update(const QString &table, const RowId &row, const Cells &cells);
    /** Deletes an alive row (its causal length becomes even). */
    storage::Status remove(const QString &table, const RowId &row);
    /** Brings a deleted row back, optionally writing columns in its new life. */
    storage::Status resurrect(const QString &table, const RowId &row, const Cells &cells);

    /** The local changes after @p since (a seq a peer acknowledged), for push. */
    storage::Result<ChangeBatch> changesSince(qint64 since) { return m_store.changesSince(since); }
    /** How many changes changesSince(@p since) holds (the count a status bar shows, cheaply). */
    storage::Result<qint64> countChangesSince(qint64 since) { return m_store.countChangesSince(since); }
    /** Every row of @p table known here with its causal length. */
    storage::Result<std::vector<std::pair<RowId, qint64>>> rows(const QString &table) { return m_store.rows(table); }
    /** The tables holding rows, known to this build or not. */
    storage::Result<QStringList> storedTables() { return m_store.tables(); }
    /** Whether any synced row is known here (alive or deleted). */
    storage::Result<bool> holdsRows() { return m_store.holdsRows(); }
    /** The CRDT state of one row (cells of unknown columns included). */
    storage::Result<RowState> rowState(const QString &table, const RowId &row) { return m_store.loadRow(table, row); }

    /**
     * Merges a remote batch in one transaction. Each change gets its own result: one change refused (clock
     * too far ahead, malformed) does not sink the others. The Error case means nothing was applied.
     */
    storage::Result<std::vector<ApplyResult>> applyRemote(const ChangeBatch &batch);
    /**
     * Drops rows the server no longer has (their tombstones were collected while this device was away), in one
     * transaction and without capturing a change: nothing about them is sent anywhere.
     */
    storage::Status forgetRows(const QString &table, const std::vector<RowId> &rows);
    /** Which rows forgetSettledRows() keeps. */
    enum class KeepIf {
        AnyChangeUnsent, ///< a row with any local change after pushedSeq
        RecordUnsent,    ///< only a row created, deleted or resurrected here after pushedSeq (cell edits are dropped)
    };
    /**
     * forgetRows for those of @p rows with nothing waiting to be pushed (no local change after @p pushedSeq, or
     * with RecordUnsent no unsent change of the row record): the others stay until their changes went up. Returns
     * how many were forgotten.
     */
    storage::Result<qint64> forgetSettledRows(const QString &table, const std::vector<RowId> &rows, qint64 pushedSeq,
                                              KeepIf keep = KeepIf::AnyChangeUnsent);
    /**
     * Forgets the records of rows deleted before @p beforeMs whose deletion (and every later local change) was
     * pushed, i.e. no local change after @p pushedSeq. Past the tombstone horizon no change older than the delete
     * can still arrive (a device away that long resyncs), so nothing comes back to life. Returns how many went.
     */
    storage::Result<qint64> collectTombstones(qint64 beforeMs, qint64 pushedSeq);

private:
    enum class WriteKind { Insert, Update, Remove, Resurrect };

    Replica(std::unique_ptr<storage::Database> owned, storage::Database &db, SyncSchema schema, const Clock &clock);
    static storage::Result<std::unique_ptr<Replica>> finishOpen(std::unique_ptr<Replica> replica,
                                                                const Options &options);
    storage::Status write(WriteKind kind, const QString &table, const RowId &row, const Cells &cells);
    ApplyResult validate(const Change &change) const;
    /** Rewrites every alive row of @p table from its cells, after columns were added to it. */
    storage::Status rematerialize(const QString &table);

    std::unique_ptr<storage::Database> m_owned; ///< null when the database is borrowed
    storage::Database *m_db;
    SyncSchema m_schema;
    CrdtStore m_store;
    RowMaterializer m_materializer;
    HybridLogicalClock m_hlc;
    SiteId m_site;
    qint64 m_lastSeq = 0;
    std::function<void()> m_localWrite;
};

} // namespace fieldline::sync
