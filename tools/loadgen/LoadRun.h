#pragma once

#include "LoadFleet.h"
#include "LoadOptions.h"
#include "LoadReport.h"

namespace fieldline::loadgen {

/**
 * One measured run against a prepared fleet: one unmeasured warm-up push per device, then opens the live sockets
 * (spread evenly over the tenants), runs the open-loop push stream, waits for the last notifications, and works out the
 * report. Runs the event loop; every phase has a time limit.
 */
LoadReport runLoad(const LoadOptions &options, const LoadFleet &fleet);

} // namespace fieldline::loadgen
