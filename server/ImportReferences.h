#pragma once

#include "CellParser.h"
#include "CsvReader.h"
#include "ImportSchema.h"
#include "SyncStore.h"

namespace fieldline::server {

/**
 * The live rows @p document's Reference columns name, for CellParser: an import may only name rows the tenant has.
 * Only the ids the file holds are read, so a list of 10,000 members costs 10,000 lookups in a tenant of a million
 * contacts. Contacts come with the zone their calling hours are reckoned in (their time zone, else their phone's
 * region), which campaign members keep.
 */
storage::Result<ReferenceIndex> loadImportReferences(SyncStore &sync, qint64 tenantId, const ImportTable &table,
                                                     const CsvDocument &document);

} // namespace fieldline::server
