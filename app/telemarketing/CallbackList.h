#pragma once

#include "app/telemarketing/DialGuard.h"
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
 * The callbacks of a campaign still to be made that an agent may take (their own and the pool's, not those a
 * colleague is working on), earliest first, and which of them fell due since the agent was last reminded (each is
 * reminded of once). A callback to a person
 * who may no longer be called at all (opted out, or every number of theirs on a do-not-call list since) is not
 * listed: the queue never offers it, so it would only remind the agent of a call they cannot make.
 */
class CallbackList
{
public:
    static constexpr int Limit = 50;

    CallbackList(sync::Replica &replica, CallingHours &hours)
        : m_replica(replica)
        , m_guard(replica, hours)
    {}

    /** Up to Limit callbacks, and one more when there are more than Limit (so a count can say "at least"). */
    storage::Result<std::vector<PlannedCallback>> pending(const sync::RowId &campaign, const QString &agent,
                                                          qint64 nowMs);
    /** Those of @p pending that are due at @p nowMs and were not returned here before. */
    std::vector<PlannedCallback> newlyDue(const std::vector<PlannedCallback> &pending, qint64 nowMs);

private:
    /** False when contact @p contact (when this device has them) may not be called on any number for @p campaign. */
    storage::Result<bool> reachable(const QByteArray &contact, const sync::RowId &campaign, qint64 nowMs);

    sync::Replica &m_replica;
    DialGuard m_guard; ///< the dialer's own checks, without the hours (a callback is for later)
    QSet<QByteArray> m_reminded;
};

} // namespace fieldline::telemarketing
