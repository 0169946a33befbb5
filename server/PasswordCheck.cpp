#include "PasswordCheck.h"

#include <QThread>

#include <algorithm>

namespace fieldline::server {

namespace {

WorkerQueue::Limits workerLimits(PasswordCheck::Limits limits)
{
    const int threads = limits.threads > 0 ? limits.threads : std::max(1, QThread::idealThreadCount() - 1);
    return {threads, limits.maxWaiting};
}

} // namespace

PasswordCheck::PasswordCheck(const Credentials &credentials, Limits limits)
    : m_credentials(credentials)
    , m_jobs(workerLimits(limits))
{}

bool PasswordCheck::verify(const QByteArray &storedHash, const QString &password, Verified done)
{
    struct Verdict
    {
        bool matches = false;
        QByteArray rehashed;
    };
    return m_jobs.run(
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
    return m_jobs.run([this, password] { return m_credentials.hashPassword(password); },
                      [done = std::move(done)](const storage::Result<QByteArray> &hash) { done(hash); });
}

} // namespace fieldline::server
