#pragma once

#include "storage/Error.h"

#include <QSet>
#include <QString>

#include <array>

namespace fieldline::storage {
class Database;
}

namespace fieldline::telemarketing {

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
