#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <deque>
#include <memory>
#include <vector>

class QWebSocket;

namespace fieldline::loadgen {

/**
 * Many devices' live channels (WebSocket /v1/live) in one process: opens them at a bounded pace, and records
 * every live-notify frame each one receives, on the run's clock, for the notify latency and the "every socket
 * heard" check.
 */
class LiveSockets : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        int tenant = 0;
        QByteArray token;
    };
    /** One notify frame as it arrived. */
    struct Arrival
    {
        qint64 cursor = 0;
        qint64 atNs = 0;
    };

    LiveSockets(const QUrl &server, const QElapsedTimer &clock, QObject *parent = nullptr);
    ~LiveSockets() override;

    /**
     * Opens one socket per target and waits until each is open or failed, or @p timeoutMs passed (the rest count
     * as failed). At most MaxHandshakes are under way at once (per instance; LiveSocketShards runs four): a burst of
     * 1,000 connection attempts would overflow the server's listen backlog (Qt's default is 50), and the kernel's
     * retries take seconds. Returns how many are open.
     */
    int open(const std::vector<Target> &targets, int timeoutMs);
    /** Waits until every socket heard its tenant's cursor in @p cursors (0: nothing to hear), or the time is up. */
    void waitUntilHeard(const std::vector<qint64> &cursors, int timeoutMs);
    /** Closes and deletes every socket (call it in their thread); size(), arrivals() and errors() stay. */
    void closeAll();

    int size() const { return int(m_sockets.size()); }
    int openCount() const;
    /** Whether the socket ever opened (one the server closed later counts among errors()). */
    bool opened(int socket) const { return m_sockets[size_t(socket)].opened; }
    int tenantOf(int socket) const { return m_sockets[size_t(socket)].tenant; }
    /** Frames in arrival order; cursors never go down on one socket (the server notifies in cursor order). */
    const std::vector<Arrival> &arrivals(int socket) const { return m_sockets[size_t(socket)].arrivals; }
    /** Failures by kind ("live: closed by the server (1008 log in again)"), with their counts. */
    const QMap<QString, int> &errors() const { return m_errors; }

    static constexpr int MaxHandshakes = 8;
    static constexpr size_t MaxArrivalsPerSocket = 200'000; // bounds memory at ~3 MB per socket

private:
    enum class State { Waiting, Connecting, Open, Failed, Closed };
    struct Socket
    {
        int tenant = 0;
        QByteArray token;
        std::unique_ptr<QWebSocket> socket;
        State state = State::Waiting;
        bool opened = false;
        std::vector<Arrival> arrivals;
    };
    void startNext();
    void failed(size_t index, const QString &kind);

    QUrl m_url;
    const QElapsedTimer &m_clock;
    std::vector<Socket> m_sockets;
    std::deque<size_t> m_waiting;
    int m_connecting = 0;
    QMap<QString, int> m_errors;
};

} // namespace fieldline::loadgen
