#pragma once

#include "storage/Error.h"

#include <QDateTime>
#include <QSet>
#include <QString>
#include <QTimeZone>

#include <array>

namespace fieldline::storage {
class Database;
}

namespace fieldline::telemarketing {

/** A day from one local midnight to the next (23 or 25 hours on a clock-change day). */
struct LocalDay
{
    qint64 startMs = 0;
    qint64 endMs = 0;

    /** The day @p moment falls on in this computer's time zone. */
    static LocalDay of(const QDateTime &moment)
    {
        const QDateTime local = moment.toLocalTime();
        return {QDateTime(local.date(), QTime(0, 0), local.timeZone()).toMSecsSinceEpoch(),
                QDateTime(local.date().addDays(1), QTime(0, 0), local.timeZone()).toMSecsSinceEpoch()};
    }
};

/** An agent's day in numbers: what the stats strip and the calls-per-hour chart show. */
struct AgentStats
{
    int calls = 0;
    int reached = 0; ///< calls that were answered (talk time above zero)
    qint64 talkMs = 0;
    int conversions = 0;           ///< calls whose disposition counts as a conversion
    std::array<int, 24> perHour{}; ///< calls by the hour they started, in the agent's time

    /**
     * The attempts of @p agent that started in [@p dayStartMs, @p dayEndMs) (the agent's local midnights, 23 or
     * 25 hours apart on a clock-change day), by the local hour they started at; @p conversionCodes are the
     * campaign's conversion dispositions.
     */
    static storage::Result<AgentStats> read(storage::Database &db, const QString &agent, qint64 dayStartMs,
                                            qint64 dayEndMs, const QSet<QString> &conversionCodes);
};

} // namespace fieldline::telemarketing
