#pragma once

#include "storage/Database.h"
#include "sync/SyncSchema.h"

#include <QByteArray>

namespace fieldline::sync {

/**
 * A deterministic text image of all synced state in one database: every row's causal length, every cell with
 * its stamp (unknown columns included) and the user-visible rows of each synced table, all sorted.
 *
 * Two replicas have converged exactly when their dumps are byte-identical; tests compare dumps rather than
 * trusting "queues empty, no errors".
 */
class CanonicalDump
{
public:
    static storage::Result<QByteArray> of(storage::Database &db, const SyncSchema &schema);
};

} // namespace fieldline::sync
