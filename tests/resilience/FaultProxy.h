#pragma once

#include <QObject>
#include <QTcpServer>

#include <memory>
#include <vector>

class QTcpSocket;

/**
 * A TCP proxy on 127.0.0.1 in front of a loopback server that misbehaves on purpose, so the sync client meets
 * the network faults users meet: bytes swallowed, a connection half-closed or cut in the middle of a request or
 * an answer, answers that come late. The mode is read as each chunk flows, so it also hits connections the
 * client keeps alive from earlier requests.
 */
class FaultProxy final : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Pass,       ///< bytes flow both ways
        Blackhole,  ///< requests are swallowed; nothing is forwarded or answered, the connection stays open
        HalfClose,  ///< the request reaches the server; the answer is dropped and the client side gets a FIN
        Delay,      ///< bytes flow both ways, each chunk parameter ms late
        CutRequest, ///< parameter bytes of requests reach the server, then the connection carrying more is reset
        CutAnswer,  ///< requests reach the server, parameter bytes of answers come back, then a reset
    };

    explicit FaultProxy(quint16 targetPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    /** Listens on a free 127.0.0.1 port; false when it cannot. */
    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    /** Bytes for the Cut modes count from here, over every connection. */
    void setMode(Mode mode, int parameter = 0);
    /** New connections go to @p port from now on (a server restarted on another port). */
    void setTarget(quint16 port) { m_targetPort = port; }
    /** Request bytes forwarded to the server since the mode was last set. */
    qint64 forwardedUp() const { return m_sentUp; }
    /** Connections accepted so far. */
    int accepted() const { return m_accepted; }

private:
    struct Link;
    void accept();
    void fromClient(Link &link);
    void fromServer(Link &link);
    void forward(QTcpSocket *to, const QByteArray &bytes);
    void cut(Link &link);
    void closeLink(Link &link);

    quint16 m_targetPort;
    QTcpServer m_server;
    Mode m_mode = Mode::Pass;
    int m_parameter = 0;
    int m_accepted = 0;
    qint64 m_sentUp = 0;   ///< request bytes forwarded since the mode was set
    qint64 m_sentDown = 0; ///< answer bytes forwarded since the mode was set
    std::vector<std::unique_ptr<Link>> m_links;
};
