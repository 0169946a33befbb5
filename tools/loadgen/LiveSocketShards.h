#pragma once

#include "LiveSockets.h"

#include <QThread>

#include <memory>
#include <vector>

namespace fieldline::loadgen {

/**
 * LiveSockets spread over a few threads of their own. Qt's event dispatchers poll every descriptor of a thread on
 * each wake-up; with 1,000 sockets in the thread that also sends the pushes, that polling took most of a core of a
 * machine whose two cores the server needs. Apart, the push thread polls a handful of descriptors and each socket
 * thread only wakes when frames arrive.
 *
 * The per-socket accessors may only be used after stop(), when the threads have finished.
 */
class LiveSocketShards
{
public:
    LiveSocketShards(const QUrl &server, const QElapsedTimer &clock, int shards);
    ~LiveSocketShards();

    /**
     * Opens the sockets, all shards at once; returns how many opened. A tenant's sockets share one shard, so a push
     * wakes one thread, not all of them.
     */
    int open(const std::vector<LiveSockets::Target> &targets, int timeoutMs);
    /** LiveSockets::waitUntilHeard in every shard at once. */
    void waitUntilHeard(const std::vector<qint64> &cursors, int timeoutMs);
    /** Closes every socket and ends the threads. */
    void stop();

    int size() const { return int(m_where.size()); }
    bool opened(int socket) const { return shard(socket).opened(local(socket)); }
    int tenantOf(int socket) const { return shard(socket).tenantOf(local(socket)); }
    const std::vector<LiveSockets::Arrival> &arrivals(int socket) const
    {
        return shard(socket).arrivals(local(socket));
    }
    QMap<QString, int> errors() const;

private:
    struct Shard
    {
        std::unique_ptr<QThread> thread;
        std::unique_ptr<LiveSockets> sockets;
    };
    /** Runs @p work in every shard's thread at once and waits for all of them. */
    void inEveryShard(const std::function<void(LiveSockets &, size_t shard)> &work);
    const LiveSockets &shard(int socket) const { return *m_shards[m_where[size_t(socket)].first].sockets; }
    int local(int socket) const { return m_where[size_t(socket)].second; }

    std::vector<Shard> m_shards;
    std::vector<std::pair<size_t, int>> m_where; ///< socket -> (shard, position there)
    bool m_running = false;
};

} // namespace fieldline::loadgen
