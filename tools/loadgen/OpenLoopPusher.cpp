#include "OpenLoopPusher.h"

#include "EventWait.h"
#include "sync/protocol/ProtocolCodec.h"

#include <cmath>

namespace fieldline::loadgen {

namespace protocol = sync::protocol;

OpenLoopPusher::OpenLoopPusher(const QUrl &server, const LoadFleet &fleet, quint32 seed, const QElapsedTimer &clock,
                               QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    sync::HttpSyncTransport::Options options;
    options.timeoutMs = RequestTimeoutMs;
    for (size_t d = 0; d < fleet.devices.size(); ++d) {
        const LoadDevice &device = fleet.devices[d];
        m_devices.push_back(Device{std::make_unique<sync::HttpSyncTransport>(server, options),
                                   std::make_unique<ContactEdits>(device.site, seed + quint32(d), m_systemClock),
                                   device.token});
    }
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &OpenLoopPusher::sendDue);
}

OpenLoopPusher::~OpenLoopPusher() = default;

void OpenLoopPusher::warmUp(int timeoutMs)
{
    ++m_generation;
    m_total = m_devices.size();
    m_pushes.assign(m_total, Push{});
    m_next = m_finished = 0;
    for (size_t d = 0; d < m_total; ++d) {
        m_pushes[d].device = int(d);
        send(d);
    }
    runUntil([this] { return m_finished == m_total; }, timeoutMs);
    if (const size_t missing = m_total - m_finished)
        m_errors[QStringLiteral("push: no answer within %1 s").arg(timeoutMs / 1000)] += int(missing);
    // Everything so far went wrong in the warm-up; the report should say so.
    QMap<QString, int> warmUpErrors;
    for (auto it = m_errors.cbegin(); it != m_errors.cend(); ++it)
        warmUpErrors.insert(QStringLiteral("warm-up ") + it.key(), it.value());
    m_errors = warmUpErrors;
}

void OpenLoopPusher::run(double rate, int durationS, int drainMs)
{
    ++m_generation;
    m_next = m_finished = 0;
    m_total = size_t(std::llround(rate * durationS));
    m_pushes.assign(m_total, Push{});
    m_intervalNs = 1e9 / rate;
    m_firstDueNs = m_clock.nsecsElapsed();
    m_lastAnswerNs = m_firstDueNs;
    for (size_t k = 0; k < m_total; ++k) {
        m_pushes[k].device = int(k % m_devices.size());
        m_pushes[k].dueNs = m_firstDueNs + qint64(double(k) * m_intervalNs);
    }
    sendDue();
    runUntil([this] { return m_finished == m_total; }, durationS * 1000 + drainMs);
    m_timer.stop();
    if (const size_t missing = m_total - m_finished)
        m_errors[QStringLiteral("push: no answer within the drain time")] += int(missing);
    // Answers that come after this point must not touch the vectors the report reads.
    for (Device &device : m_devices)
        device.http.reset();
}

void OpenLoopPusher::sendDue()
{
    const qint64 now = m_clock.nsecsElapsed();
    while (m_next < m_total && m_pushes[m_next].dueNs <= now)
        send(m_next++);
    if (m_next < m_total)
        m_timer.start(int((m_pushes[m_next].dueNs - now + 999'999) / 1'000'000)); // rounded up: never early
}

void OpenLoopPusher::send(size_t index)
{
    Device &device = m_devices[size_t(m_pushes[index].device)];
    m_pushes[index].sentNs = m_clock.nsecsElapsed();
    const QByteArray body = protocol::encode(device.edits->next());
    device.http->post(QStringLiteral("/v1/push"), body, device.token,
                      [this, index, generation = m_generation](const sync::TransportReply &reply) {
                          if (generation == m_generation)
                              answered(index, reply);
                      });
}

void OpenLoopPusher::answered(size_t index, const sync::TransportReply &reply)
{
    const qint64 now = m_clock.nsecsElapsed();
    ++m_finished;
    m_lastAnswerNs = std::max(m_lastAnswerNs, now);
    if (reply.status == 0) {
        // Qt reports its transfer timeout as "Operation canceled" (its timer may fire a little early); say what
        // happened instead.
        const bool timedOut = now - m_pushes[index].sentNs >= qint64(RequestTimeoutMs - 500) * 1'000'000;
        ++m_errors[timedOut ? QStringLiteral("push: no answer within %1 s").arg(RequestTimeoutMs / 1000)
                            : QStringLiteral("push: no answer: ") + reply.networkError];
        return;
    }
    if (reply.status != 200) {
        auto refusal = protocol::decode<protocol::ErrorMessage>(reply.body);
        ++m_errors[QStringLiteral("push: HTTP %1 %2").arg(reply.status).arg(refusal ? refusal->message : QString())];
        return;
    }
    auto response = protocol::decode<protocol::PushResponse>(reply.body);
    if (!response) {
        ++m_errors[QStringLiteral("push: an answer that does not decode: ") + response.message()];
        return;
    }
    for (const protocol::PushItemResult &result : response->results) {
        if (result.outcome == sync::ApplyOutcome::Rejected) {
            ++m_errors[QStringLiteral("push: change rejected: ") + result.reason];
            return;
        }
    }
    m_pushes[index].answeredNs = now;
    m_pushes[index].cursor = response->cursor;
}

} // namespace fieldline::loadgen
