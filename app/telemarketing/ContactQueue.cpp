#include "app/telemarketing/ContactQueue.h"

#include "app/telemarketing/Claims.h"
#include "app/telemarketing/ContactNumbers.h"
#include "app/telemarketing/SeekDistinct.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

#include <algorithm>
#include <limits>

namespace fieldline::telemarketing {

using storage::Result;
using sync::RowId;

namespace {

/** Members read per open zone at first; four times more each time the ones read are all blocked (up to 4,096). */
constexpr int FirstHeadSize = 16;
constexpr int LastHeadSize = 4096;
constexpr int CallbacksPerLook = 64;
constexpr int CallbackLooks = 16; ///< at most 1,024 due callbacks passed over (all blocked) before members' turn

} // namespace

Result<std::optional<QueuedCall>> ContactQueue::next(const Campaign &campaign, const QString &agent,
                                                     const QDateTime &now, const QueueScope &scope)
{
    if (!campaign.isActive())
        return std::optional<QueuedCall>();
    Result<std::optional<QueuedCall>> callback = nextCallback(campaign, agent, now, scope);
    if (!callback || *callback)
        return callback;

    Result<QStringList> zones = queuedZones(m_replica.database(), campaign.id);
    if (!zones)
        return zones.error();
    QStringList open;
    for (const QString &zone : *zones) {
        if (m_hours.isOpen(zone, campaign.window, now))
            open.append(zone);
    }
    const qint64 nowMs = now.toMSecsSinceEpoch();
    std::vector<Candidate> held; // read whole: not bounded like the heads of zones
    if (!scope.pool) {
        if (storage::Status read = heldAhead(campaign, open, agent, nowMs, scope.settledSeq, held); !read)
            return read.error();
    }
    const auto ranksBefore = [](const Candidate &a, const Candidate &b) {
        if (a.priority != b.priority)
            return a.priority > b.priority;
        if (a.nextAttemptMs != b.nextAttemptMs)
            return a.nextAttemptMs < b.nextAttemptMs;
        return a.rowid < b.rowid; // the queue index's own order for ties
    };
    for (int limit = FirstHeadSize; limit <= LastHeadSize; limit *= 4) {
        std::vector<Candidate> candidates = held;
        // A zone that filled its limit may hold unread members ranking anywhere after its last row read: nothing
        // ranking after the earliest such row is offered before that zone has been read further.
        std::optional<Candidate> boundary;
        for (const QString &zone : open) {
            const size_t before = candidates.size();
            bool full = false;
            if (storage::Status read = headOfZone(campaign, zone, agent, nowMs, scope.pool, limit, candidates, full);
                !read)
                return read.error();
            if (full && candidates.size() > before && (!boundary || ranksBefore(candidates.back(), *boundary)))
                boundary = candidates.back();
        }
        std::sort(candidates.begin(), candidates.end(), ranksBefore);
        for (const Candidate &candidate : candidates) {
            if (boundary && ranksBefore(*boundary, candidate))
                break;
            if (scope.passesOver(candidate.member))
                continue;
            QueuedCall call;
            call.member = candidate.member;
            call.contact = candidate.contact;
            call.priority = int(candidate.priority);
            call.attempts = int(candidate.attempts);
            call.pool = candidate.pool;
            Result<std::optional<QueuedCall>> found = callable(std::move(call), campaign, now);
            if (!found)
                return found;
            if (!*found)
                continue;
            if (candidate.pool) {
                Result<qint64> until = Claims(m_replica).confirmedUntil(candidate.member, agent, scope.settledSeq);
                if (!until)
                    return until.error();
                (*found)->confirmedUntilMs = *until;
            }
            return found;
        }
        if (!boundary)
            break;
    }
    return std::optional<QueuedCall>();
}

Result<std::optional<QueuedCall>> ContactQueue::nextCallback(const Campaign &campaign, const QString &agent,
                                                             const QDateTime &now, const QueueScope &scope)
{
    // Read a page at a time from where the last one ended, so due callbacks that cannot be made now (hours, a
    // number listed since) do not hide the ones behind them.
    static const QByteArray sql = "SELECT id, member, contact, due_ms, ifnull(owner, '') = '' FROM callbacks"
                                  " WHERE campaign = ?1 AND status = 'due' AND due_ms <= ?2"
                                  " AND (owner = ?3 OR (?7 AND ifnull(owner, '') = '')) AND " +
                                  Claims::freeFor(3, 2) + " AND " + callbackOfLiveMember("callbacks") +
                                  " AND (due_ms, id) > (?5, ?6) ORDER BY due_ms, id LIMIT ?4";
    qint64 afterDue = std::numeric_limits<qint64>::min();
    QByteArray afterId;
    for (int look = 0; look < CallbackLooks; ++look) {
        Result<storage::Statement *> query = m_replica.database().prepare(sql.constData());
        if (!query)
            return query.error();
        storage::Statement &rows = *query.value();
        rows.bind(1, campaign.id.toBytes()).bind(2, now.toMSecsSinceEpoch()).bind(3, agent).bind(4, CallbacksPerLook);
        rows.bind(5, afterDue).bind(6, afterId).bind(7, qint64(scope.pool));
        std::vector<QueuedCall> due;
        int read = 0;
        const storage::Status status = rows.forEachRow([&](const storage::Statement &row) {
            ++read;
            afterId = row.blob(0);
            afterDue = row.int64(3);
            QueuedCall call;
            call.callback = RowId::fromBytes(row.blob(0));
            call.member = RowId::fromBytes(row.blob(1)).value_or(RowId());
            call.contact = RowId::fromBytes(row.blob(2)).value_or(RowId());
            call.pool = row.int64(4) != 0;
            if (call.callback && !scope.passesOver(*call.callback))
                due.push_back(std::move(call));
        });
        if (!status)
            return status.error();
        for (QueuedCall &call : due) {
            Result<std::optional<QueuedCall>> found = callable(std::move(call), campaign, now);
            if (!found || *found)
                return found;
        }
        if (read < CallbacksPerLook)
            break;
    }
    return std::optional<QueuedCall>();
}

storage::Status ContactQueue::heldAhead(const Campaign &campaign, const QStringList &open, const QString &agent,
                                        qint64 nowMs, qint64 settledSeq, std::vector<Candidate> &out)
{
    // "claimed_by <> ''" lets the planner use the partial index of claimed members (tm_members_claimed): few rows.
    static const QByteArray sql =
        "SELECT id, contact, priority, next_attempt_ms, attempts, rowid, zone FROM campaign_members"
        " WHERE claimed_by = ?1 AND claimed_by <> '' AND campaign = ?2 AND ifnull(owner, '') = ''"
        " AND status = 'queued' AND claimed_until_ms > ?3 AND ifnull(next_attempt_ms, 0) <= ?4"
        " AND ifnull(attempts, 0) < ?5";
    Result<storage::Statement *> query = m_replica.database().prepare(sql.constData());
    if (!query)
        return query.error();
    storage::Statement &rows = *query.value();
    rows.bind(1, agent).bind(2, campaign.id.toBytes()).bind(3, nowMs + Claims::OfflineMarginMs).bind(4, nowMs);
    rows.bind(5, campaign.maxAttempts);
    std::vector<Candidate> held;
    const storage::Status read = rows.forEachRow([&](const storage::Statement &row) {
        const std::optional<RowId> member = RowId::fromBytes(row.blob(0));
        const std::optional<RowId> contact = RowId::fromBytes(row.blob(1));
        if (member && contact && open.contains(row.text(6)))
            held.push_back({*member, *contact, row.int64(2), row.int64(3), row.int64(4), row.int64(5), true});
    });
    if (!read)
        return read;
    // The lease stored may be one this device wrote and the server has not seen: only a confirmed one counts.
    Claims claims(m_replica);
    for (const Candidate &candidate : held) {
        Result<qint64> until = claims.confirmedUntil(candidate.member, agent, settledSeq);
        if (!until)
            return until.status();
        if (*until > nowMs + Claims::OfflineMarginMs)
            out.push_back(candidate);
    }
    return storage::Status();
}

storage::Status ContactQueue::headOfZone(const Campaign &campaign, const QString &zone, const QString &agent,
                                         qint64 nowMs, bool withPool, int limit, std::vector<Candidate> &out,
                                         bool &full)
{
    // Rows another agent claims are passed over here, after the index seek (claims are few at any time).
    static const QByteArray columns =
        "SELECT id, contact, priority, next_attempt_ms, attempts, rowid, ifnull(owner, '') = '' FROM campaign_members";
    static const QByteArray tail = " AND status = 'queued' AND zone = ?2 AND ifnull(next_attempt_ms, 0) <= ?3"
                                   " AND ifnull(attempts, 0) < ?4 AND " +
                                   Claims::freeFor(5, 3) + " ORDER BY priority DESC, next_attempt_ms, rowid LIMIT ?6";
    static const QByteArray withPoolSql =
        columns + " WHERE campaign = ?1 AND (owner = ?5 OR ifnull(owner, '') = '')" + tail;
    // "owner <> ''" lets the planner use the partial index of owned members (tm_members_own).
    static const QByteArray ownSql = columns + " WHERE campaign = ?1 AND owner = ?5 AND owner <> ''" + tail;
    Result<storage::Statement *> query = m_replica.database().prepare((withPool ? withPoolSql : ownSql).constData());
    if (!query)
        return query.error();
    storage::Statement &rows = *query.value();
    rows.bind(1, campaign.id.toBytes()).bind(2, zone).bind(3, nowMs).bind(4, campaign.maxAttempts).bind(5, agent);
    rows.bind(6, limit);
    int count = 0;
    const storage::Status read = rows.forEachRow([&](const storage::Statement &row) {
        ++count;
        const std::optional<RowId> member = RowId::fromBytes(row.blob(0));
        const std::optional<RowId> contact = RowId::fromBytes(row.blob(1));
        if (member && contact)
            out.push_back(
                {*member, *contact, row.int64(2), row.int64(3), row.int64(4), row.int64(5), row.int64(6) != 0});
    });
    full = count == limit;
    return read;
}

Result<std::optional<QueuedCall>> ContactQueue::callable(QueuedCall call, const Campaign &campaign,
                                                         const QDateTime &now)
{
    Result<ContactNumbers> contact = ContactNumbers::read(m_replica.database(), call.contact);
    if (!contact) {
        if (contact.error().code == storage::ErrorCode::NotFound)
            return std::optional<QueuedCall>(); // not (or no longer) on this device: nothing to call
        return contact.error();
    }
    for (const QString &number : contact->numbers) {
        Result<DialGuard::Check> check = m_guard.check({number, &contact.value(), campaign.id, campaign.window}, now);
        if (!check)
            return check.error();
        if (check->allowed()) {
            call.number = number;
            call.zoneKey = check->zoneKey;
            call.localTime = check->localTime;
            return std::optional<QueuedCall>(std::move(call));
        }
        if (check->verdict == DialGuard::Verdict::ContactOptedOut)
            break;
    }
    return std::optional<QueuedCall>();
}

} // namespace fieldline::telemarketing
