#include "WorkerQueue.h"

namespace fieldline::server {

WorkerQueue::WorkerQueue(Limits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{
    m_pool.setMaxThreadCount(m_limits.threads);
}

WorkerQueue::~WorkerQueue()
{
    m_pool.clear();
    m_pool.waitForDone(); // a result posted to this object meanwhile is discarded with it
}

} // namespace fieldline::server
