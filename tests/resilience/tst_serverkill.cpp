// The real fieldline-server process killed with SIGKILL while a device's push is on its way: before the server
// read it, while it merges, after it committed and before its answer got out. Restarted on the same data folder,
// the server holds all of the push or none of it, the device resends what was not answered (a replay changes
// nothing), and both devices end with the same rows: nothing acknowledged is lost and nothing is doubled. Also
// killed mid-way through an attachment's upload, which resumes after the restart.
#include "../server/ServerProcess.h"
#include "../server/SyncServerKit.h"
#include "BlobDevice.h"
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

    /** Where each case starts: a seeded data folder, the server process on it, and a proxy in front. */
    struct Scene
    {
        explicit Scene(QString folder)
            : dataDir(std::move(folder))
        {}
        bool start()
        {
            if (!QDir().mkpath(dataDir))
                return false;
            tokens = seed(dataDir);
            if (tokens.size() != 2 || !server.start(dataDir))
                return false;
            proxy = std::make_unique<FaultProxy>(server.port());
            return proxy->listen();
        }
        QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy->port())); }

        QString dataDir;
        QList<QByteArray> tokens; ///< two device tokens of one user
        ServerProcess server;
        std::unique_ptr<FaultProxy> proxy;
    };

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
        Scene scene(m_dir.filePath(QStringLiteral("server%1").arg(++m_case)));
        QVERIFY2(scene.start(), qPrintable(scene.server.error()));
        SyncedDevice a(m_dir.filePath(QStringLiteral("a%1.db").arg(m_case)), T0, scene.url(), scene.tokens[0]);
        SyncedDevice b(m_dir.filePath(QStringLiteral("b%1.db").arg(m_case)), T0, scene.url(), scene.tokens[1]);
        a.httpOptions.timeoutMs = 3000;
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        QCOMPARE(a.syncOnce(), SyncProblem::None); // binds the device's site before the interesting push
        for (int i = 0; i < Rows; ++i)
            QVERIFY(
                a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("row %1").arg(i)},
                                                              {QStringLiteral("qty"), i}}));

        QSignalSpy finished(a.client.get(), &sync::SyncClient::roundFinished);
        scene.proxy->setMode(answerLost ? FaultProxy::Mode::HalfClose : FaultProxy::Mode::Pass);
        a.client->syncNow();
        QVERIFY(QTest::qWaitFor([&] { return scene.proxy->forwardedUp() > 0; }, 10000));
        if (answerLost) // the device heard a FIN only after the server answered, that is after it committed
            QVERIFY(finished.wait(10000));
        else if (delayMs > 0)
            QTest::qWait(delayMs);
        scene.server.kill();
        QVERIFY(finished.count() > 0 || finished.wait(10000));
        const SyncProblem killed = a.client->status().problem;
        qInfo("round ended with problem %d; outbox holds %zu batch(es)", int(killed), a.state->outbox()->size());
        if (killed != SyncProblem::None) // not answered, so still queued
            QCOMPARE(a.state->outbox()->size(), size_t(1));

        // Restarted on the same folder: the device's next round drains its queue, the other receives every row once.
        QVERIFY2(scene.server.start(scene.dataDir), qPrintable(scene.server.error()));
        scene.proxy->setTarget(scene.server.port());
        scene.proxy->setMode(FaultProxy::Mode::Pass);
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
        scene.server.stop();
    }

    void killedWhileAnAttachmentGoesUp()
    {
        // The server dies mid-way through a photo's upload. Every chunk it answered was committed, so after the
        // restart the device goes on from where the server stood (not from 0), and the other device receives the
        // row and the photo, byte for byte.
        Scene scene(m_dir.filePath(QStringLiteral("server%1").arg(++m_case)));
        QVERIFY2(scene.start(), qPrintable(scene.server.error()));
        constexpr qint64 Chunk = 64 << 10;
        BlobDevice a(m_dir.filePath(QStringLiteral("a%1.db").arg(m_case)), scene.url(), scene.tokens[0], Chunk, T0);
        BlobDevice b(m_dir.filePath(QStringLiteral("b%1.db").arg(m_case)), scene.url(), scene.tokens[1], Chunk, T0);
        QCOMPARE(a.opened, QString());
        QCOMPARE(b.opened, QString());
        const QByteArray photo = randomBytes(10 * Chunk, 21);
        auto name = a.local->add(photo);
        QVERIFY(name);
        QVERIFY(a.synced.device->insert(QStringLiteral("contacts"),
                                        {{QStringLiteral("name"), QString::fromLatin1(name->hex())}}));

        QSignalSpy finished(a.synced.client.get(), &sync::SyncClient::roundFinished);
        a.synced.client->syncNow();
        // More than four chunks forwarded: the device sends a chunk only after the one before was answered.
        QVERIFY(QTest::qWaitFor([&] { return scene.proxy->forwardedUp() > 4 * Chunk; }, 20000));
        scene.server.kill();
        QVERIFY(finished.count() > 0 || finished.wait(20000));
        QVERIFY(a.synced.client->status().problem != SyncProblem::None);
        QVERIFY(a.synced.client->status().pending > 0); // the row waits for its photo

        QVERIFY2(scene.server.start(scene.dataDir), qPrintable(scene.server.error()));
        scene.proxy->setTarget(scene.server.port());
        const qint64 sentBefore = a.transfer->bytesSent();
        QCOMPARE(a.synced.syncOnce(), SyncProblem::None);
        const qint64 sentAfter = a.transfer->bytesSent() - sentBefore;
        qInfo("%lld bytes sent before the kill, %lld after the restart", sentBefore, sentAfter);
        QVERIFY2(sentAfter > 0 && sentAfter <= photo.size() - 3 * Chunk, qPrintable(QString::number(sentAfter)));
        QCOMPARE(a.synced.client->status().pending, qint64(0));
        QCOMPARE(b.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(b.synced.device, "SELECT count(*) FROM contacts"), 1);
        QVERIFY(b.fetch(*name).ok());
        QCOMPARE(b.local->content(*name)->value(), photo);
        scene.server.stop();
    }
};

QTEST_GUILESS_MAIN(TestServerKill)
#include "tst_serverkill.moc"
