#pragma once

#include "sync/Replica.h"

namespace fieldline::telemarketingtest {

/**
 * Adds a campaign (@p mode "preview" or "progressive", 09:00-21:00, 3 attempts, retry after 60 min, a script with
 * merge fields) with four dispositions (1 sale, 2 no answer: retry, 4 call back, 9 do not call) and @p members
 * contacts in @p timeZone, +1212555NNNN from 0100, the first with the highest priority. A null id when a write
 * fails.
 */
sync::RowId addCampaign(sync::Replica &replica, const QString &mode, int members,
                        const QString &timeZone = QStringLiteral("America/New_York"));

/** A fixed-offset zone where it is now about noon, so the campaign's 09:00-21:00 window is open. */
QString zoneAtNoon();

} // namespace fieldline::telemarketingtest
