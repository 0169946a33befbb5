#pragma once

#include "sync/Change.h"
#include "sync/RowState.h"

namespace fieldline::server {

/**
 * What the server writes back after refusing changes to a row, under one stamp newer than every refused change and
 * in a life at least as long, so that the device that made them converges back to the server's copy on its next
 * pull: when only cells of the row's present life were refused, those cells as the server holds them; otherwise
 * the row as the server holds it (@p stored; absent rows stay absent, as a deletion).
 */
sync::ChangeBatch compensation(const QString &table, const sync::RowId &row, const sync::RowState &stored,
                               const sync::ChangeBatch &refused, qint64 nowMs);

} // namespace fieldline::server
