// The network between a device and the real server misbehaves at the TCP level, through FaultProxy: requests
// swallowed (blackhole), the answer replaced by a FIN after the server acted (half-close), every chunk late, the
// connection reset in the middle of a request or of an answer. Whatever happened, the device keeps every change
// the server has not answered, a resend after a lost answer changes nothing on the server, and once the network
// behaves the queue drains and both devices hold the same rows.
#include "../server/SyncServerKit.h"
#include "FaultProxy.h"

#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;
constexpr int TimeoutMs = 1500; ///< the device gives up on a silent server after this long

} // namespace

class TestSyncProxy : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
    }

    void networkFaults_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("parameter");
        QTest::addColumn<bool>("reachesServer");
        QTest::addColumn<bool>("roundFails");
        using Mode = FaultProxy::Mode;
        QTest::addRow("blackhole") << int(Mode::Blackhole) << 0 << false << true;
        QTest::addRow("half-closed after the server acted") << int(Mode::HalfClose) << 0 << true << true;
        QTest::addRow("every chunk 200 ms late") << int(Mode::Delay) << 200 << true << false;
        QTest::addRow("reset 60 bytes into the request") << int(Mode::CutRequest) << 60 << false << true;
        QTest::addRow("reset 20 bytes into the answer") << int(Mode::CutAnswer) << 20 << true << true;
    }

    void networkFaults()
    {
        QFETCH(int, mode);
        QFETCH(int, parameter);
        QFETCH(bool, reachesServer);
        QFETCH(bool, roundFails);
        ++m_case;
        InProcessServer server(m_dir.filePath(QStringLiteral("s%1").arg(m_case)), T0);
        const QString tenant = QStringLiteral("t%1").arg(m_case);
        const QByteArray tokenA = server.newTenantToken(tenant, QStringLiteral("u"));
        FaultProxy proxy(server.port);
        QVERIFY(proxy.listen());
        SyncedDevice a(m_dir.filePath(QStringLiteral("a%1.db").arg(m_case)), T0,
                       QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())), tokenA);
        a.httpOptions.timeoutMs = TimeoutMs;
        SyncedDevice b(m_dir.filePath(QStringLiteral("b%1.db").arg(m_case)), T0, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        // A first round through a healthy proxy leaves a kept-alive connection, which the fault then hits.
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        for (int i = 0; i < 3; ++i)
            QVERIFY(
                a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("c%1").arg(i)}}));

        proxy.setMode(FaultProxy::Mode(mode), parameter);
        QElapsedTimer took;
        took.start();
        const SyncProblem faulty = a.syncOnce(4 * TimeoutMs);
        const qint64 faultMs = took.elapsed();
        QCOMPARE(faulty, roundFails ? SyncProblem::Offline : SyncProblem::None);
        const qint64 cursorAfterFault = *server.sync->cursor(server.tenantId(tenant));
        QCOMPARE(cursorAfterFault > 0, reachesServer);
        if (roundFails) {
            // Not answered, so not forgotten: the batch waits in the outbox and its changes are still counted.
            QCOMPARE(a.state->outbox()->size(), size_t(1));
            QCOMPARE(a.client->status().pending, qint64(6));
        }
        qInfo("round under the fault ended after %lld ms", faultMs);

        proxy.setMode(FaultProxy::Mode::Pass);
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QVERIFY(a.state->outbox()->empty());
        QCOMPARE(a.client->status().pending, qint64(0));
        const qint64 cursorAfterRecovery = *server.sync->cursor(server.tenantId(tenant));
        if (reachesServer)
            QCOMPARE(cursorAfterRecovery, cursorAfterFault); // the resend was recognised as a replay
        else
            QVERIFY(cursorAfterRecovery > 0);
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM contacts"), 3);
        QCOMPARE(synctest::dump(a.device), synctest::dump(b.device));
        QVERIFY(proxy.accepted() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestSyncProxy)
#include "tst_syncproxy.moc"
