// The live channel on the server's HTTP port: a device connected with its token hears about a colleague's push
// and pulls it; a bad token, a foreign Origin and an oversized message close the socket; a plain GET gets 400. A
// device revoked without the channel being told (a lost notification) loses its socket at the tenant's recheck.
#include "SyncServerKit.h"

#include "sync/LiveClient.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QCryptographicHash>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QWebSocket>
#include <QtTest>

#include <algorithm>

using namespace fieldline;
using sync::SyncProblem;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

sync::Cells named(const QString &name)
{
    return {{QStringLiteral("name"), name}};
}

/** A WebSocket to /v1/live opened with @p token, connected when this returns (or failed the test's check). */
std::unique_ptr<QWebSocket> openLive(const QUrl &server, const QByteArray &token)
{
    auto socket = std::make_unique<QWebSocket>();
    QNetworkRequest request(sync::LiveClient::liveUrl(server));
    request.setRawHeader("Authorization", "Bearer " + token);
    QSignalSpy connected(socket.get(), &QWebSocket::connected);
    socket->open(request);
    connected.wait(10000);
    return socket;
}

/** The upgrade request a WebSocket client sends, written by hand so that the peer then reads nothing. */
QByteArray upgradeRequest(quint16 port, const QByteArray &token)
{
    return "GET /v1/live HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) +
           "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
           token + "\r\n\r\n";
}

/** The answer that completes a WebSocket upgrade asked with @p request (RFC 6455, section 4.2.2). */
QByteArray upgradeAnswer(const QByteArray &request)
{
    QByteArray key;
    for (const QByteArray &line : request.split('\n')) {
        if (line.toLower().startsWith("sec-websocket-key:"))
            key = line.mid(int(qstrlen("sec-websocket-key:"))).trimmed();
    }
    const QByteArray accept =
        QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
            .toBase64();
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: " +
           accept + "\r\n\r\n";
}

} // namespace

class TestLive : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
    }

    void aPushElsewhereArrivesThroughTheLiveChannel()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("s1")), nowMs());
        const QByteArray tokenA = server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        const QByteArray tokenB = server.deviceToken(QStringLiteral("acme"), QStringLiteral("u"));
        SyncedDevice a(m_dir.filePath(QStringLiteral("a.db")), nowMs(), server.url(), tokenA);
        SyncedDevice b(m_dir.filePath(QStringLiteral("b.db")), nowMs(), server.url(), tokenB);
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        sync::LiveClient live(server.url(), tokenB);
        connect(&live, &sync::LiveClient::notified, b.client.get(), &sync::SyncClient::syncNow);
        QSignalSpy connected(&live, &sync::LiveClient::connectedChanged);
        live.start();
        QVERIFY(connected.wait(10000));
        QVERIFY(live.isConnected());
        QTRY_COMPARE(server.live->connectionCount(), 1);

        std::vector<qint64> latencies;
        for (int i = 0; i < 20; ++i) {
            auto row = a.device->insert(QStringLiteral("contacts"), named(QStringLiteral("edit %1").arg(i)));
            QVERIFY(row);
            const qint64 start = nowMs();
            QCOMPARE(a.syncOnce(), SyncProblem::None);
            QVERIFY(QTest::qWaitFor(
                [&] {
                    return synctest::visible(b.device, QStringLiteral("contacts"), *row, QStringLiteral("name"))
                        .has_value();
                },
                10000));
            latencies.push_back(nowMs() - start);
        }
        std::sort(latencies.begin(), latencies.end());
        qInfo("edit to visible on the other device: median %lld ms, max %lld ms (20 edits, push included)",
              latencies[latencies.size() / 2], latencies.back());
        QCOMPARE(synctest::dump(a.device), synctest::dump(b.device));
    }

    void theRecheckClosesTheSocketsOfDevicesRevokedUnannounced()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("s3")), nowMs());
        const QByteArray stolenToken = server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        const QByteArray keptToken = server.deviceToken(QStringLiteral("acme"), QStringLiteral("u"));
        const QByteArray otherToken = server.newTenantToken(QStringLiteral("other"), QStringLiteral("v"));
        QWebSocket stolen, kept, other;
        const std::pair<QWebSocket *, QByteArray> sockets[] = {
            {&stolen, stolenToken}, {&kept, keptToken}, {&other, otherToken}};
        for (const auto &[socket, token] : sockets) {
            QNetworkRequest request(sync::LiveClient::liveUrl(server.url()));
            request.setRawHeader("Authorization", "Bearer " + token);
            QSignalSpy connected(socket, &QWebSocket::connected);
            socket->open(request);
            QVERIFY(connected.wait(10000));
        }
        QTRY_COMPARE(server.live->connectionCount(), 3);

        // Revoked in the database behind the channel's back, as another instance whose notification was lost would.
        auto identity = server.store->authenticate(stolenToken);
        QVERIFY(identity && identity->has_value());
        QVERIFY(server.store->revokeDevice((*identity)->tenantId, (*identity)->deviceId));
        QTest::qWait(100);
        QCOMPARE(stolen.state(), QAbstractSocket::ConnectedState);

        // One tenant per tick, each tenant once a sweep (here 400 ms instead of a minute): only the revoked device's
        // socket goes.
        QSignalSpy stolenClosed(&stolen, &QWebSocket::disconnected);
        server.live->startRechecking(400);
        QTRY_COMPARE_WITH_TIMEOUT(stolenClosed.size(), 1, 5000);
        QCOMPARE(stolen.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QTRY_COMPARE(server.live->connectionCount(), 2);
        QCOMPARE(kept.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(other.state(), QAbstractSocket::ConnectedState);
        QTest::qWait(1000); // more sweeps pass over both tenants
        QCOMPARE(kept.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(other.state(), QAbstractSocket::ConnectedState);
    }

    void aDeviceKeepsOnlyItsNewestSockets()
    {
        // One device token opening socket after socket: its oldest go, so one device cannot hold the server's
        // descriptors. Another device of the tenant keeps its own.
        InProcessServer server(m_dir.filePath(QStringLiteral("s4")), nowMs());
        const QByteArray token = server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        const QByteArray colleague = server.deviceToken(QStringLiteral("acme"), QStringLiteral("u"));
        std::unique_ptr<QWebSocket> kept = openLive(server.url(), colleague);
        QCOMPARE(kept->state(), QAbstractSocket::ConnectedState);
        constexpr int Limit = server::LiveChannel::MaxSocketsPerDevice;
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        for (int i = 0; i < Limit + 2; ++i) {
            sockets.push_back(openLive(server.url(), token));
            QCOMPARE(sockets.back()->state(), QAbstractSocket::ConnectedState);
        }
        QTRY_COMPARE(server.live->connectionCount(), Limit + 1);
        for (int i = 0; i < 2; ++i) {
            QTRY_COMPARE(sockets[size_t(i)]->state(), QAbstractSocket::UnconnectedState);
            QCOMPARE(sockets[size_t(i)]->closeCode(), QWebSocketProtocol::CloseCodeNormal);
        }
        for (size_t i = 2; i < sockets.size(); ++i)
            QCOMPARE(sockets[i]->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(kept->state(), QAbstractSocket::ConnectedState);
    }

    void aSocketThatLeavesPingsUnansweredIsDropped()
    {
        // A peer that completed the upgrade and then went silent (a laptop that slept, a NAT that forgot it):
        // dropped after one ping interval without an answer. A socket that answers stays (the interval leaves a loaded
        // machine half a second to answer).
        InProcessServer server(m_dir.filePath(QStringLiteral("s5")), nowMs());
        const QByteArray token = server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        server.live->setPingInterval(500);
        std::unique_ptr<QWebSocket> answering = openLive(server.url(), token);
        QTcpSocket silent;
        silent.connectToHost(QHostAddress::LocalHost, server.port);
        QVERIFY(silent.waitForConnected(10000));
        silent.write(upgradeRequest(server.port, token));
        QTRY_VERIFY(silent.bytesAvailable() > 0 && silent.peek(64).startsWith("HTTP/1.1 101"));
        QTRY_COMPARE(server.live->connectionCount(), 2);
        QSignalSpy gone(&silent, &QTcpSocket::disconnected);
        QTRY_COMPARE_WITH_TIMEOUT(server.live->connectionCount(), 1, 5000);
        QTRY_VERIFY(gone.size() == 1 || silent.state() == QAbstractSocket::UnconnectedState);
        QTest::qWait(1500); // three more pings
        QCOMPARE(answering->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(server.live->connectionCount(), 1);
    }

    void aSocketThatDoesNotReadIsSkippedWhileItsFramesWait()
    {
        // A peer that completed the upgrade and then reads nothing (a stuck client): once the kernel's buffers are full
        // and more than 16 KiB of frames wait in the server, notifications pass it by (counted in /metrics), so what
        // the server holds for it stays bounded.
        // A socket that reads hears the newest cursor; the stuck one, once it reads again, hears later news too.
        InProcessServer server(m_dir.filePath(QStringLiteral("s-backlog")), nowMs());
        server.live->setPingInterval(10 * 60 * 1000); // not dropped for a missed ping, however slow the run
        const QByteArray token = server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        const qint64 tenant = server.tenantId(QStringLiteral("acme"));
        std::unique_ptr<QWebSocket> reading = openLive(server.url(), token);
        qint64 heard = 0;
        qint64 frames = 0;
        connect(reading.get(), &QWebSocket::binaryMessageReceived, this, [&](const QByteArray &frame) {
            if (auto news = sync::protocol::decode<sync::protocol::LiveNotify>(frame)) {
                heard = news->cursor;
                ++frames;
            }
        });
        QTcpSocket stuck;
        stuck.connectToHost(QHostAddress::LocalHost, server.port);
        QVERIFY(stuck.waitForConnected(10000));
        stuck.write(upgradeRequest(server.port, token));
        QTRY_VERIFY(stuck.canReadLine() && stuck.peek(64).startsWith("HTTP/1.1 101"));
        QTRY_COMPARE(server.live->connectionCount(), 2);
        while (stuck.canReadLine() && stuck.readLine() != "\r\n") {
        }                              // the upgrade answer's head
        stuck.setReadBufferSize(1024); // Qt then leaves the rest in the kernel, which stops taking more

        const auto skipped = [&server] {
            const QByteArray metrics = server.api->metrics().render();
            const QByteArray name = "\nfieldline_live_skipped_total ";
            const qsizetype at = metrics.indexOf(name);
            return at < 0
                       ? -1
                       : metrics.mid(at + name.size(), metrics.indexOf('\n', at + 1) - at - name.size()).toLongLong();
        };
        QCOMPARE(skipped(), 0);
        qint64 cursor = 0;
        qint64 sentBytes = 0;
        // 100 frames of about 35 bytes between turns of the event loop stay well under 16 KiB for the reading socket.
        QElapsedTimer spent; // bounded by time: how much the kernel takes first depends on the host (tcp_wmem)
        spent.start();
        while (skipped() == 0 && spent.elapsed() < 120'000) {
            for (int i = 0; i < 100; ++i) {
                server.live->notify(tenant, ++cursor);
                sentBytes += 2 + sync::protocol::encode(sync::protocol::LiveNotify{cursor}).size();
            }
            QCoreApplication::processEvents();
        }
        QVERIFY2(skipped() > 0, qPrintable(QStringLiteral("%1 notifications, none skipped").arg(cursor)));
        QTRY_COMPARE(heard, cursor);
        QCOMPARE(frames, cursor);                    // every one: only the stuck socket was passed by
        QCOMPARE(server.live->connectionCount(), 2); // passed by, not dropped

        // The stuck socket reads again: it gets what the kernel and the server held for it, not everything sent, and
        // then hears the next notification.
        const qint64 before = skipped();
        stuck.setReadBufferSize(0);
        QByteArray received;
        connect(&stuck, &QTcpSocket::readyRead, this, [&] { received += stuck.readAll(); });
        received += stuck.readAll();
        // The server writes in this thread too: turns of the event loop until nothing more comes for 300 ms.
        for (qsizetype seen = -1; seen != received.size() && seen < sentBytes;) {
            seen = received.size();
            QTest::qWait(300);
        }
        QVERIFY2(received.size() < sentBytes,
                 qPrintable(QStringLiteral("%1 of %2 bytes").arg(received.size()).arg(sentBytes)));
        server.live->notify(tenant, ++cursor);
        const QByteArray last = sync::protocol::encode(sync::protocol::LiveNotify{cursor});
        QTRY_VERIFY(received.endsWith(last));
        QCOMPARE(skipped(), before);
        qInfo("%lld notifications (%lld bytes); the socket that did not read was passed by %lld times and got %lld "
              "bytes",
              cursor - 1, sentBytes, before, qint64(received.size()));
    }

    void theClientReconnectsWhenTheServerStopsAnswering()
    {
        // A server end that took the upgrade and then went silent: the client's ping goes unanswered, so it drops
        // the connection and opens another instead of trusting a dead one.
        QTcpServer fake;
        QVERIFY(fake.listen(QHostAddress::LocalHost));
        std::vector<QTcpSocket *> peers;
        connect(&fake, &QTcpServer::newConnection, &fake, [&] {
            QTcpSocket *peer = fake.nextPendingConnection();
            peers.push_back(peer);
            connect(peer, &QTcpSocket::readyRead, peer, [peer] {
                const QByteArray request = peer->peek(8192);
                if (peer->property("upgraded").toBool() || !request.contains("\r\n\r\n"))
                    return;
                peer->setProperty("upgraded", true);
                peer->write(upgradeAnswer(request)); // and never reads another byte
            });
        });
        sync::LiveClient live(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(fake.serverPort())), "1.token");
        live.setPingInterval(200);
        QSignalSpy changes(&live, &sync::LiveClient::connectedChanged);
        live.start();
        QTRY_VERIFY_WITH_TIMEOUT(changes.size() >= 1, 10000);
        QCOMPARE(changes.at(0).at(0).toBool(), true);
        QTRY_VERIFY_WITH_TIMEOUT(changes.size() >= 2, 5000);
        QCOMPARE(changes.at(1).at(0).toBool(), false);
        QTRY_VERIFY_WITH_TIMEOUT(peers.size() >= 2, 10000); // connected again (after 0.5-1.5 s)
    }

    void anUpgradeNeverAnsweredIsGivenUpAndTriedAgain()
    {
        // A proxy that takes the connection and swallows the upgrade request: without a limit the client would
        // wait on that opening for ever, with no live channel and no retry.
        QTcpServer fake;
        QVERIFY(fake.listen(QHostAddress::LocalHost));
        int accepted = 0;
        connect(&fake, &QTcpServer::newConnection, &fake, [&] {
            fake.nextPendingConnection(); // kept open by its parent, never answered
            ++accepted;
        });
        sync::LiveClient live(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(fake.serverPort())), "1.token");
        live.setPingInterval(300);
        QSignalSpy changes(&live, &sync::LiveClient::connectedChanged);
        live.start();
        QTRY_COMPARE_WITH_TIMEOUT(accepted, 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(accepted >= 2, 5000); // given up after 0.3 s, retried 0.5-1.5 s later
        QCOMPARE(changes.size(), 0);
        live.stop();
        const int afterStop = accepted;
        QTest::qWait(2000);
        QCOMPARE(accepted, afterStop);
    }

    void aFullTenantOrAnUnreadableStoreSaysTryAgainLater()
    {
        // Neither is the device's fault: the socket is closed with 1011, and the client keeps trying instead of
        // asking for a sign-in (1008). Another tenant is not held back by a full one.
        InProcessServer server(m_dir.filePath(QStringLiteral("s6")), nowMs());
        server.live->setMaxSocketsPerTenant(2);
        const QByteArray first = server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        const QByteArray second = server.deviceToken(QStringLiteral("acme"), QStringLiteral("u"));
        const QByteArray third = server.deviceToken(QStringLiteral("acme"), QStringLiteral("u"));
        const QByteArray other = server.newTenantToken(QStringLiteral("globex"), QStringLiteral("u"));
        std::unique_ptr<QWebSocket> a = openLive(server.url(), first);
        std::unique_ptr<QWebSocket> b = openLive(server.url(), second);
        QTRY_COMPARE(server.live->connectionCount(), 2);
        std::unique_ptr<QWebSocket> c = openLive(server.url(), third);
        QTRY_COMPARE(c->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(c->closeCode(), QWebSocketProtocol::CloseCodeBadOperation);
        std::unique_ptr<QWebSocket> elsewhere = openLive(server.url(), other);
        QTRY_COMPARE(server.live->connectionCount(), 3);
        QCOMPARE(elsewhere->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(a->state(), QAbstractSocket::ConnectedState);
        QCOMPARE(b->state(), QAbstractSocket::ConnectedState);

        // The store cannot check tokens for a while (a failover): the client is not refused, and gets in after.
        a.reset();
        b.reset();
        QTRY_COMPARE(server.live->connectionCount(), 1);
        QSqlDatabase store = QSqlDatabase::database(server.store->connectionName());
        QVERIFY(QSqlQuery(store).exec(QStringLiteral("ALTER TABLE devices RENAME TO devices_away")));
        std::unique_ptr<QWebSocket> during = openLive(server.url(), third);
        QTRY_COMPARE(during->state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(during->closeCode(), QWebSocketProtocol::CloseCodeBadOperation);
        sync::LiveClient client(server.url(), third);
        QSignalSpy refused(&client, &sync::LiveClient::refused);
        const qint64 before = server.answered("live", 503);
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(server.answered("live", 503) > before,
                                 10000); // the client's first try met the broken store
        QVERIFY(QSqlQuery(store).exec(QStringLiteral("ALTER TABLE devices_away RENAME TO devices")));
        QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), 10000);
        QCOMPARE(refused.size(), 0);
        QTRY_COMPARE(server.live->connectionCount(), 2);
    }

    void refusedConnections()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("s2")), nowMs());
        const QByteArray token = server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));

        // A token the server does not know: refused, and the client stops trying.
        sync::LiveClient stranger(server.url(), QByteArray("1.not-a-token"));
        QSignalSpy refused(&stranger, &sync::LiveClient::refused);
        stranger.start();
        QVERIFY(refused.wait(10000));

        // A browser page from another site carrying a valid token: refused by its Origin.
        QWebSocket browser(QStringLiteral("https://evil.example"));
        QSignalSpy closed(&browser, &QWebSocket::disconnected);
        QNetworkRequest request(sync::LiveClient::liveUrl(server.url()));
        request.setRawHeader("Authorization", "Bearer " + token);
        browser.open(request);
        QVERIFY(closed.wait(10000));
        QCOMPARE(browser.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(server.live->connectionCount(), 0);

        // An allowed origin with the token is let in; a message over the limit closes it with 1009.
        QWebSocket allowed(QStringLiteral("https://allowed.example"));
        QSignalSpy up(&allowed, &QWebSocket::connected);
        QSignalSpy down(&allowed, &QWebSocket::disconnected);
        allowed.open(request);
        QVERIFY(up.wait(10000));
        QTRY_COMPARE(server.live->connectionCount(), 1);
        allowed.sendBinaryMessage(QByteArray(int(server::LiveChannel::MaxIncomingBytes) + 1, 'x'));
        QVERIFY(down.wait(10000));
        QCOMPARE(allowed.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
        QTRY_COMPARE(server.live->connectionCount(), 0);

        // The path over plain HTTP says what it is for.
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(server.url().toString() + QStringLiteral("/v1/live"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        reply->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestLive)
#include "tst_live.moc"
