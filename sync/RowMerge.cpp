#include "sync/RowMerge.h"

#include "sync/SyncSchema.h"

#include <algorithm>
#include <optional>

namespace fieldline::sync {

ApplyResult checkRemoteChange(const Change &change, const HybridLogicalClock &hlc)
{
    auto reject = [](const QString &why) { return ApplyResult{ApplyOutcome::Rejected, why}; };
    if (!SyncSchema::isIdentifier(change.table))
        return reject(QStringLiteral("malformed table name"));
    if (!change.isRowChange() && !SyncSchema::isIdentifier(change.column))
        return reject(QStringLiteral("malformed column name"));
    if (change.stamp.cl < 1 || change.stamp.cl > MaxCausalLength || (!change.isRowChange() && !change.stamp.alive()))
        return reject(QStringLiteral("malformed causal length %1").arg(change.stamp.cl));
    if (storage::Status skew = hlc.checkRemote(change.stamp.hlc); !skew)
        return reject(skew.message());
    return {ApplyOutcome::Unchanged, QString()};
}

bool mergeRowChanges(RowState &state, const ChangeBatch &batch, const std::vector<size_t> &indexes, bool keepOriginSeq,
                     std::vector<ApplyResult> &results)
{
    bool changed = false;
    std::optional<Stamp> maxCell;
    for (size_t i : indexes) {
        const Change &change = batch[i];
        const qint64 seq = keepOriginSeq ? change.seq : 0;
        const bool applied = change.isRowChange() ? state.mergeRecord(change.stamp, seq)
                                                  : state.mergeCell(change.column, change.value, change.stamp, seq);
        if (!change.isRowChange())
            maxCell = std::max(maxCell.value_or(change.stamp), change.stamp);
        results[i].outcome = applied ? ApplyOutcome::Applied : ApplyOutcome::Unchanged;
        changed = changed || applied;
    }
    // A cell written in life N proves the row reached causal length N, whichever message said so first.
    if (maxCell && maxCell->cl > state.causalLength())
        changed = state.mergeRecord(*maxCell, 0) || changed;
    return changed;
}

} // namespace fieldline::sync
