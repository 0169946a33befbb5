#pragma once

#include <QString>

namespace fieldline::app {

/**
 * Keeps unlocked keys out of core dumps: sets RLIMIT_CORE to 0 and marks the process non-dumpable (which
 * also stops other processes of the same user from attaching a debugger or reading /proc/PID/mem).
 * Returns an empty string on success, otherwise what the OS refused. Does nothing where not supported.
 */
QString disableCoreDumps();

/** Release builds disable core dumps; debug builds keep them, because developers need them. */
void applyReleaseHardening();

} // namespace fieldline::app
