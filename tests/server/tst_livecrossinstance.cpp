// Two fieldline-server processes on one throwaway PostgreSQL database, as behind a load balancer: a device of
// instance A edits, and a device connected to instance B's live channel hears of it through LISTEN/NOTIFY and
// pulls the edit from B. Nobody else pushes, and the devices have no timer, so only the relay can deliver it.
#include "ServerProcess.h"
#include "SyncServerKit.h"

#include "server/LiveRelay.h"
#include "sync/LiveClient.h"

#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace fieldline;
using sync::SyncProblem;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

class TestLiveCrossInstance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_postgres;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_postgres.setUp(QStringLiteral("postgres")), QString());
    }

    void anEditOnOneInstanceReachesTheOtherInstancesLiveSockets()
    {
        const QList<QByteArray> tokens =
            m_postgres.seedTenant(QStringLiteral("acme"), {QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(tokens.size(), 2);
        const QByteArray &tokenA = tokens[0], &tokenB = tokens[1];
        // The URL carries no password: like an operator would, the servers get it through PGPASSWORD.
        server::PostgresAddress address = *m_postgres.postgres;
        qputenv("PGPASSWORD", address.password.toUtf8());
        address.password.clear();
        const QStringList postgres{QStringLiteral("--postgres"), address.display()};
        ServerProcess instanceA, instanceB;
        QVERIFY2(instanceA.start(m_dir.filePath(QStringLiteral("a")), postgres), qPrintable(instanceA.error()));
        QVERIFY2(instanceB.start(m_dir.filePath(QStringLiteral("b")), postgres), qPrintable(instanceB.error()));
        qunsetenv("PGPASSWORD");
        const auto url = [](const ServerProcess &p) {
            return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(p.port()));
        };

        SyncedDevice a(m_dir.filePath(QStringLiteral("a.db")), nowMs(), url(instanceA), tokenA);
        SyncedDevice b(m_dir.filePath(QStringLiteral("b.db")), nowMs(), url(instanceB), tokenB);
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        sync::LiveClient live(url(instanceB), tokenB);
        connect(&live, &sync::LiveClient::notified, b.client.get(), &sync::SyncClient::syncNow);
        QSignalSpy heard(&live, &sync::LiveClient::notified);
        live.start();
        QTRY_VERIFY(live.isConnected());

        std::vector<qint64> latencies;
        for (int i = 0; i < 10; ++i) {
            auto row = a.device->insert(QStringLiteral("contacts"),
                                        {{QStringLiteral("name"), QStringLiteral("edit %1").arg(i)}});
            QVERIFY(row);
            const qint64 start = nowMs();
            QCOMPARE(a.syncOnce(), SyncProblem::None);
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return synctest::visible(b.device, QStringLiteral("contacts"), *row,
                                                      QStringLiteral("name"))
                                 .has_value();
                         },
                         10000),
                     "the edit never reached the device on the other instance");
            latencies.push_back(nowMs() - start);
        }
        QVERIFY(heard.size() >= 10);
        std::sort(latencies.begin(), latencies.end());
        qInfo("edit on instance A to visible on a device of instance B: median %lld ms, max %lld ms (10 edits)",
              latencies[latencies.size() / 2], latencies.back());
        QTRY_COMPARE(synctest::dump(b.device), synctest::dump(a.device));
    }
};

QTEST_GUILESS_MAIN(TestLiveCrossInstance)
#include "tst_livecrossinstance.moc"
