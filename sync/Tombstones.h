#pragma once

#include <QtGlobal>

namespace fieldline::sync {

/**
 * How long a deleted row's record is kept (DESIGN.md section 3). The server forgets a tombstone past it once every
 * active device acknowledged it; a device forgets its own copy past it once its delete was pushed. A device silent
 * longer than this resyncs from cursor 0.
 */
constexpr qint64 TombstoneHorizonMs = 60LL * 24 * 3600 * 1000;

} // namespace fieldline::sync
