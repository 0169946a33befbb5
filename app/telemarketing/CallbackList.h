#pragma once

#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QSet>
#include <QString>

#include <vector>

namespace fieldline::sync {
class Replica;
}

namespace fieldline::telemarketing {

struct PlannedCallback
{
    sync::RowId id;
    QString name; ///< the contact's
    qint64 dueMs = 0;
    bool pool = false; ///< any agent may make it
};

/**
 * The callbacks of a campaign still to be made that an agent may take (their own and the pool's), earliest first,
 * and which of them fell due since the agent was last reminded (each is reminded of once).
 */
class CallbackList
{
public:
    static constexpr int Limit = 50;

    explicit CallbackList(sync::Replica &replica)
        : m_replica(replica)
    {}

    storage::Result<std::vector<PlannedCallback>> pending(const sync::RowId &campaign, const QString &agent);
    /** Those of @p pending that are due at @p nowMs and were not returned here before. */
    std::vector<PlannedCallback> newlyDue(const std::vector<PlannedCallback> &pending, qint64 nowMs);

private:
    sync::Replica &m_replica;
    QSet<QByteArray> m_reminded;
};

} // namespace fieldline::telemarketing
