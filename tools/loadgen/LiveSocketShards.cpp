#include "LiveSocketShards.h"

#include <QCoreApplication>

#include <future>

namespace fieldline::loadgen {

LiveSocketShards::LiveSocketShards(const QUrl &server, const QElapsedTimer &clock, int shards)
{
    for (int i = 0; i < std::max(1, shards); ++i) {
        Shard shard{std::make_unique<QThread>(), std::make_unique<LiveSockets>(server, clock)};
        shard.thread->setObjectName(QStringLiteral("live sockets %1").arg(i));
        shard.sockets->moveToThread(shard.thread.get());
        shard.thread->start();
        m_shards.push_back(std::move(shard));
    }
    m_running = true;
}

LiveSocketShards::~LiveSocketShards()
{
    stop();
}

void LiveSocketShards::inEveryShard(const std::function<void(LiveSockets &, size_t)> &work)
{
    std::vector<std::future<void>> done;
    for (size_t i = 0; i < m_shards.size(); ++i) {
        auto finished = std::make_shared<std::promise<void>>();
        done.push_back(finished->get_future());
        LiveSockets *sockets = m_shards[i].sockets.get();
        QMetaObject::invokeMethod(
            sockets,
            [sockets, i, finished, &work] {
                work(*sockets, i);
                finished->set_value();
            },
            Qt::QueuedConnection);
    }
    for (auto &future : done)
        future.wait();
}

int LiveSocketShards::open(const std::vector<LiveSockets::Target> &targets, int timeoutMs)
{
    std::vector<std::vector<LiveSockets::Target>> shares(m_shards.size());
    m_where.clear();
    for (const LiveSockets::Target &target : targets) {
        const size_t shard = size_t(target.tenant) % m_shards.size();
        m_where.emplace_back(shard, int(shares[shard].size()));
        shares[shard].push_back(target);
    }
    std::atomic<int> opened = 0;
    inEveryShard([&](LiveSockets &sockets, size_t i) { opened += sockets.open(shares[i], timeoutMs); });
    return opened;
}

void LiveSocketShards::waitUntilHeard(const std::vector<qint64> &cursors, int timeoutMs)
{
    inEveryShard([&](LiveSockets &sockets, size_t) { sockets.waitUntilHeard(cursors, timeoutMs); });
}

void LiveSocketShards::stop()
{
    if (!m_running)
        return;
    m_running = false;
    // The sockets are deleted in the threads they live in, before those end; what they heard stays readable.
    inEveryShard([](LiveSockets &sockets, size_t) { sockets.closeAll(); });
    for (Shard &shard : m_shards) {
        shard.thread->quit();
        shard.thread->wait();
    }
}

QMap<QString, int> LiveSocketShards::errors() const
{
    QMap<QString, int> all;
    for (const Shard &shard : m_shards) {
        for (auto it = shard.sockets->errors().cbegin(); it != shard.sockets->errors().cend(); ++it)
            all[it.key()] += it.value();
    }
    return all;
}

} // namespace fieldline::loadgen
