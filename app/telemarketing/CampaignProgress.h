#pragma once

#include "storage/Error.h"

#include <QString>

#include <vector>

namespace fieldline::storage {
class Database;
}

namespace fieldline::telemarketing {

/**
 * How far each campaign has come and what each agent did today, as this device sees it (a manager's device holds
 * the whole tenant): the manager's progress view. Conversions are the dispositions each campaign marks so.
 */
struct ProgressReport
{
    struct Campaign
    {
        QString name;
        QString status;
        qint64 members = 0;
        qint64 waiting = 0;   ///< queued: still to be called, or called again
        qint64 callbacks = 0; ///< waiting for a callback
        qint64 done = 0;
        qint64 calls = 0; ///< today
        qint64 reached = 0;
        qint64 conversions = 0;

        int percentDone() const { return members == 0 ? 0 : int(done * 100 / members); }
    };
    struct Agent
    {
        QString agent;
        qint64 calls = 0;
        qint64 reached = 0;
        qint64 talkMs = 0;
        qint64 conversions = 0;
    };

    std::vector<Campaign> campaigns; ///< active ones first, then by name
    std::vector<Agent> agents;       ///< most calls first

    /** "Today" is [@p dayStartMs, @p dayEndMs). */
    static storage::Result<ProgressReport> read(storage::Database &db, qint64 dayStartMs, qint64 dayEndMs);
};

} // namespace fieldline::telemarketing
