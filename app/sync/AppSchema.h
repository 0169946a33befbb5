#pragma once

#include "sync/SyncSchema.h"

namespace fieldline::app {

/**
 * The synced tables of the product, shared by every workspace. Additive only: a column is never renamed or
 * removed, so devices on older builds keep working (unknown columns are kept, DESIGN.md section 3).
 */
sync::SyncSchema appSchema();

/**
 * 1: the first release. 2: `territory` on contacts and accounts (partial replication); a profile from version 1
 * gets the column when it is opened (sync::RowMaterializer), filled from cells that arrived before.
 * 3: the forms engine's tables (formsync::formTables): layouts, submissions and their field values.
 * 4: the dialer's tables (telemarketing::telemarketingTables) and `do_not_call` on contacts (the person's opt-out).
 * 5: `claimed_by` and `claimed_until_ms` on campaign members and callbacks (telemarketing::Claims), `form` on
 *    call attempts (the outcome form's submission).
 */
constexpr qint64 AppSchemaVersion = 5;

} // namespace fieldline::app
