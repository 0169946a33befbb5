// Group commit on the server: answers held until a sync of the store covers them (DurableAnswers), and the
// embedded store's commits counted and left to that sync (WalCommits).
#include "server/DurableAnswers.h"
#include "server/Metrics.h"
#include "server/SyncStore.h"
#include "server/TenantStore.h"
#include "server/WalCommits.h"

#include <QFileInfo>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

#include <atomic>
#include <memory>
#include <vector>

using namespace fieldline;
using namespace fieldline::server;

namespace {

/** A store whose commits the routes count and whose syncs the test lets through one at a time. */
struct GatedStore
{
    quint64 commits = 0;
    QString lostWrites; // what the store's failure() reports
    QSemaphore permits;
    std::atomic<bool> gated{true};
    std::atomic<int> failing{-1}; // an ErrorCode the next syncs fail with, or -1
    std::atomic<int> started{0};

    DurableAnswers::Store store()
    {
        DurableAnswers::Store store;
        store.position = [this] { return commits; };
        store.sync = [this](quint64 target) -> storage::Result<quint64> {
            ++started;
            if (gated)
                permits.acquire();
            if (failing >= 0)
                return storage::Error{storage::ErrorCode(failing.load()), QStringLiteral("No space left on device")};
            return target;
        };
        store.failure = [this] { return lostWrites; };
        store.syncOtherRoutes = true;
        return store;
    }
};

/** QHttpServer on loopback with routes that commit or only read, answered through DurableAnswers. */
class Server
{
public:
    explicit Server(DurableAnswers::Store store, quint64 *commits)
        : m_answers(m_http, m_metrics, std::move(store), [](const QString &why) {
            return QHttpServerResponse(why.toUtf8(), QHttpServerResponse::StatusCode::InternalServerError);
        })
    {
        const auto held = [this, commits](bool commit) {
            return [this, commits, commit](const QHttpServerRequest &, QHttpServerResponder &&responder) {
                if (commit)
                    ++*commits;
                lastSocket = responder.socket();
                m_answers.answer(std::move(responder), QHttpServerResponse(QByteArrayLiteral("ok")),
                                 [this](int status) { statuses.push_back(status); });
            };
        };
        m_http.route(QStringLiteral("/write"), held(true));
        m_http.route(QStringLiteral("/read"), held(false));
        m_http.route(QStringLiteral("/plain-write"), [commits] {
            ++*commits;
            return QHttpServerResponse(QByteArrayLiteral("plain"));
        });
        m_http.route(QStringLiteral("/plain-read"), [] { return QHttpServerResponse(QByteArrayLiteral("plain")); });
        port = m_http.listen(QHostAddress::LocalHost, 0);
    }

    DurableAnswers &answers() { return m_answers; }
    QByteArray metrics() const { return m_metrics.render(); }

    quint16 port = 0;
    std::vector<int> statuses;       // what each held answer's callback was told
    QPointer<QTcpSocket> lastSocket; // the connection of the last request a held route answered

private:
    QHttpServer m_http;
    Metrics m_metrics;
    DurableAnswers m_answers;
};

int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestDurableAnswers : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_gate = std::make_unique<GatedStore>();
        m_server = std::make_unique<Server>(m_gate->store(), &m_gate->commits);
        QVERIFY(m_server->port != 0);
    }

    void cleanup()
    {
        // Lets a sync still waiting finish, so the server can stop.
        m_gate->gated = false;
        m_gate->permits.release(100);
        m_server.reset();
        m_gate.reset();
    }

    void answersWaitForTheSyncThatCoversThem()
    {
        QNetworkReply *first = get("/write");
        QTRY_COMPARE(m_gate->commits, quint64(1));
        QTRY_COMPARE(m_gate->started.load(), 1);
        QTest::qWait(100);
        QVERIFY2(!first->isFinished(), "answered before the sync of its commit ended");

        std::vector<QNetworkReply *> during;
        for (int i = 0; i < 5; ++i)
            during.push_back(get("/write"));
        QTRY_COMPARE(m_gate->commits, quint64(6));
        QCOMPARE(m_server->answers().held(), std::size_t(6));

        m_gate->permits.release(1); // the first sync, which began before the other five commits, ends
        QTRY_VERIFY(first->isFinished());
        QCOMPARE(statusOf(first), 200);
        QCOMPARE(first->readAll(), QByteArrayLiteral("ok"));
        // One more sync, for all five commits made while the first ran.
        QTRY_COMPARE(m_gate->started.load(), 2);
        QTest::qWait(50);
        for (QNetworkReply *reply : during)
            QVERIFY(!reply->isFinished());

        m_gate->permits.release(1);
        for (QNetworkReply *reply : during) {
            QTRY_VERIFY(reply->isFinished());
            QCOMPARE(statusOf(reply), 200);
        }
        QCOMPARE(m_gate->started.load(), 2);
        QCOMPARE(m_server->statuses, std::vector<int>(6, 200));
        const QByteArray metrics = m_server->metrics();
        QVERIFY(metrics.contains("fieldline_store_syncs_total 2\n"));
        QVERIFY(metrics.contains("fieldline_held_answers_total 6\n"));
    }

    void aReadWaitsForCommitsItMaySee()
    {
        QNetworkReply *idle = get("/read");
        QTRY_VERIFY(idle->isFinished()); // nothing committed: answered with no sync
        QCOMPARE(statusOf(idle), 200);
        QCOMPARE(m_gate->started.load(), 0);

        const auto [write, read] = writeThenReadBothHeld();
        QVERIFY(write && read);
        QCOMPARE(statusOf(read), 200);
        QCOMPARE(m_gate->started.load(), 1); // the read needed no sync of its own
    }

    void aFailedSyncBreaksTheStoreForGood()
    {
        m_gate->failing = int(storage::ErrorCode::Io);
        const auto [write, read] = writeThenReadBothHeld();
        QVERIFY(write && read);
        QCOMPARE(statusOf(write), 500);
        QVERIFY(write->readAll().contains("No space left on device"));
        QCOMPARE(statusOf(read), 500);
        QVERIFY(m_server->metrics().contains("fieldline_store_sync_failures_total 1\n"));
        QVERIFY(!m_server->answers().broken().isEmpty());

        // A later sync could succeed without the lost pages on disk: nothing that needs one is answered any more.
        m_gate->failing = -1;
        QNetworkReply *again = get("/read");
        QTRY_VERIFY(again->isFinished());
        QCOMPARE(statusOf(again), 500);
        QCOMPARE(m_gate->started.load(), 1);
    }

    void aSyncThatCouldNotRunFailsOnlyItsAnswers()
    {
        m_gate->failing = int(storage::ErrorCode::Busy); // e.g. the database connection went away
        QNetworkReply *write = get("/write");
        QTRY_COMPARE(m_gate->started.load(), 1);
        m_gate->permits.release(1);
        QTRY_VERIFY(write->isFinished());
        QCOMPARE(statusOf(write), 500);
        QVERIFY(m_server->answers().broken().isEmpty());

        m_gate->failing = -1; // the commit is still not known durable: a read waits for a sync that works
        QNetworkReply *read = get("/read");
        QTRY_COMPARE(m_gate->started.load(), 2);
        QVERIFY(!read->isFinished());
        m_gate->permits.release(1);
        QTRY_VERIFY(read->isFinished());
        QCOMPARE(statusOf(read), 200);
    }

    void writesTheStoreReportsLostAreNeverConfirmed()
    {
        m_gate->lostWrites = QStringLiteral("A checkpoint of the tenant store failed: disk I/O error");
        QNetworkReply *write = get("/write");
        QTRY_VERIFY(write->isFinished());
        QCOMPARE(statusOf(write), 500);
        QCOMPARE(m_gate->started.load(), 0);
        QCOMPARE(m_server->answers().broken(), m_gate->lostWrites);
    }

    void aRouteAnsweringAtOnceSyncsWhatItCommitted()
    {
        m_gate->gated = false; // this sync runs on the event loop
        QNetworkReply *read = get("/plain-read");
        QTRY_VERIFY(read->isFinished());
        QCOMPARE(m_gate->started.load(), 0);

        QNetworkReply *write = get("/plain-write");
        QTRY_VERIFY(write->isFinished());
        QCOMPARE(statusOf(write), 200);
        QCOMPARE(m_gate->started.load(), 1);
        QVERIFY(m_server->metrics().contains("fieldline_store_syncs_total 1\n"));

        m_gate->failing = int(storage::ErrorCode::Io);
        QNetworkReply *failed = get("/plain-write");
        QTRY_VERIFY(failed->isFinished());
        QCOMPARE(statusOf(failed), 500);
        QVERIFY(!m_server->answers().broken().isEmpty());
    }

    void aClientThatLeftIsNotWrittenTo()
    {
        QNetworkReply *write = get("/write");
        QTRY_COMPARE(m_gate->started.load(), 1);
        QVERIFY(m_server->lastSocket);
        write->abort();
        // The server sees the connection close (and may delete the socket).
        QTRY_VERIFY(!m_server->lastSocket || m_server->lastSocket->state() != QAbstractSocket::ConnectedState);
        m_gate->permits.release(1);
        QTRY_COMPARE(m_server->statuses.size(), std::size_t(1));
        QCOMPARE(m_server->statuses.front(), 0);
        QNetworkReply *next = get("/read");
        QTRY_VERIFY(next->isFinished());
        QCOMPARE(statusOf(next), 200);
    }

    void withoutAStoreToSyncEveryAnswerGoesAtOnce()
    {
        quint64 commits = 0;
        Server postgres({}, &commits);
        QNetworkReply *write =
            m_network.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/write").arg(postgres.port))));
        QTRY_VERIFY(write->isFinished());
        QCOMPARE(statusOf(write), 200);
        QCOMPARE(commits, quint64(1));
        QCOMPARE(postgres.answers().held(), std::size_t(0));
    }

    void walCommitsCountsCommitsAndStillCheckpoints()
    {
        QTemporaryDir dir;
        const QString connection = QStringLiteral("wal-commits");
        {
            auto store = TenantStore::open(dir.path(), connection);
            QVERIFY2(store, qPrintable(store.message()));
            QSqlDatabase db = QSqlDatabase::database(connection);
            QVERIFY(!WalCommits::attach(QStringLiteral("no-such-connection")));
            auto wal = WalCommits::attach(connection);
            QVERIFY2(wal, qPrintable(wal.message()));
            QCOMPARE(wal.value()->walPath(), dir.filePath(QStringLiteral("tenants.sqlite-wal")));
            QCOMPARE(synchronous(db), 1); // NORMAL: the commit does not wait for the disk

            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("CREATE TABLE filler (body BLOB)")));
            QCOMPARE(wal.value()->commits(), quint64(1));
            QVERIFY(query.exec(QStringLiteral("SELECT count(*) FROM filler")));
            QCOMPARE(wal.value()->commits(), quint64(1)); // a read commits nothing
            {
                // An autocommit statement whose rows were read commits only when it is reset, after its last step.
                QSqlQuery returning(db);
                QVERIFY(returning.exec(QStringLiteral("INSERT INTO filler (body) VALUES (x'00') RETURNING rowid")));
                QVERIFY(returning.next());
            }
            QCOMPARE(wal.value()->commits(), quint64(2));
            // 24 MiB in 60 transactions: six times the WAL the checkpoint threshold allows.
            const QByteArray page(4000, 'x');
            for (int tx = 0; tx < 60; ++tx) {
                QVERIFY(db.transaction());
                query.prepare(QStringLiteral("INSERT INTO filler (body) VALUES (?)"));
                for (int row = 0; row < 100; ++row) {
                    query.addBindValue(page);
                    QVERIFY(query.exec());
                }
                QVERIFY(db.commit());
            }
            QCOMPARE(wal.value()->commits(), quint64(62));
            const qint64 walBytes = QFileInfo(wal.value()->walPath()).size();
            QVERIFY2(walBytes < 8 * 1024 * 1024, qPrintable(QString::number(walBytes)));
            QVERIFY(WalCommits::syncWal(wal.value()->walPath()));
            QVERIFY(wal.value()->failure().isEmpty());
            QVERIFY(!WalCommits::syncWal(dir.filePath(QStringLiteral("missing-wal"))));

            wal.value().reset();
            QCOMPARE(synchronous(db), 2); // FULL again once detached
        }
    }

    void pushesAndAcksRunTheCommitPreambleFirst()
    {
        QTemporaryDir dir;
        const QString connection = QStringLiteral("preamble");
        auto store = TenantStore::open(dir.path(), connection);
        QVERIFY2(store, qPrintable(store.message()));
        const qint64 tenant = store.value()->createTenant(QStringLiteral("acme")).value();
        const qint64 user = store.value()->createUser(tenant, QStringLiteral("sam"), "hash", Role::Field).value();
        const QByteArray token = store.value()->issueDeviceToken(tenant, user, QStringLiteral("laptop")).value();
        const Identity identity = store.value()->authenticate(token).value().value();
        const sync::SystemClock clock;
        SyncStore sync(connection, clock);
        const sync::protocol::PushRequest push{sync::SiteId::generate(), 1, 1, {}};
        QVERIFY(sync.bindSite(identity, push.site));

        // A statement that fails shows that it runs, in both kinds of transaction, and that a failure stops them.
        sync.setCommitPreamble(QStringLiteral("SELECT no_such_function()"));
        const auto refused = sync.push(identity, push);
        QVERIFY(!refused);
        QVERIFY2(refused.message().contains(QLatin1String("Cannot set up the transaction")),
                 qPrintable(refused.message()));
        QVERIFY(!sync.acknowledge(identity, 0));

        sync.setCommitPreamble({});
        QVERIFY(sync.push(identity, push));
        QVERIFY(sync.acknowledge(identity, 0));
    }

private:
    /**
     * A write, then a read while the write's sync runs: both are held until that one sync ends, which this lets
     * through. The two replies once both finished, or nulls.
     */
    std::pair<QNetworkReply *, QNetworkReply *> writeThenReadBothHeld()
    {
        QNetworkReply *write = get("/write");
        if (!QTest::qWaitFor([this] { return m_gate->started.load() == 1; }))
            return {};
        QNetworkReply *read = get("/read");
        if (!QTest::qWaitFor([this] { return m_server->answers().held() == 2; }))
            return {};
        m_gate->permits.release(1);
        if (!QTest::qWaitFor([&] { return write->isFinished() && read->isFinished(); }))
            return {};
        return {write, read};
    }

    QNetworkReply *get(const char *path)
    {
        QNetworkReply *reply = m_network.get(QNetworkRequest(
            QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server->port).arg(QLatin1String(path)))));
        reply->setParent(this);
        return reply;
    }

    static int synchronous(const QSqlDatabase &db)
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("PRAGMA synchronous")) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    QNetworkAccessManager m_network;
    std::unique_ptr<GatedStore> m_gate;
    std::unique_ptr<Server> m_server;
};

QTEST_GUILESS_MAIN(TestDurableAnswers)
#include "tst_durableanswers.moc"
