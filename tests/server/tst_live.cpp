// The live channel on the server's HTTP port: a device connected with its token hears about a colleague's push
// and pulls it; a bad token, a foreign Origin and an oversized message close the socket; a plain GET gets 400. A
// device revoked without the channel being told (a lost notification) loses its socket at the tenant's recheck.
#include "SyncServerKit.h"

#include "sync/LiveClient.h"

#include <QNetworkReply>
#include <QSignalSpy>
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
