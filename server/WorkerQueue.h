#pragma once

#include <QObject>
#include <QThreadPool>

#include <utility>

namespace fieldline::server {

/**
 * Work that would hold the event loop, run on worker threads instead: a job's result comes back to this object's
 * thread, where its callback runs. The jobs waiting or running are bounded; past the bound run() refuses at once and
 * the caller answers "try again", so a burst cannot queue unbounded memory or minutes of work.
 */
class WorkerQueue : public QObject
{
public:
    struct Limits
    {
        int threads = 1;     ///< jobs that run at once; the others wait
        int maxWaiting = 64; ///< jobs queued or running; more are refused
    };

    explicit WorkerQueue(Limits limits, QObject *parent = nullptr);
    /** Drops the jobs not started and waits for those running; their callbacks are never called. */
    ~WorkerQueue() override;

    /**
     * Runs @p work() on a worker thread, then @p deliver(result) on this object's thread. Returns false, without
     * running either, when maxWaiting jobs are already waiting. Both, and what they hold, are released on this
     * object's thread.
     */
    template <typename Work, typename Deliver> bool run(Work work, Deliver deliver);

    /** Jobs queued or running now. */
    int waiting() const { return m_waiting; }
    int threads() const { return m_pool.maxThreadCount(); }
    int maxWaiting() const { return m_limits.maxWaiting; }

private:
    Limits m_limits;
    int m_waiting = 0;
    QThreadPool m_pool;
};

template <typename Work, typename Deliver> bool WorkerQueue::run(Work work, Deliver deliver)
{
    if (m_waiting >= m_limits.maxWaiting)
        return false;
    ++m_waiting;
    m_pool.start([this, work = std::move(work), deliver = std::move(deliver)]() mutable {
        auto result = work();
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result), work = std::move(work), deliver = std::move(deliver)]() mutable {
                --m_waiting;
                deliver(std::move(result));
            },
            Qt::QueuedConnection);
    });
    return true;
}

} // namespace fieldline::server
