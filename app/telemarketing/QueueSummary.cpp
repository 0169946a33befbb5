#include "app/telemarketing/QueueSummary.h"

#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/SeekDistinct.h"
#include "storage/Database.h"
#include "storage/Statement.h"

namespace fieldline::telemarketing {

namespace {

void add(QueueCount &to, qint64 count, bool atLeast)
{
    to.count += count;
    to.atLeast = to.atLeast || atLeast;
}

} // namespace

storage::Result<QueueSummary> QueueSummary::read(storage::Database &db, CallingHours &hours, const Campaign &campaign,
                                                 const QString &agent, const QDateTime &now,
                                                 const sync::RowId &onScreen)
{
    QueueSummary summary;
    if (!campaign.isActive())
        return summary;
    storage::Result<QStringList> zones = queuedZones(db, campaign.id);
    if (!zones)
        return zones.error();
    // The inner query stops after RowsPerZone + 1 index entries, whatever they hold; the outer one tells them apart.
    // The person on the agent's screen (?7) no longer waits, but those they hold ahead (ClaimReserve) wait for them;
    // the screen's member is told by rowid, which every index holds, so the count stays within the index.
    static const QByteArray sql = "SELECT count(*), total(mine AND ifnull(next_attempt_ms, 0) <= ?3), total(mine)"
                                  " FROM (SELECT next_attempt_ms, ifnull(attempts, 0) < ?4"
                                  " AND (owner = ?5 OR owner IS NULL OR owner = '')"
                                  " AND rowid IS NOT (SELECT rowid FROM campaign_members WHERE id = ?7) AND " +
                                  Claims::freeFor(5, 3) +
                                  " AS mine FROM campaign_members"
                                  " WHERE campaign = ?1 AND status = 'queued' AND zone = ?2 LIMIT ?6)";
    storage::Result<storage::Statement *> query = db.prepare(sql.constData());
    if (!query)
        return query.error();
    storage::Statement &row = *query.value();
    for (const QString &zone : *zones) {
        row.bind(1, campaign.id.toBytes()).bind(2, zone).bind(3, now.toMSecsSinceEpoch());
        row.bind(4, campaign.maxAttempts).bind(5, agent).bind(6, RowsPerZone + 1).bind(7, onScreen.toBytes());
        storage::Result<bool> found = row.step();
        if (!found)
            return found.error();
        const bool stopped = row.int64(0) > RowsPerZone; // one more row than the limit read: there may be others
        const qint64 due = row.int64(1);
        const qint64 waiting = row.int64(2);
        row.reset();
        if (hours.isOpen(zone, campaign.window, now)) {
            add(summary.readyNow, due, stopped);
            add(summary.later, waiting - due, stopped);
        } else {
            add(summary.later, waiting, stopped);
        }
    }
    return summary;
}

} // namespace fieldline::telemarketing
