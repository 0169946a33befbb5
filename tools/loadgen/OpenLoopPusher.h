#pragma once

#include "ContactEdits.h"
#include "LoadFleet.h"
#include "sync/SyncTransport.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

namespace fieldline::loadgen {

/**
 * The push stream, open loop: push k is due at start + k/rate whatever happened to the pushes before it, and its
 * latency runs from that due time. A server (or a load generator) that falls behind therefore shows its queueing
 * in the figures instead of quietly slowing the stream down ("coordinated omission"). Pushes go round-robin over
 * the devices, each device through its own HTTP client, as separate devices would.
 */
class OpenLoopPusher : public QObject
{
    Q_OBJECT
public:
    struct Push
    {
        int device = 0;
        qint64 dueNs = 0;
        qint64 sentNs = 0;      ///< later than dueNs when the generator itself fell behind
        qint64 answeredNs = -1; ///< -1: no good answer (see errors())
        qint64 cursor = 0;      ///< the tenant's cursor after this push
    };

    OpenLoopPusher(const QUrl &server, const LoadFleet &fleet, quint32 seed, const QElapsedTimer &clock,
                   QObject *parent = nullptr);
    ~OpenLoopPusher() override;

    /**
     * Pushes at @p rate per second for @p durationS seconds, then waits up to @p drainMs for the answers still
     * out (those that never come count as "push: no answer within the drain time"). Runs the event loop.
     */
    void run(double rate, int durationS, int drainMs);
    /**
     * One unmeasured push per device, all at once, answered within @p timeoutMs: it binds the device's site and
     * opens its HTTP connection, which a device that is already online did long ago. Failures count in errors().
     */
    void warmUp(int timeoutMs);

    const std::vector<Push> &pushes() const { return m_pushes; }
    const QMap<QString, int> &errors() const { return m_errors; }
    /** From the first due time to the last answer. */
    qint64 spanNs() const { return m_lastAnswerNs - m_firstDueNs; }

    static constexpr int RequestTimeoutMs = 10'000;

private:
    struct Device
    {
        std::unique_ptr<sync::HttpSyncTransport> http;
        std::unique_ptr<ContactEdits> edits;
        QByteArray token;
    };
    void sendDue();
    void send(size_t index);
    void answered(size_t index, const sync::TransportReply &reply);

    const QElapsedTimer &m_clock;
    sync::SystemClock m_systemClock;
    std::vector<Device> m_devices;
    std::vector<Push> m_pushes;
    QMap<QString, int> m_errors;
    QTimer m_timer;
    double m_intervalNs = 0;
    qint64 m_firstDueNs = 0;
    qint64 m_lastAnswerNs = 0;
    size_t m_next = 0;
    size_t m_total = 0;
    size_t m_finished = 0;
    int m_generation = 0; ///< answers of an earlier phase (warm-up) are ignored
};

} // namespace fieldline::loadgen
