#pragma once

#include "sync/Change.h"
#include "sync/HybridLogicalClock.h"
#include "sync/RowState.h"

#include <vector>

namespace fieldline::sync {

/**
 * The longest causal length a change may carry: each delete or resurrection adds one, so no row gets near it, and
 * everything that adds to a causal length (a local delete, the server's compensation) stays far from overflowing.
 */
constexpr qint64 MaxCausalLength = qint64(1) << 53;

/**
 * The checks every receiver (a device or the server) makes on a remote change before merging it: identifiers,
 * causal length (1 to MaxCausalLength, odd for a cell), and a clock no more than HybridLogicalClock::MaxAheadMs
 * ahead. Rejected with plain words, or Unchanged when it may be merged.
 */
ApplyResult checkRemoteChange(const Change &change, const HybridLogicalClock &hlc);

/**
 * Merges the changes batch[i] for i in @p indexes, all of one row, into @p state and sets results[i] to Applied or
 * Unchanged. Each merged write keeps batch[i].seq when @p keepOriginSeq (the server), else 0 (a device: a remote
 * write never enters the outgoing log). Returns whether the state changed.
 */
bool mergeRowChanges(RowState &state, const ChangeBatch &batch, const std::vector<size_t> &indexes, bool keepOriginSeq,
                     std::vector<ApplyResult> &results);

} // namespace fieldline::sync
