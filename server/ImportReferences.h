#pragma once

#include "CellParser.h"
#include "ImportSchema.h"
#include "SyncStore.h"

namespace fieldline::server {

/**
 * The live rows of every table @p table's Reference columns point at, for CellParser: an import may only name rows
 * the tenant has. Contacts come with the zone their calling hours are reckoned in (their time zone, else their
 * phone's region), which campaign members keep.
 */
storage::Result<ReferenceIndex> loadImportReferences(SyncStore &sync, qint64 tenantId, const ImportTable &table);

} // namespace fieldline::server
