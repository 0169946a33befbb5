#include "app/telemarketing/AgentStats.h"

#include "storage/Database.h"
#include "storage/Statement.h"

#include <QDateTime>

namespace fieldline::telemarketing {

storage::Result<AgentStats> AgentStats::read(storage::Database &db, const QString &agent, qint64 dayStartMs,
                                             qint64 dayEndMs, const QSet<QString> &conversionCodes)
{
    storage::Result<storage::Statement *> query =
        db.prepare("SELECT started_ms, ifnull(duration_ms, 0), disposition FROM call_attempts"
                   " WHERE owner = ? AND started_ms >= ? AND started_ms < ?");
    if (!query)
        return query.error();
    query.value()->bind(1, agent).bind(2, dayStartMs).bind(3, dayEndMs);
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
        ++out.perHour[size_t(QDateTime::fromMSecsSinceEpoch(row.int64(0)).time().hour())];
    });
    if (!read)
        return read.error();
    return out;
}

} // namespace fieldline::telemarketing
