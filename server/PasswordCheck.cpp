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

template <typename Work, typename Deliver> bool PasswordCheck::run(Work work, Deliver deliver)
{
    if (m_waiting >= m_limits.maxWaiting)
        return false;
    ++m_waiting;
    m_pool.start([this, work = std::move(work), deliver = std::move(deliver)]() mutable {
        auto result = work();
        // The callback (and what it holds) goes to this object's thread: nothing of it is released here.
        QMetaObject::invokeMethod(
            this,
            [this, result = std::move(result), deliver = std::move(deliver)] {
                --m_waiting;
                deliver(result);
            },
            Qt::QueuedConnection);
    });
    return true;
}

bool PasswordCheck::verify(const QByteArray &storedHash, const QString &password, Verified done)
{
    struct Verdict
    {
        bool matches = false;
        QByteArray rehashed;
    };
    return run(
        [this, storedHash, password] {
            Verdict verdict;
            if (storedHash.isEmpty()) {
                m_credentials.verifyDummy(password);
                return verdict;
            }
            verdict.matches = m_credentials.verifyPassword(storedHash, password);
            // After a change of --password-cost, a stored hash moves to the new cost at its user's next login.
            if (verdict.matches && m_credentials.needsRehash(storedHash)) {
                if (auto rehashed = m_credentials.hashPassword(password))
                    verdict.rehashed = rehashed.value();
            }
            return verdict;
        },
        [done = std::move(done)](const Verdict &verdict) { done(verdict.matches, verdict.rehashed); });
}

bool PasswordCheck::hash(const QString &password, Hashed done)
{
    return run([this, password] { return m_credentials.hashPassword(password); },
               [done = std::move(done)](const storage::Result<QByteArray> &hash) { done(hash); });
}

} // namespace fieldline::server
