#pragma once

#include "sync/ByteId.h"
#include "sync/Refusal.h"
#include "sync/Stamp.h"
#include "sync/Value.h"

#include <QString>

#include <vector>

namespace fieldline::sync {

/**
 * One unit of replication. A cell change sets one column of one row; a row change (empty column) moves the
 * row's causal length (delete, resurrection, or creation with no cells).
 *
 * (stamp.site, seq) identifies the change at its origin: seq is the origin's local sequence number, so a
 * receiver or the server can recognise a replayed batch.
 */
struct Change
{
    QString table;
    RowId row;
    QString column; ///< empty: a row change
    Value value;
    Stamp stamp;
    qint64 seq = 0;
    /// The sender's schema version (SyncSchema::version); 0 when not known. Lets a receiver tell a column from a
    /// newer release (kept until an upgrade shows it) from one it should have known.
    qint64 schemaVersion = 0;

    bool isRowChange() const { return column.isEmpty(); }
};

using ChangeBatch = std::vector<Change>;

/** What applying one remote change did. */
enum class ApplyOutcome {
    Applied,   ///< it won and is now part of this replica's state
    Unchanged, ///< this replica already held it or something newer (duplicates land here)
    Rejected,  ///< refused (clock too far ahead, malformed); message says why
};

struct ApplyResult
{
    ApplyOutcome outcome = ApplyOutcome::Unchanged;
    QString message;
    Refusal refusal; ///< with Rejected, from the server: why, for the device to word

    /** Rejected for @p why, with its words as the message. */
    static ApplyResult refused(Refusal why) { return {ApplyOutcome::Rejected, why.words(), std::move(why)}; }
};

} // namespace fieldline::sync
