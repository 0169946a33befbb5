#pragma once

#include "sync/Change.h"
#include "sync/RowState.h"

namespace fieldline::server {

/**
 * What the server writes back after refusing changes to a row, so that the device that made them converges back to
 * the server's copy (@p stored) on its next pull. When every refused change is of the row's present life or an
 * earlier one, only the refused columns (and a refused record of the present life) are written back, each in the
 * life it was written in, just newer than the refused changes. When the device took the row into a later life, the
 * row goes out as the server holds it in a life longer than the device's: its record and the cells of its present
 * life (absent rows stay absent, as a deletion).
 */
sync::ChangeBatch compensation(const QString &table, const sync::RowId &row, const sync::RowState &stored,
                               const sync::ChangeBatch &refused, qint64 nowMs);

} // namespace fieldline::server
