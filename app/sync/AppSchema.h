#pragma once

#include "sync/SyncSchema.h"

namespace fieldline::app {

/**
 * The synced tables of the product, shared by every workspace. Additive only: a column is never renamed or
 * removed, so devices on older builds keep working (unknown columns are kept, DESIGN.md section 3).
 */
sync::SyncSchema appSchema();

} // namespace fieldline::app
