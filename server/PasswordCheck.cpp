#include "PasswordCheck.h"

#include <QThread>

#include <algorithm>

namespace fieldline::server {

PasswordCheck::PasswordCheck(const Credentials &credentials, Limits limits, QObject *parent)
    : QObject(parent)
    , m_credentials(credentials)
    , m_limits(limits)
{
    const int threads = m_limits.threads > 0 ? m_limits.threads : std::max(1, QThread::idealThreadCount() - 1);
    m_pool.setMaxThreadCount(threads);
}

PasswordCheck::~PasswordCheck()
{
    m_pool.clear();
    m_pool.waitForDone(); // a result posted to this object meanwhile is discarded with it
}

bool PasswordCheck::verify(const QByteArray &storedHash, const QString &password, Done done)
{
    if (m_waiting >= m_limits.maxWaiting)
        return false;
    ++m_waiting;
    m_pool.start([this, storedHash, password, done = std::move(done)]() mutable {
        const bool matches = storedHash.isEmpty() ? (m_credentials.verifyDummy(password), false)
                                                  : m_credentials.verifyPassword(storedHash, password);
        // The callback (and what it holds) goes to this object's thread: nothing of it is released here.
        QMetaObject::invokeMethod(
            this, [this, matches, done = std::move(done)] { finished(matches, done); }, Qt::QueuedConnection);
    });
    return true;
}

void PasswordCheck::finished(bool matches, const Done &done)
{
    --m_waiting;
    done(matches);
}

} // namespace fieldline::server
