#include "LoginThrottle.h"

namespace fieldline::server {

LoginThrottle::LoginThrottle(Limits limits, NowMs nowMs)
    : m_limits(limits)
    , m_nowMs(std::move(nowMs))
{}

int LoginThrottle::secondsLocked(QHash<QString, Entry> &table, const QString &key, int limit, qint64 now) const
{
    const auto it = table.constFind(key);
    if (it == table.cend())
        return 0;
    if (it->lockedUntilMs > now)
        return int((it->lockedUntilMs - now + 999) / 1000);
    const int failures = now - it->windowStartMs > qint64(m_limits.windowSeconds) * 1000 ? 0 : it->failures;
    return failures + it->underWay >= limit ? 1 : 0;
}

int LoginThrottle::retryAfter(const QString &account, const QString &address)
{
    const qint64 now = m_nowMs();
    prune(now);
    return qMax(secondsLocked(m_accounts, account, m_limits.perAccount, now),
                secondsLocked(m_addresses, address, m_limits.perAddress, now));
}

void LoginThrottle::started(const QString &account)
{
    ++m_accounts[account].underWay;
}

void LoginThrottle::ended(const QString &account)
{
    const auto it = m_accounts.find(account);
    if (it != m_accounts.end() && it->underWay > 0)
        --it->underWay;
}

void LoginThrottle::fail(QHash<QString, Entry> &table, const QString &key, int limit, qint64 now)
{
    Entry &entry = table[key];
    if (now - entry.windowStartMs > qint64(m_limits.windowSeconds) * 1000) {
        entry.windowStartMs = now;
        entry.failures = 0;
    }
    if (++entry.failures >= limit) {
        entry.lockedUntilMs = now + qint64(m_limits.lockSeconds) * 1000;
        // The next failure after the lock starts a fresh count, so a patient attacker gets `limit` tries per lock.
        entry.failures = 0;
        entry.windowStartMs = now;
    }
}

void LoginThrottle::recordFailure(const QString &account, const QString &address)
{
    const qint64 now = m_nowMs();
    ended(account);
    fail(m_accounts, account, m_limits.perAccount, now);
    fail(m_addresses, address, m_limits.perAddress, now);
}

void LoginThrottle::recordSuccess(const QString &account)
{
    const auto it = m_accounts.find(account);
    if (it == m_accounts.end())
        return;
    if (it->underWay > 1) { // other attempts on the account are still being checked: keep counting them
        *it = Entry{0, 0, 0, it->underWay - 1};
        return;
    }
    m_accounts.erase(it);
}

void LoginThrottle::prune(qint64 now)
{
    // Bounded memory under a spray of made-up logins: drop entries that neither lock nor count any more.
    if (now - m_lastPruneMs < 10'000)
        return;
    m_lastPruneMs = now;
    const qint64 horizon = qint64(qMax(m_limits.windowSeconds, m_limits.lockSeconds)) * 1000;
    for (QHash<QString, Entry> *table : {&m_accounts, &m_addresses}) {
        table->removeIf([&](const QHash<QString, Entry>::iterator &it) {
            return it->lockedUntilMs <= now && now - it->windowStartMs > horizon && it->underWay == 0;
        });
    }
}

} // namespace fieldline::server
