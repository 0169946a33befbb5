#pragma once

#include "Credentials.h"
#include "WorkerQueue.h"

#include <functional>

namespace fieldline::server {

/**
 * Argon2id work on worker threads, so the event loop serves every other request while a login is checked or an
 * administrator sets a password (one interactive-cost hash or check takes 0.2-0.4 s of a core on a small machine).
 *
 * The number of jobs waiting or running is bounded: past it verify() and hash() refuse at once, and the caller
 * answers "try again". Each running job holds the hash's memory cost (64 MiB at the interactive cost), so the
 * threads are few: one less than the cores, at least one, leaving a core to the event loop.
 */
class PasswordCheck
{
public:
    struct Limits
    {
        int threads = 0;     ///< 0: one less than the cores, at least one
        int maxWaiting = 64; ///< jobs queued or running; more are refused
    };
    /** @p rehashed: the password hashed again at the current cost, when it matched a hash of another cost. */
    using Verified = std::function<void(bool matches, const QByteArray &rehashed)>;
    using Hashed = std::function<void(const storage::Result<QByteArray> &hash)>;

    /** Destroying it drops the jobs not started and waits for those running; their callbacks are never called. */
    PasswordCheck(const Credentials &credentials, Limits limits);

    /**
     * Checks @p password against @p storedHash on a worker thread, or against a hash nobody can match when
     * @p storedHash is empty (the same work: an unknown user costs what a wrong password costs). @p done runs later
     * on this object's thread. Returns false, without calling @p done, when maxWaiting jobs are already waiting.
     */
    bool verify(const QByteArray &storedHash, const QString &password, Verified done);
    /** Hashes @p password at the current cost on a worker thread; returns false like verify(). */
    bool hash(const QString &password, Hashed done);
    /** Jobs queued or running now. */
    int waiting() const { return m_jobs.waiting(); }
    /** Jobs that run at once; the others wait. */
    int threads() const { return m_jobs.threads(); }
    /** Jobs queued or running past which verify() and hash() refuse. */
    int maxWaiting() const { return m_jobs.maxWaiting(); }

private:
    const Credentials &m_credentials;
    WorkerQueue m_jobs; // last: its jobs use m_credentials until it is gone
};

} // namespace fieldline::server
