#include "FaultProxy.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

struct FaultProxy::Link
{
    QPointer<QTcpSocket> client;
    QPointer<QTcpSocket> upstream;
    bool closed = false;
};

namespace {

/** Closes with a reset rather than a FIN, like a router or a dying process would. */
void reset(QTcpSocket *socket)
{
    if (!socket)
        return;
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        const linger now{1, 0};
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &now, sizeof now);
    }
    socket->abort();
}

} // namespace

FaultProxy::FaultProxy(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::accept);
}

FaultProxy::~FaultProxy()
{
    for (auto &link : m_links)
        closeLink(*link);
}

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::setMode(Mode mode, int parameter)
{
    m_mode = mode;
    m_parameter = parameter;
    m_sentUp = 0;
    m_sentDown = 0;
}

void FaultProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_accepted;
        auto link = std::make_unique<Link>();
        Link *raw = link.get();
        link->client = client;
        link->upstream = new QTcpSocket(this);
        link->upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        // The client's bytes wait in its socket until the server side is up, so a cut is counted exactly.
        connect(link->upstream, &QTcpSocket::connected, this, [this, raw] { fromClient(*raw); });
        connect(client, &QTcpSocket::readyRead, this, [this, raw] { fromClient(*raw); });
        connect(link->upstream, &QTcpSocket::readyRead, this, [this, raw] { fromServer(*raw); });
        connect(client, &QTcpSocket::disconnected, this, [this, raw] { closeLink(*raw); });
        connect(link->upstream, &QTcpSocket::disconnected, this, [this, raw] { closeLink(*raw); });
        connect(link->upstream, &QTcpSocket::errorOccurred, this, [this, raw] { closeLink(*raw); });
        m_links.push_back(std::move(link));
    }
}

void FaultProxy::fromClient(Link &link)
{
    if (link.closed || !link.client || !link.upstream || link.upstream->state() != QAbstractSocket::ConnectedState)
        return;
    QByteArray bytes = link.client->readAll();
    if (bytes.isEmpty())
        return;
    switch (m_mode) {
    case Mode::Blackhole:
        return;
    case Mode::CutRequest: {
        const qint64 room = std::max<qint64>(0, m_parameter - m_sentUp);
        if (bytes.size() > room) {
            m_sentUp += room;
            link.upstream->write(bytes.left(room));
            link.upstream->flush();
            return cut(link);
        }
        break;
    }
    case Mode::Delay: {
        QTimer::singleShot(m_parameter, this, [this, to = link.upstream, bytes] { forward(to, bytes); });
        return;
    }
    default:
        break;
    }
    m_sentUp += bytes.size();
    forward(link.upstream, bytes);
}

void FaultProxy::fromServer(Link &link)
{
    if (link.closed || !link.upstream)
        return;
    QByteArray bytes = link.upstream->readAll();
    if (bytes.isEmpty())
        return;
    switch (m_mode) {
    case Mode::Blackhole:
        return;
    case Mode::HalfClose:
        // The server acted and answered; the client hears only the end of the stream.
        if (link.client && link.client->socketDescriptor() >= 0)
            ::shutdown(int(link.client->socketDescriptor()), SHUT_WR);
        return;
    case Mode::CutAnswer: {
        const qint64 room = std::max<qint64>(0, m_parameter - m_sentDown);
        if (bytes.size() > room) {
            m_sentDown += room;
            link.client->write(bytes.left(room));
            link.client->flush();
            return cut(link);
        }
        break;
    }
    case Mode::Delay:
        QTimer::singleShot(m_parameter, this, [this, to = link.client, bytes] { forward(to, bytes); });
        return;
    default:
        break;
    }
    m_sentDown += bytes.size();
    forward(link.client, bytes);
}

void FaultProxy::forward(QTcpSocket *to, const QByteArray &bytes)
{
    if (to && to->state() != QAbstractSocket::UnconnectedState)
        to->write(bytes);
}

void FaultProxy::cut(Link &link)
{
    link.closed = true;
    reset(link.client);
    reset(link.upstream);
    closeLink(link);
}

void FaultProxy::closeLink(Link &link)
{
    link.closed = true;
    for (QTcpSocket *socket : {link.client.data(), link.upstream.data()}) {
        if (!socket)
            continue;
        socket->disconnect(this);
        socket->disconnectFromHost(); // sends what is buffered, then a FIN
        socket->deleteLater();
    }
    link.client = nullptr;
    link.upstream = nullptr;
}
