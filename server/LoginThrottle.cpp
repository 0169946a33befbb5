#include "LoginThrottle.h"

#include <sodium.h>

#include <algorithm>

namespace fieldline::server {

QByteArray LoginThrottle::digestOf(const QString &key) const
{
    const QByteArray utf8 = key.toUtf8();
    QByteArray digest(16, Qt::Uninitialized);
    const qsizetype keyBytes = std::min<qsizetype>(m_digestKey.size(), crypto_generichash_KEYBYTES_MAX);
    crypto_generichash(reinterpret_cast<unsigned char *>(digest.data()), size_t(digest.size()),
                       reinterpret_cast<const unsigned char *>(utf8.constData()), size_t(utf8.size()),
                       keyBytes > 0 ? reinterpret_cast<const unsigned char *>(m_digestKey.constData()) : nullptr,
                       size_t(keyBytes));
    return digest.toHex();
}

bool LoginThrottle::isDigest(const QByteArray &text)
{
    return text.size() == 32 && std::all_of(text.begin(), text.end(),
                                            [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

LoginThrottle::LoginThrottle(Limits limits, NowMs nowMs)
    : m_limits(limits)
    , m_nowMs(std::move(nowMs))
{}

int LoginThrottle::secondsLocked(Table &table, const QByteArray &key, int limit, qint64 now) const
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
    return qMax(secondsLocked(m_accounts, digestOf(account), m_limits.perAccount, now),
                secondsLocked(m_addresses, digestOf(address), m_limits.perAddress, now));
}

void LoginThrottle::started(const QString &account)
{
    ++m_accounts[digestOf(account)].underWay;
}

void LoginThrottle::ended(const QByteArray &account)
{
    const auto it = m_accounts.find(account);
    if (it != m_accounts.end() && it->underWay > 0)
        --it->underWay;
}

void LoginThrottle::fail(Table &table, const QByteArray &key, int limit, qint64 now)
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
    const News news{digestOf(account), digestOf(address)};
    ended(news.account);
    failed(news.account, news.address);
    if (m_publish)
        m_publish(news);
}

void LoginThrottle::recordSuccess(const QString &account)
{
    const auto it = m_accounts.find(digestOf(account));
    if (it == m_accounts.end())
        return;
    if (it->underWay > 1) { // other attempts on the account are still being checked: keep counting them
        *it = Entry{0, 0, 0, it->underWay - 1};
        return;
    }
    m_accounts.erase(it);
}

bool LoginThrottle::recordNews(const News &news)
{
    if (!isDigest(news.account) || !isDigest(news.address))
        return false;
    failed(news.account, news.address);
    return true;
}

void LoginThrottle::failed(const QByteArray &account, const QByteArray &address)
{
    const qint64 now = m_nowMs();
    fail(m_accounts, account, m_limits.perAccount, now);
    fail(m_addresses, address, m_limits.perAddress, now);
}

void LoginThrottle::prune(qint64 now)
{
    // Bounded memory under a spray of made-up logins: drop entries that neither lock nor count any more.
    if (now - m_lastPruneMs < 10'000)
        return;
    m_lastPruneMs = now;
    const qint64 horizon = qint64(qMax(m_limits.windowSeconds, m_limits.lockSeconds)) * 1000;
    for (Table *table : {&m_accounts, &m_addresses}) {
        table->removeIf([&](const Table::iterator &it) {
            return it->lockedUntilMs <= now && now - it->windowStartMs > horizon && it->underWay == 0;
        });
    }
}

} // namespace fieldline::server
