#include "app/telemarketing/AgentStats.h"

#include "storage/Database.h"
#include "storage/Statement.h"

namespace fieldline::telemarketing {

storage::Result<AgentStats> AgentStats::read(storage::Database &db, const QString &agent, qint64 dayStartMs,
                                             const QSet<QString> &conversionCodes)
{
    constexpr qint64 HourMs = 3'600'000;
    storage::Result<storage::Statement *> query =
        db.prepare("SELECT started_ms, ifnull(duration_ms, 0), disposition FROM call_attempts"
                   " WHERE owner = ? AND started_ms >= ? AND started_ms < ?");
    if (!query)
        return query.error();
    query.value()->bind(1, agent).bind(2, dayStartMs).bind(3, dayStartMs + 24 * HourMs);
    AgentStats out;
    const storage::Status read = query.value()->forEachRow([&](const storage::Statement &row) {
        ++out.calls;
        const qint64 talk = row.int64(1);
        if (talk > 0) {
            ++out.reached;
            out.talkMs += talk;
        }
        if (conversionCodes.contains(row.text(2)))
            ++out.conversions;
        const qint64 hour = (row.int64(0) - dayStartMs) / HourMs;
        if (hour >= 0 && hour < 24)
            ++out.perHour[size_t(hour)];
    });
    if (!read)
        return read.error();
    return out;
}

} // namespace fieldline::telemarketing
