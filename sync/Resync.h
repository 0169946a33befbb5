#pragma once

#include "storage/Database.h"
#include "sync/Replica.h"
#include "sync/SyncStateStore.h"

namespace fieldline::sync {

/**
 * A device that was away longer than the server keeps deleted rows (the tombstone horizon) may have missed
 * deletions the server has since forgotten: its pull is refused with resync-required. It then pulls everything
 * again from the start, noting every row the server sent, and finally drops the rows the server no longer has,
 * except those with local changes not yet pushed (those go up as usual). The flag and the rows seen are in the
 * encrypted store, so a resync cut off by a crash goes on where it stopped.
 */
class Resync
{
public:
    Resync(storage::Database &db, Replica &replica, SyncStateStore &state);

    storage::Status createTables();
    /** Whether a resync is under way. */
    storage::Result<bool> active();
    /** Starts over from cursor 0, in one transaction. */
    storage::Status begin();
    /** Notes the rows of a page before it is applied. */
    storage::Status noteSeen(const ChangeBatch &page);
    /** After the last page: drops the rows the server did not send and that have nothing to push; how many. */
    storage::Result<qint64> finish();

private:
    storage::Database &m_db;
    Replica &m_replica;
    SyncStateStore &m_state;
};

} // namespace fieldline::sync
