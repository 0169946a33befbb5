#pragma once

#include <QHash>
#include <QString>

#include <functional>

namespace fieldline::server {

/**
 * Counts failed logins per account (tenant + login) and per client address and locks a key out once it has
 * failed too often inside the window. Existence of the account plays no part, so a 429 reveals nothing that a
 * 401 would not. State is in memory: a restart forgives, which is acceptable for a brute-force brake.
 *
 * Several instances behind one load balancer share their failures: each failure is published (News, with keyed
 * digests of the account and the address, never the names) and the other instances count it too, so guesses spread
 * over the instances meet the same limit. Successes are not shared: news can only add failures, so whoever can
 * NOTIFY on the database cannot lift a lock with a forged or replayed message. A lost piece of news costs one count.
 *
 * Passwords are checked off the event loop, so attempts overlap: an attempt is started() before its check and ends
 * with recordFailure() or recordSuccess(). Attempts under way on an account count as failures-to-be, so parallel
 * guesses cannot pass its limit before the first of them has failed. They do not count against the address: many
 * people behind one address sign in at once when a shift starts, and its limit is for failures (parallel guesses
 * over many accounts from one address are bounded by the server's queue of password checks instead).
 */
class LoginThrottle
{
public:
    struct Limits
    {
        int perAccount = 5;      ///< failures of one account within the window before it is locked
        int perAddress = 30;     ///< failures from one address within the window before it is locked
        int windowSeconds = 300; ///< failures older than this are forgotten
        int lockSeconds = 60;    ///< how long a lock lasts
    };
    using NowMs = std::function<qint64()>;

    /** A failed login on another instance. */
    struct News
    {
        QByteArray account; ///< digestOf(account): 32 lowercase hex digits
        QByteArray address; ///< digestOf(address)
    };
    using Publish = std::function<void(const News &news)>;

    /** Whether @p text has the form of a digest (32 lowercase hex digits). */
    static bool isDigest(const QByteArray &text);

    explicit LoginThrottle(Limits limits, NowMs nowMs);

    /**
     * The key of the digests (up to 64 bytes; none by default). Instances that share news must share it: the server
     * derives it from the operator token, which every instance of one deployment holds. Without the key, nobody can
     * tell from a digest which login or address failed, nor forge news for an account they have not seen fail.
     */
    void setDigestKey(const QByteArray &key) { m_digestKey = key; }
    /** The 128-bit keyed BLAKE2b digest of @p key in hex: how accounts and addresses are held and published. */
    QByteArray digestOf(const QString &key) const;

    /**
     * Seconds until the account or address may try again; 0 when a try is allowed now. 1 while the account's
     * attempts under way, counted as failures, would reach its limit: their outcome decides.
     */
    int retryAfter(const QString &account, const QString &address);
    /** An attempt allowed by retryAfter() is being checked; it ends with recordFailure() or recordSuccess(). */
    void started(const QString &account);
    void recordFailure(const QString &account, const QString &address);
    /** Forgets the account's failures and lock (not the address's). */
    void recordSuccess(const QString &account);
    /** An attempt under way ends with neither (the server was too busy to finish it). */
    void abandoned(const QString &account) { ended(digestOf(account)); }

    /** Where this instance's failures go (LiveRelay with PostgreSQL); none by default. */
    void setPublish(Publish publish) { m_publish = std::move(publish); }
    /** Another instance's failure: counted like one here, and not published again. False when malformed. */
    bool recordNews(const News &news);

private:
    struct Entry
    {
        qint64 windowStartMs = 0;
        int failures = 0;
        qint64 lockedUntilMs = 0;
        int underWay = 0; ///< attempts started and not yet recorded (accounts only)
    };
    using Table = QHash<QByteArray, Entry>;
    int secondsLocked(Table &table, const QByteArray &key, int limit, qint64 now) const;
    /** One attempt on the account with digest @p account ended. */
    void ended(const QByteArray &account);
    void fail(Table &table, const QByteArray &key, int limit, qint64 now);
    void failed(const QByteArray &account, const QByteArray &address);
    void prune(qint64 now);

    Limits m_limits;
    NowMs m_nowMs;
    Publish m_publish;
    QByteArray m_digestKey;
    Table m_accounts;
    Table m_addresses;
    qint64 m_lastPruneMs = 0;
};

} // namespace fieldline::server
