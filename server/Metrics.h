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
    /** A failed login on another instance, heard through the database (LiveRelay). */
    void countLoginNews() { ++m_loginNews; }
    /** A sync of the store for the answers waiting for it (DurableAnswers). */
    void countStoreSync() { ++m_storeSyncs; }
    void countStoreSyncFailure() { ++m_storeSyncFailures; }
    /** An answer sent once a sync covered it. */
    void countHeldAnswer() { ++m_heldAnswers; }
    /** A live notification not sent to a socket that is not reading (LiveChannel::MaxQueuedBytes). */
    void countLiveSkipped() { ++m_liveSkipped; }

    QByteArray render() const;

private:
    QMap<QPair<QString, int>, quint64> m_requests;
    quint64 m_loginFailures = 0;
    quint64 m_loginThrottled = 0;
    quint64 m_loginNews = 0;
    quint64 m_storeSyncs = 0;
    quint64 m_heldAnswers = 0;
    quint64 m_storeSyncFailures = 0;
    quint64 m_liveSkipped = 0;
    QElapsedTimer m_uptime;
};

} // namespace fieldline::server
