#pragma once

#include "ImportSchema.h"
#include "SyncStore.h"

#include <QByteArray>

#include <vector>

namespace fieldline::server {

/**
 * The live rows of @p table as CSV: a header (id first, then the table's columns in schema order) and one record
 * per row in the order given (SyncStore::rows() orders by id, so two exports of the same data are identical).
 * Deleted rows are left out. What it writes, CsvImport reads back to the same rows.
 */
QByteArray exportCsv(const ImportTable &table, const std::vector<SyncStore::StoredRow> &rows);

} // namespace fieldline::server
