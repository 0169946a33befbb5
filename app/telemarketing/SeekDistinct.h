#pragma once

#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QStringList>

#include <functional>

namespace fieldline::storage {
class Database;
class Statement;
} // namespace fieldline::storage

namespace fieldline::telemarketing {

/**
 * The distinct values of an indexed text column, in order, one index seek per value: SQLite does not skip-scan
 * for DISTINCT, so a plain DISTINCT reads every row. @p sql selects the least value greater than parameter
 * @p afterParameter (`... AND col > ?N AND typeof(col) = 'text' ORDER BY col LIMIT 1`); @p bind binds the
 * others. Stops after @p limit values.
 */
storage::Result<QStringList> seekDistinct(storage::Database &db, const char *sql, int afterParameter,
                                          const std::function<void(storage::Statement &)> &bind, int limit);

/** Zones read per campaign at most (there are some 400 time zones). */
constexpr int MaxZones = 1000;

/** The zone keys of campaign @p campaign's queued members, in order, the first MaxZones. */
storage::Result<QStringList> queuedZones(storage::Database &db, const sync::RowId &campaign);

} // namespace fieldline::telemarketing
