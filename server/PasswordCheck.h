#pragma once

#include "Credentials.h"

#include <QObject>
#include <QThreadPool>

#include <functional>

namespace fieldline::server {

/**
 * Argon2id password verifications on worker threads, so the event loop serves every other request while a login is
 * checked (one interactive-cost check takes 0.2-0.4 s of a core on a small machine).
 *
 * The number of checks waiting or running is bounded: past it verify() refuses at once, and the caller answers
 * "try again". Each running check holds the hash's memory cost (64 MiB at the interactive cost), so the threads are
 * few: one less than the cores, at least one, leaving a core to the event loop.
 */
class PasswordCheck : public QObject
{
public:
    struct Limits
    {
        int threads = 0;     ///< 0: one less than the cores, at least one
        int maxWaiting = 64; ///< checks queued or running; more are refused
    };
    using Done = std::function<void(bool matches)>;

    PasswordCheck(const Credentials &credentials, Limits limits, QObject *parent = nullptr);
    /** Drops the checks not started and waits for those running; their @p done callbacks are never called. */
    ~PasswordCheck() override;

    /**
     * Checks @p password against @p storedHash on a worker thread, or against a hash nobody can match when
     * @p storedHash is empty (the same work: an unknown user costs what a wrong password costs). @p done runs later
     * on this object's thread. Returns false, without calling @p done, when maxWaiting checks are already waiting.
     */
    bool verify(const QByteArray &storedHash, const QString &password, Done done);
    /** Checks queued or running now. */
    int waiting() const { return m_waiting; }

private:
    void finished(bool matches, const Done &done);

    const Credentials &m_credentials;
    Limits m_limits;
    int m_waiting = 0;
    QThreadPool m_pool;
};

} // namespace fieldline::server
