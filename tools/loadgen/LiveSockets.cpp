#include "LiveSockets.h"

#include "EventWait.h"
#include "sync/LiveClient.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QNetworkRequest>
#include <QWebSocket>

namespace fieldline::loadgen {

LiveSockets::LiveSockets(const QUrl &server, const QElapsedTimer &clock, QObject *parent)
    : QObject(parent)
    , m_url(sync::LiveClient::liveUrl(server))
    , m_clock(clock)
{}

LiveSockets::~LiveSockets()
{
    for (Socket &s : m_sockets) {
        if (s.socket) {
            s.socket->disconnect(this);
            s.socket->abort();
        }
    }
}

int LiveSockets::openCount() const
{
    return int(
        std::count_if(m_sockets.begin(), m_sockets.end(), [](const Socket &s) { return s.state == State::Open; }));
}

int LiveSockets::open(const std::vector<Target> &targets, int timeoutMs)
{
    m_sockets.reserve(m_sockets.size() + targets.size());
    for (const Target &target : targets) {
        m_waiting.push_back(m_sockets.size());
        m_sockets.push_back(Socket{target.tenant, target.token, nullptr, State::Waiting, false, {}});
    }
    while (m_connecting < MaxHandshakes && !m_waiting.empty())
        startNext();
    runUntil([this] { return m_connecting == 0 && m_waiting.empty(); }, timeoutMs);
    for (size_t i = 0; i < m_sockets.size(); ++i) {
        Socket &s = m_sockets[i];
        if (s.state != State::Waiting && s.state != State::Connecting)
            continue;
        if (s.socket) {
            s.socket->disconnect(this);
            s.socket->abort();
        }
        failed(i, QStringLiteral("live: not open after %1 ms").arg(timeoutMs));
    }
    m_waiting.clear();
    return openCount();
}

void LiveSockets::waitUntilHeard(const std::vector<qint64> &cursors, int timeoutMs)
{
    runUntil(
        [&] {
            return std::all_of(m_sockets.begin(), m_sockets.end(), [&](const Socket &s) {
                const qint64 wanted = cursors[size_t(s.tenant)];
                return s.state != State::Open || wanted == 0 ||
                       (!s.arrivals.empty() && s.arrivals.back().cursor >= wanted);
            });
        },
        timeoutMs);
}

void LiveSockets::startNext()
{
    const size_t index = m_waiting.front();
    m_waiting.pop_front();
    Socket &s = m_sockets[index];
    s.socket = std::make_unique<QWebSocket>(); // no Origin header: a native client sends none
    s.socket->setMaxAllowedIncomingMessageSize(4096);
    s.socket->setMaxAllowedIncomingFrameSize(4096);
    s.state = State::Connecting;
    ++m_connecting;
    QWebSocket *raw = s.socket.get();
    connect(raw, &QWebSocket::connected, this, [this, index] {
        m_sockets[index].state = State::Open;
        m_sockets[index].opened = true;
        --m_connecting;
        if (!m_waiting.empty())
            startNext();
    });
    connect(raw, &QWebSocket::disconnected, this, [this, index, raw] {
        const bool wasConnecting = m_sockets[index].state == State::Connecting;
        if (m_sockets[index].state == State::Failed)
            return;
        failed(index, wasConnecting ? QStringLiteral("live: cannot connect: ") + raw->errorString()
                                    : QStringLiteral("live: closed by the server (%1 %2)")
                                          .arg(int(raw->closeCode()))
                                          .arg(raw->closeReason()));
        if (wasConnecting && !m_waiting.empty())
            startNext();
    });
    connect(raw, &QWebSocket::binaryMessageReceived, this, [this, index](const QByteArray &frame) {
        const qint64 at = m_clock.nsecsElapsed();
        auto notify = sync::protocol::decode<sync::protocol::LiveNotify>(frame);
        if (!notify) {
            ++m_errors[QStringLiteral("live: a frame that does not decode")];
            return;
        }
        std::vector<Arrival> &arrivals = m_sockets[index].arrivals;
        if (arrivals.size() < MaxArrivalsPerSocket)
            arrivals.push_back(Arrival{notify->cursor, at});
    });
    QNetworkRequest request(m_url);
    request.setRawHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + s.token);
    raw->open(request);
}

void LiveSockets::failed(size_t index, const QString &kind)
{
    Socket &s = m_sockets[index];
    if (s.state == State::Connecting)
        --m_connecting;
    s.state = State::Failed;
    ++m_errors[kind];
}

void LiveSockets::closeAll()
{
    for (Socket &s : m_sockets) {
        if (!s.socket)
            continue;
        s.socket->disconnect(this);
        if (s.state == State::Open)
            s.state = State::Closed; // by us, not a failure
        s.socket->abort();
        s.socket.reset(); // here, in the thread the socket lives in; what it heard stays
    }
}

} // namespace fieldline::loadgen
