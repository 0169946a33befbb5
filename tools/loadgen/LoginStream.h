#pragma once

#include "LoadFleet.h"
#include "sync/SyncTransport.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <vector>

namespace fieldline::loadgen {

/**
 * Logins beside the push stream, as at the start of a shift, open loop like the pushes: login k is due at
 * start + k/rate and its latency runs from that due time. Each is the client's CBOR login-request for the user of a
 * fleet tenant (round-robin), as a new device; the tokens it gets are not used.
 */
class LoginStream : public QObject
{
public:
    LoginStream(const QUrl &server, const LoadFleet &fleet, const QElapsedTimer &clock, QObject *parent = nullptr);

    /** Schedules logins at @p rate per second for @p durationS seconds from now; the event loop sends them. */
    void start(double rate, int durationS);
    /** Waits up to @p drainMs for the answers still out (those that never come count as errors). Runs the loop. */
    void finish(int drainMs);

    int scheduled() const { return int(m_dueNs.size()); }
    /** Due time to a 200 with a token, in ms, for each login that got one. */
    const std::vector<double> &latenciesMs() const { return m_latenciesMs; }
    const QMap<QString, int> &errors() const { return m_errors; }

private:
    void sendDue();
    void send(size_t index);
    void answered(size_t index, const sync::TransportReply &reply);

    const LoadFleet &m_fleet;
    const QElapsedTimer &m_clock;
    sync::HttpSyncTransport m_http;
    QTimer m_timer;
    std::vector<qint64> m_dueNs;
    std::vector<double> m_latenciesMs;
    QMap<QString, int> m_errors;
    size_t m_next = 0;
    size_t m_finished = 0;
    bool m_closed = false;
};

} // namespace fieldline::loadgen
