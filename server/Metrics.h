#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QMap>
#include <QPair>
#include <QString>

namespace fieldline::server {

/** Counters exposed at /metrics in the Prometheus text format (version 0.0.4). */
class Metrics
{
public:
    Metrics();

    void countRequest(const QString &route, int status);
    void countLoginFailure() { ++m_loginFailures; }
    void countLoginThrottled() { ++m_loginThrottled; }
    /** A sync of the store made every commit up to number @p durableCommits durable. */
    void countStoreSync(quint64 durableCommits)
    {
        ++m_storeSyncs;
        m_durableCommits = durableCommits;
    }
    void countStoreSyncFailure() { ++m_storeSyncFailures; }

    QByteArray render() const;

private:
    QMap<QPair<QString, int>, quint64> m_requests;
    quint64 m_loginFailures = 0;
    quint64 m_loginThrottled = 0;
    quint64 m_storeSyncs = 0;
    quint64 m_durableCommits = 0;
    quint64 m_storeSyncFailures = 0;
    QElapsedTimer m_uptime;
};

} // namespace fieldline::server
