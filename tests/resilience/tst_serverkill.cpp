// The real fieldline-server process killed with SIGKILL while a device's push is on its way: before the server
// read it, while it merges, after it committed and before its answer got out. Restarted on the same data folder,
// the server holds all of the push or none of it, the device resends what was not answered (a replay changes
// nothing), and both devices end with the same rows: nothing acknowledged is lost and nothing is doubled.
#include "../server/ServerProcess.h"
#include "../server/SyncServerKit.h"
#include "FaultProxy.h"
#include "server/TenantStore.h"

#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;
constexpr int Rows = 300;

} // namespace

class TestServerKill : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;

    /** A tenant with one field user and two device tokens, written before the server starts. */
    static QList<QByteArray> seed(const QString &dataDir)
    {
        QList<QByteArray> tokens;
        auto store = server::TenantStore::open(dataDir, QStringLiteral("seed"));
        if (!store)
            return tokens;
        auto tenant = (*store)->createTenant(QStringLiteral("acme"));
        auto user = tenant ? (*store)->createUser(*tenant, QStringLiteral("u"), "not used", server::Role::Field)
                           : storage::Result<qint64>(tenant.error());
        for (const char *device : {"a", "b"}) {
            auto token = user ? (*store)->issueDeviceToken(*tenant, *user, QString::fromLatin1(device))
                              : storage::Result<QByteArray>(user.error());
            if (token)
                tokens.append(*token);
        }
        return tokens;
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void killedWhileAPushIsOnItsWay_data()
    {
        QTest::addColumn<int>("delayMs"); // after the first request bytes reached the server
        QTest::addColumn<bool>("answerLost");
        for (int delay : {0, 3, 15, 60})
            QTest::addRow("killed %d ms after the push reached it", delay) << delay << false;
        // The server commits, its answer never reaches the device, then it dies.
        QTest::addRow("killed after committing, its answer lost") << 0 << true;
    }

    void killedWhileAPushIsOnItsWay()
    {
        QFETCH(int, delayMs);
        QFETCH(bool, answerLost);
        ++m_case;
        const QString dataDir = m_dir.filePath(QStringLiteral("server%1").arg(m_case));
        QVERIFY(QDir().mkpath(dataDir));
        const QList<QByteArray> tokens = seed(dataDir);
        QCOMPARE(tokens.size(), 2);
        ServerProcess server;
        QVERIFY2(server.start(dataDir), qPrintable(server.error()));
        FaultProxy proxy(server.port());
        QVERIFY(proxy.listen());
        const QUrl url(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        SyncedDevice a(m_dir.filePath(QStringLiteral("a%1.db").arg(m_case)), T0, url, tokens[0]);
        SyncedDevice b(m_dir.filePath(QStringLiteral("b%1.db").arg(m_case)), T0, url, tokens[1]);
        a.httpOptions.timeoutMs = 3000;
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        QCOMPARE(a.syncOnce(), SyncProblem::None); // binds the device's site before the interesting push
        for (int i = 0; i < Rows; ++i)
            QVERIFY(
                a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("row %1").arg(i)},
                                                              {QStringLiteral("qty"), i}}));

        QSignalSpy finished(a.client.get(), &sync::SyncClient::roundFinished);
        proxy.setMode(answerLost ? FaultProxy::Mode::HalfClose : FaultProxy::Mode::Pass);
        a.client->syncNow();
        QVERIFY(QTest::qWaitFor([&] { return proxy.forwardedUp() > 0; }, 10000));
        if (answerLost) // the device heard a FIN only after the server answered, that is after it committed
            QVERIFY(finished.wait(10000));
        else if (delayMs > 0)
            QTest::qWait(delayMs);
        server.kill();
        QVERIFY(finished.count() > 0 || finished.wait(10000));
        const SyncProblem killed = a.client->status().problem;
        qInfo("round ended with problem %d; outbox holds %zu batch(es)", int(killed), a.state->outbox()->size());
        if (killed != SyncProblem::None) // not answered, so still queued
            QCOMPARE(a.state->outbox()->size(), size_t(1));

        // Restarted on the same folder: the device's next round drains its queue, the other receives every row once.
        QVERIFY2(server.start(dataDir), qPrintable(server.error()));
        proxy.setTarget(server.port());
        proxy.setMode(FaultProxy::Mode::Pass);
        // The push was one transaction: the restarted server has all of it or none of it.
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        const int before = synctest::count(b.device, "SELECT count(*) FROM contacts");
        QVERIFY2(before == 0 || before == Rows, qPrintable(QString::number(before)));
        if (answerLost)
            QCOMPARE(before, Rows);
        qInfo("after the restart the server held %s of the push", before == 0 ? "none" : "all");
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QVERIFY(a.state->outbox()->empty());
        QCOMPARE(a.client->status().pending, qint64(0));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM contacts"), Rows);
        QCOMPARE(synctest::count(b.device, "SELECT count(DISTINCT name) FROM contacts"), Rows);
        QCOMPARE(synctest::count(b.device, "SELECT sum(qty) FROM contacts"), Rows * (Rows - 1) / 2);
        QCOMPARE(synctest::dump(a.device), synctest::dump(b.device));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestServerKill)
#include "tst_serverkill.moc"
