#include "LoginStream.h"

#include "EventWait.h"
#include "sync/protocol/ProtocolCodec.h"

#include <cmath>

namespace fieldline::loadgen {

namespace protocol = sync::protocol;

LoginStream::LoginStream(const QUrl &server, const LoadFleet &fleet, const QElapsedTimer &clock, QObject *parent)
    : QObject(parent)
    , m_fleet(fleet)
    , m_clock(clock)
    , m_http(server)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &LoginStream::sendDue);
}

void LoginStream::start(double rate, int durationS)
{
    const qint64 firstNs = m_clock.nsecsElapsed();
    const size_t total = size_t(std::llround(rate * durationS));
    for (size_t k = 0; k < total; ++k)
        m_dueNs.push_back(firstNs + qint64(double(k) * 1e9 / rate));
    sendDue();
}

void LoginStream::finish(int drainMs)
{
    runUntil([this] { return m_finished == m_dueNs.size(); }, drainMs);
    m_timer.stop();
    m_closed = true; // the report is taken now: later answers count for nothing
    if (const size_t missing = m_dueNs.size() - m_finished)
        m_errors[QStringLiteral("login: no answer within the drain time")] += int(missing);
}

void LoginStream::sendDue()
{
    const qint64 now = m_clock.nsecsElapsed();
    while (m_next < m_dueNs.size() && m_dueNs[m_next] <= now)
        send(m_next++);
    if (m_next < m_dueNs.size())
        m_timer.start(int((m_dueNs[m_next] - now + 999'999) / 1'000'000)); // rounded up: never early
}

void LoginStream::send(size_t index)
{
    const QString tenant = m_fleet.tenants[qsizetype(index % size_t(m_fleet.tenants.size()))];
    const QByteArray body = protocol::encode(
        protocol::LoginRequest{tenant, m_fleet.login, m_fleet.password, QStringLiteral("loadgen shift %1").arg(index)});
    m_http.post(QStringLiteral("/v1/login"), body, {},
                [this, index](const sync::TransportReply &reply) { answered(index, reply); });
}

void LoginStream::answered(size_t index, const sync::TransportReply &reply)
{
    if (m_closed)
        return;
    ++m_finished;
    auto granted = protocol::decode<protocol::LoginResponse>(reply.body);
    if (reply.status == 200 && granted && !granted->token.isEmpty()) {
        m_latenciesMs.push_back(double(m_clock.nsecsElapsed() - m_dueNs[index]) / 1e6);
        return;
    }
    auto refusal = protocol::decode<protocol::ErrorMessage>(reply.body);
    ++m_errors[reply.status == 0
                   ? QStringLiteral("login: no answer: ") + reply.networkError
                   : QStringLiteral("login: HTTP %1 %2").arg(reply.status).arg(refusal ? refusal->message : QString())];
}

} // namespace fieldline::loadgen
