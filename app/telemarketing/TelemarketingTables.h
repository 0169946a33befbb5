#pragma once

#include "storage/Error.h"
#include "sync/SyncSchema.h"

#include <QByteArray>
#include <QString>

namespace fieldline::storage {
class Database;
}

namespace fieldline::telemarketing {

/**
 * The synced tables of the dialer (docs/telemarketing.md). `owner` is the agent a row belongs to; a member or a
 * callback without one is in the campaign's pool, which every agent of the campaign works.
 *
 * - campaigns: mode (preview | progressive), calling window ("HH:mm" start and end in the called person's
 *   time), max_attempts, retry_minutes ("60,240,1440": the wait after the 1st, 2nd, ... attempt, the last one
 *   repeating), script, dispositions (JSON), status (active | paused | closed).
 * - campaign_members: one contact in one campaign: priority (higher first), attempts, next_attempt_ms (not
 *   before; epoch ms), status (queued | callback | done), zone (CallingHours' ZoneKey), last_disposition.
 * - callbacks: due_ms, status (due | done | cancelled), note.
 * - call_attempts: grow-only, one row per call placed, written when the agent disposes of it.
 * - dnc_numbers: a number (E.164) nobody may call: tenant-wide, or for one campaign when `campaign` is set.
 * - contact_phones: a contact's numbers after contacts.phone, in `position` order.
 */
namespace tables {
inline const QString Campaigns = QStringLiteral("campaigns");
inline const QString Members = QStringLiteral("campaign_members");
inline const QString Callbacks = QStringLiteral("callbacks");
inline const QString Attempts = QStringLiteral("call_attempts");
inline const QString DoNotCall = QStringLiteral("dnc_numbers");
inline const QString ContactPhones = QStringLiteral("contact_phones");
} // namespace tables

namespace memberStatus {
inline const QString Queued = QStringLiteral("queued");
inline const QString Callback = QStringLiteral("callback");
inline const QString Done = QStringLiteral("done");
} // namespace memberStatus

/**
 * SQL: the callback (a row of `callbacks` named @p alias in the query) is for a member still in its campaign, or
 * for no member; a callback of a member taken out is neither offered nor listed.
 */
QByteArray callbackOfLiveMember(const char *alias);

/** The six tables, for the product's sync schema. */
std::vector<sync::TableSchema> telemarketingTables();

/**
 * The local indexes the queue and the do-not-call lookups read through (not synced: each device builds its
 * own). Idempotent; run after the replica has created its tables.
 */
storage::Status createTelemarketingIndexes(storage::Database &db);

} // namespace fieldline::telemarketing
