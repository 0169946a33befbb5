// Group commit on PostgreSQL (PostgresCommits): commits that do not wait for the WAL flush, the insert location
// that says how far they got, and the sync that forces the flush over a connection of its own, as the server's
// role that owns nothing, against a throwaway cluster.
#include "server/PostgresAddress.h"
#include "server/PostgresCommits.h"
#include "tests/support/PostgresCluster.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>

#include <optional>
#include <thread>

using namespace fieldline;
using namespace fieldline::server;

class TestPostgresCommits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        QVERIFY2(m_cluster.superuser({QStringLiteral("CREATE TABLE edits (n INTEGER)"),
                                      QStringLiteral("GRANT ALL ON edits TO fieldline_app")},
                                     QLatin1String(PostgresCluster::Database)),
                 qPrintable(m_cluster.error()));
        QString problem;
        m_address = PostgresAddress::parse(m_cluster.appUrl(), &problem);
        QVERIFY2(m_address, qPrintable(problem));
    }

    void lsnText()
    {
        QCOMPARE(PostgresCommits::parseLsn(QStringLiteral("16/B374D848")),
                 std::optional<quint64>((quint64(0x16) << 32) | 0xB374D848));
        QCOMPARE(PostgresCommits::parseLsn(QStringLiteral("0/0")), std::optional<quint64>(0));
        QVERIFY(!PostgresCommits::parseLsn(QStringLiteral("garbage")));
        QVERIFY(!PostgresCommits::parseLsn(QStringLiteral("1/")));
        QVERIFY(!PostgresCommits::parseLsn(QStringLiteral("/1")));
        QVERIFY(!PostgresCommits::parseLsn(QStringLiteral("123456789/0")));
    }

    void flushesWhatCommittedWithoutWaiting()
    {
        const QString connection = QStringLiteral("pg-durable");
        QVERIFY(postgresDialect(*m_address)->open(connection));
        {
            const PostgresCommits commits(connection, postgresDialect(*m_address));
            const DurableAnswers::Store store = commits.durableStore();
            QVERIFY(!store.syncOtherRoutes);
            const quint64 before = store.position();
            QVERIFY(before > 0 && before != DurableAnswers::Store::Unknown);

            QSqlDatabase db = QSqlDatabase::database(connection);
            QSqlQuery query(db);
            QVERIFY(db.transaction());
            QVERIFY(query.exec(QLatin1String(PostgresCommits::AsyncCommit)));
            QVERIFY(query.exec(QStringLiteral("INSERT INTO edits VALUES (1)")));
            QVERIFY(db.commit());
            const quint64 after = store.position();
            QVERIFY(after > before);
            QVERIFY(query.exec(QStringLiteral("SELECT pg_backend_pid()")) && query.next());
            const int storePid = query.value(0).toInt();

            // On a thread of its own, as in DurableAnswers: the sync opens its connection there.
            std::optional<storage::Result<quint64>> synced;
            std::optional<storage::Result<quint64>> forced;
            runOnWorker(commits, [&] {
                synced = commits.sync(after);
                // Past the end: nothing flushed reaches it, so the sync commits a write of its own and returns
                // where that flush got, beyond the first.
                forced = commits.sync(after + 1'000'000'000);
            });
            QVERIFY2(*synced, qPrintable(synced->message()));
            QVERIFY2(synced->value() >= after,
                     qPrintable(QStringLiteral("flushed %1, waited for %2").arg(synced->value()).arg(after)));
            QVERIFY2(*forced, qPrintable(forced->message()));
            QVERIFY(forced->value() > synced->value());

            // The sync's session ends (an idle timeout, a terminated backend) while PostgreSQL runs on: the next
            // sync opens another and goes on.
            std::optional<storage::Result<quint64>> reopened;
            std::optional<storage::Result<quint64>> wentBack;
            bool terminated = true;
            const quint64 beyond = store.position() + 1'000'000'000;
            runOnWorker(commits, [&] {
                terminated = commits.sync(after).ok() && terminateAllBut(storePid);
                reopened = commits.sync(after);
                terminated = terminated && terminateAllBut(storePid);
                // A WAL that ends before what was waited for is one that lost commits (a crash PostgreSQL recovered
                // from): what waited cannot be confirmed.
                wentBack = commits.sync(beyond);
            });
            QVERIFY2(terminated, qPrintable(m_cluster.error()));
            QVERIFY2(*reopened, qPrintable(reopened->message()));
            QVERIFY(!*wentBack);
            QCOMPARE(wentBack->code(), storage::ErrorCode::Busy);

            // A refusal that will not go away by itself is no lost connection: it breaks the store (/healthz).
            QVERIFY(m_cluster.superuser({QStringLiteral("REVOKE EXECUTE ON FUNCTION"
                                                        " pg_logical_emit_message(boolean, text, text) FROM PUBLIC")},
                                        QLatin1String(PostgresCluster::Database)));
            std::optional<storage::Result<quint64>> refused;
            runOnWorker(commits, [&] {
                if (commits.sync(synced->value())) // opens the connection, with nothing to force: already flushed
                    refused = commits.sync(synced->value() + 1'000'000'000);
            });
            QVERIFY(refused);
            QVERIFY(!*refused);
            QVERIFY2(refused->code() != storage::ErrorCode::Busy, qPrintable(refused->message()));

            m_cluster.stop(); // the database goes away: nothing can be confirmed, and it says so as Busy
            query.clear();
            QCOMPARE(store.position(), DurableAnswers::Store::Unknown);
            std::optional<storage::Result<quint64>> lost;
            runOnWorker(commits, [&] { lost = commits.sync(after); });
            QVERIFY(!*lost);
            QCOMPARE(lost->code(), storage::ErrorCode::Busy);
        }
        QSqlDatabase::removeDatabase(connection);
    }

private:
    /** Runs @p work on a new thread, then closes what the syncs opened there. */
    template <typename Work> static void runOnWorker(const PostgresCommits &commits, Work work)
    {
        std::thread worker([&] {
            work();
            commits.finish();
        });
        worker.join();
    }

    /** Ends every session of the server's role but the store's own connection. */
    bool terminateAllBut(int storePid)
    {
        return m_cluster.superuser({QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                                   " WHERE usename = '%1' AND pid <> %2")
                                        .arg(QLatin1String(PostgresCluster::AppRole))
                                        .arg(storePid)});
    }

    PostgresCluster m_cluster;
    std::optional<PostgresAddress> m_address;
};

QTEST_GUILESS_MAIN(TestPostgresCommits)
#include "tst_postgrescommits.moc"
