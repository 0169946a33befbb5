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
    /** What the device sends the server again when it starts over. */
    enum class Resend {
        Nothing,   ///< the server has everything this device pushed (it was away past the horizon)
        OwnWrites, ///< the server lost writes it had acknowledged (restored from a backup): all of this device's
    };
    /**
     * Starts over from cursor 0, in one transaction. With Resend::OwnWrites every local write counts as unsent, so it
     * is pushed again and its rows are kept through the resync, whatever the server still holds.
     */
    storage::Status begin(Resend resend = Resend::Nothing);
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
