#pragma once

#include "CellParser.h"
#include "CsvReader.h"
#include "ImportSchema.h"
#include "SyncStore.h"

#include <map>
#include <vector>

namespace fieldline::server {

/** The ids @p document's Reference columns name, per referenced table, each once and sorted. No store access. */
using NamedReferences = std::map<QString, std::vector<sync::RowId>>;
NamedReferences namedReferences(const ImportTable &table, const CsvDocument &document);

/**
 * The live rows of @p named, for CellParser: an import may only name rows the tenant has. Only the ids the file holds
 * are read, so a list of 10,000 members costs 10,000 lookups in a tenant of a million contacts. Contacts come with
 * the zone their calling hours are reckoned in (their time zone, else their phone's region), which campaign members
 * keep.
 */
storage::Result<ReferenceIndex> loadImportReferences(SyncStore &sync, qint64 tenantId, const NamedReferences &named);

} // namespace fieldline::server
