// A client killed with SIGKILL at each step of a sync round: right after its local commit, with its push in
// flight, after the server answered the push but before the device recorded it, after applying a pulled page but
// before acknowledging it, and in the middle of applying a page. Each time the device's file is reopened like a
// restarted client: nothing it wrote is lost or doubled, it still receives everything, and it ends with the same
// rows as another device.
#include "../server/SyncServerKit.h"

#include <QProcess>
#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000; // the child's clock too
constexpr int Writes = 20;

} // namespace

class TestSyncKill : public QObject
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

    void killedAtEachStep_data()
    {
        QTest::addColumn<QString>("step");
        QTest::addColumn<int>("fromOther"); // rows the other device wrote first, for the pull to bring
        QTest::addRow("after the local commit") << QStringLiteral("after-commit") << 5;
        QTest::addRow("push in flight") << QStringLiteral("push-in-flight") << 5;
        QTest::addRow("push answered, answer not recorded") << QStringLiteral("push-answered") << 5;
        QTest::addRow("page applied, not acknowledged") << QStringLiteral("before-ack") << 5;
        QTest::addRow("in the middle of applying a page") << QStringLiteral("mid-apply") << 1500;
    }

    void killedAtEachStep()
    {
        QFETCH(QString, step);
        QFETCH(int, fromOther);
        ++m_case;
        InProcessServer server(m_dir.filePath(QStringLiteral("s%1").arg(m_case)), T0);
        const QString tenant = QStringLiteral("t%1").arg(m_case);
        const QByteArray tokenA = server.newTenantToken(tenant, QStringLiteral("u"));
        SyncedDevice b(m_dir.filePath(QStringLiteral("b%1.db").arg(m_case)), T0, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(b.open(), QString());
        for (int i = 0; i < fromOther; ++i)
            QVERIFY(
                b.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("b%1").arg(i)}}));
        QCOMPARE(b.syncOnce(), SyncProblem::None);

        // The killed device's file and key; the child writes and syncs, and dies at the step.
        const QString pathA = m_dir.filePath(QStringLiteral("a%1.db").arg(m_case));
        const storage::DatabaseKey key = storage::DatabaseKey::generate();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FIELDLINE_TEST_DEK"), QString::fromLatin1(key.dek.view().toByteArray().toHex()));
        env.insert(QStringLiteral("FIELDLINE_TEST_FILEID"), QString::fromLatin1(key.fileId.toHex()));
        child.setProcessEnvironment(env);
        QSignalSpy finished(&child, &QProcess::finished);
        child.start(QStringLiteral(KILLED_DEVICE),
                    {pathA, server.url().toString(), QString::fromLatin1(tokenA), step, QString::number(Writes)});
        QVERIFY(child.waitForStarted(10000));
        QVERIFY(finished.wait(60000)); // the event loop runs meanwhile, so the in-process server answers
        const QByteArray out = child.readAllStandardOutput();
        QVERIFY2(child.exitStatus() == QProcess::CrashExit, out.constData());
        qInfo("%s: killed, cursor %lld, child said: %s", qPrintable(step),
              qint64(*server.sync->cursor(server.tenantId(tenant))), out.isEmpty() ? "nothing" : out.constData());

        // Restarted: the same file, key and token.
        SyncedDevice a(pathA, T0, server.url(), tokenA);
        a.device.key = key.clone();
        QCOMPARE(a.open(), QString());
        QCOMPARE(synctest::count(a.device, "SELECT count(*) FROM contacts WHERE name LIKE 'killed %'"), Writes);
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QVERIFY(a.state->outbox()->empty());
        QCOMPARE(a.client->status().pending, qint64(0));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM contacts"), Writes + fromOther);
        QCOMPARE(synctest::count(a.device, "SELECT count(*) FROM contacts"), Writes + fromOther);
        QCOMPARE(synctest::dump(a.device), synctest::dump(b.device));
    }
};

QTEST_GUILESS_MAIN(TestSyncKill)
#include "tst_synckill.moc"
