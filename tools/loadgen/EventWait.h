#pragma once

#include <functional>

namespace fieldline::loadgen {

/**
 * Runs the event loop until @p done returns true (checked every 20 ms) or @p timeoutMs passes; returns done().
 * It sleeps between events: a loop around processEvents() spins a whole core, which a load generator sharing the
 * server's two cores must not do.
 */
bool runUntil(const std::function<bool()> &done, int timeoutMs);

} // namespace fieldline::loadgen
