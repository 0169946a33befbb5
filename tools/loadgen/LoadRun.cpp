#include "LoadRun.h"

#include "EventWait.h"
#include "LiveSocketShards.h"
#include "LoginStream.h"
#include "OpenLoopPusher.h"

#include <algorithm>

namespace fieldline::loadgen {

namespace {

constexpr int DrainMs = 15'000;
constexpr int SettleMs = 5'000;
constexpr int WarmUpMs = 30'000;
constexpr int SocketThreads = 4;

int connectTimeoutMs(int connections)
{
    return 10'000 + 20 * connections;
}

/** The newest cursor each tenant's pushes were answered with. */
std::vector<qint64> finalCursors(const OpenLoopPusher &pusher, const LoadFleet &fleet)
{
    std::vector<qint64> cursors(size_t(fleet.tenants.size()), 0);
    for (const OpenLoopPusher::Push &push : pusher.pushes()) {
        qint64 &cursor = cursors[size_t(fleet.devices[size_t(push.device)].tenant)];
        cursor = std::max(cursor, push.cursor);
    }
    return cursors;
}

/** For every sampled push, when each open socket of its tenant heard of it. */
void measureNotify(const LiveSocketShards &sockets, const OpenLoopPusher &pusher, const LoadFleet &fleet,
                   int sampleEvery, LoadReport &report)
{
    std::vector<double> latencies;
    const auto &pushes = pusher.pushes();
    for (size_t k = 0; k < pushes.size(); k += size_t(sampleEvery)) {
        const OpenLoopPusher::Push &push = pushes[k];
        if (push.answeredNs < 0)
            continue;
        const int tenant = fleet.devices[size_t(push.device)].tenant;
        for (int s = 0; s < sockets.size(); ++s) {
            if (!sockets.opened(s) || sockets.tenantOf(s) != tenant)
                continue;
            const auto &arrivals = sockets.arrivals(s);
            // Cursors only grow on a socket, so the first frame at or past the push's cursor is where it was heard.
            const auto heard = std::lower_bound(arrivals.begin(), arrivals.end(), push.cursor,
                                                [](const LiveSockets::Arrival &a, qint64 c) { return a.cursor < c; });
            if (heard == arrivals.end()) {
                ++report.notifyMissing;
                continue;
            }
            if (heard->atNs < push.answeredNs)
                ++report.notifyBeforeAnswer;
            latencies.push_back(double(std::max<qint64>(0, heard->atNs - push.answeredNs)) / 1e6);
        }
    }
    report.notify = LatencySummary::of(std::move(latencies));
}

} // namespace

LoadReport runLoad(const LoadOptions &options, const LoadFleet &fleet)
{
    LoadReport report;
    report.tenants = int(fleet.tenants.size());
    report.devices = int(fleet.devices.size());
    report.connectionsAsked = options.connections;
    report.rateAsked = options.rate;
    report.durationS = options.durationS;

    QElapsedTimer clock;
    clock.start();
    OpenLoopPusher pusher(options.server, fleet, options.seed, clock);
    pusher.warmUp(WarmUpMs);
    LiveSocketShards sockets(options.server, clock, SocketThreads);
    // Devices are ordered round-robin over the tenants, so taking them in turn spreads sockets evenly.
    std::vector<LiveSockets::Target> targets;
    for (int c = 0; c < options.connections; ++c) {
        const LoadDevice &device = fleet.devices[size_t(c) % fleet.devices.size()];
        targets.push_back(LiveSockets::Target{device.tenant, device.token});
    }
    report.connectionsOpen = sockets.open(targets, connectTimeoutMs(options.connections));

    LoginStream logins(options.server, fleet, clock);
    if (options.loginRate > 0)
        logins.start(options.loginRate, options.durationS);
    pusher.run(options.rate, options.durationS, DrainMs);
    logins.finish(DrainMs);
    report.loginsScheduled = logins.scheduled();
    report.login = LatencySummary::of(logins.latenciesMs());
    // Gives the last pushes' notifications time to reach every socket that should hear them.
    const std::vector<qint64> cursors = finalCursors(pusher, fleet);
    sockets.waitUntilHeard(cursors, SettleMs);
    sockets.stop();

    std::vector<double> latencies;
    const qint64 startNs = pusher.pushes().empty() ? 0 : pusher.pushes().front().dueNs;
    for (const OpenLoopPusher::Push &push : pusher.pushes()) {
        if (push.answeredNs < 0)
            continue;
        latencies.push_back(double(push.answeredNs - push.dueNs) / 1e6);
        if (latencies.back() > report.worstMs) {
            report.worstMs = latencies.back();
            report.worstSecond = int((push.dueNs - startNs) / 1'000'000'000);
        }
    }
    report.pushesScheduled = int(pusher.pushes().size());
    report.pushesAnswered = int(latencies.size());
    report.push = LatencySummary::of(std::move(latencies));
    report.achievedRate = pusher.spanNs() > 0 ? double(report.pushesAnswered) * 1e9 / double(pusher.spanNs()) : 0;
    measureNotify(sockets, pusher, fleet, options.notifySampleEvery, report);
    for (int s = 0; s < sockets.size(); ++s) {
        if (!sockets.opened(s) || cursors[size_t(sockets.tenantOf(s))] == 0)
            continue; // a socket whose tenant had no push answered has nothing to hear
        ++report.connectionsToNotify;
        if (!sockets.arrivals(s).empty())
            ++report.connectionsNotified;
    }
    report.errors = pusher.errors();
    const QMap<QString, int> socketErrors = sockets.errors();
    for (auto it = socketErrors.cbegin(); it != socketErrors.cend(); ++it)
        report.errors[it.key()] += it.value();
    for (auto it = logins.errors().cbegin(); it != logins.errors().cend(); ++it)
        report.errors[it.key()] += it.value();
    return report;
}

} // namespace fieldline::loadgen
