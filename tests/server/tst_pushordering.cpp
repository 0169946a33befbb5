// Commit order is cursor order on PostgreSQL (docs/protocol.md): while another session holds a tenant's cursor
// row, as a push on another server instance does between taking its numbers and committing, a push to the
// fieldline-server process waits, and then numbers its rows after the other session's. Were it to number them
// from what it could see, its row would take a number below the other push's and a device could skip one of them.
#include "ServerProcess.h"
#include "SyncServerKit.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

class TestPushOrdering : public QObject
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

    void aPushWaitsForTheTenantsCursorAndNumbersAfterIt()
    {
        qint64 tenantId = 0;
        const QList<QByteArray> tokens =
            m_postgres.seedTenant(QStringLiteral("acme"), {QStringLiteral("d")}, &tenantId);
        QCOMPARE(tokens.size(), 1);
        ServerProcess server;
        QVERIFY2(server.start(m_dir.filePath(QStringLiteral("data")),
                              {QStringLiteral("--postgres"), m_postgres.cluster->appUrl()}),
                 qPrintable(server.error()));

        // Another instance's push, caught between taking numbers 1..100 and committing.
        QCOMPARE(m_postgres.connectAsApp(QStringLiteral("other-instance")), QString());
        QSqlDatabase other = QSqlDatabase::database(QStringLiteral("other-instance"));
        {
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("SELECT set_config('fieldline.tenant_id', '%1', false)").arg(tenantId)));
            QVERIFY(other.transaction());
            QVERIFY2(q.exec(QStringLiteral("INSERT INTO sync_cursors (tenant_id, last_seq) VALUES (%1, 100)"
                                           " ON CONFLICT (tenant_id) DO UPDATE SET last_seq = 100")
                                .arg(tenantId)),
                     qPrintable(q.lastError().text()));
        }
        constexpr int HeldMs = 800;
        QTimer::singleShot(HeldMs, this, [&other] { other.commit(); });

        SyncedDevice device(m_dir.filePath(QStringLiteral("d.db")), QDateTime::currentMSecsSinceEpoch(),
                            QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())), tokens[0]);
        QCOMPARE(device.open(), QString());
        QVERIFY(device.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("a")}}));
        QElapsedTimer waited;
        waited.start();
        QCOMPARE(device.syncOnce(), SyncProblem::None);
        QVERIFY2(waited.elapsed() >= HeldMs - 100,
                 qPrintable(QStringLiteral("the push finished after %1 ms, while the cursor was held for %2 ms")
                                .arg(waited.elapsed())
                                .arg(HeldMs)));
        {
            QSqlQuery q(other);
            QVERIFY(q.exec(QStringLiteral("SELECT last_seq FROM sync_cursors")) && q.next());
            QCOMPARE(q.value(0).toLongLong(), qint64(101));
            QVERIFY(q.exec(QStringLiteral("SELECT server_seq FROM sync_rows")) && q.next());
            QCOMPARE(q.value(0).toLongLong(), qint64(101));
        }
        other.close();
        other = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("other-instance"));
    }
};

QTEST_GUILESS_MAIN(TestPushOrdering)
#include "tst_pushordering.moc"
