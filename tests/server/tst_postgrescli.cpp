// fieldline-server's PostgreSQL command line against a throwaway cluster: --migrate as the owner (password from
// PGPASSWORD), a server as the application role with --demo and a login, and every refusal with its sentence
// (unmigrated database, the owner as server role, a wrong password, bad option combinations). The password
// never appears in anything the server prints.
#include "ServerProcess.h"

#include "server/PostgresAddress.h"
#include "server/TenantStore.h"
#include "sync/protocol/ProtocolCodec.h"
#include "tests/support/PostgresCluster.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QString output; ///< stdout and stderr
};

/** One run of fieldline-server to its end, with @p password (if any) in PGPASSWORD. */
Run runServer(const QStringList &arguments, const QString &password = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    if (!password.isEmpty())
        environment.insert(QStringLiteral("PGPASSWORD"), password);
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(ServerProcess::executable(), arguments);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished(2000);
        return {-1, QStringLiteral("timed out")};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAll())};
}

/** The role's URL without its password, which then comes from PGPASSWORD. */
QString bareUrl(const QString &url)
{
    auto address = fieldline::server::PostgresAddress::parse(url, nullptr);
    return address ? address->display() : QString();
}

} // namespace

class TestPostgresCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    PostgresCluster m_cluster;
    QString m_owner, m_app;
    QString m_ownerPassword, m_appPassword;

    /** Every column of the public schema with its type, and "rls" on the tables under forced row-level security. */
    QString schemaOf(const QString &database)
    {
        const QString name = QStringLiteral("schema-of-") + database;
        QString schema;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            db.setHostName(QStringLiteral("127.0.0.1"));
            db.setPort(m_cluster.port());
            db.setUserName(QLatin1String(PostgresCluster::OwnerRole));
            db.setPassword(m_ownerPassword);
            db.setDatabaseName(database);
            QSqlQuery q(db);
            if (!db.open() ||
                !q.exec(QStringLiteral("SELECT c.table_name || '.' || c.column_name || ' ' || c.data_type ||"
                                       " CASE WHEN t.relrowsecurity AND t.relforcerowsecurity THEN ' rls' ELSE '' END"
                                       " FROM information_schema.columns c JOIN pg_class t ON t.relname = c.table_name"
                                       " WHERE c.table_schema = 'public' ORDER BY 1")))
                return QStringLiteral("cannot read the schema of ") + database;
            while (q.next())
                schema += q.value(0).toString() + u'\n';
        }
        QSqlDatabase::removeDatabase(name);
        return schema;
    }

    QStringList args(const QString &url, const QStringList &more = {})
    {
        return QStringList{QStringLiteral("--data"), m_dir.filePath(QStringLiteral("data")),
                           QStringLiteral("--postgres"), url} +
               more;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_cluster.start(), qPrintable(m_cluster.error()));
        m_owner = bareUrl(m_cluster.ownerUrl());
        m_app = bareUrl(m_cluster.appUrl());
        m_ownerPassword = PostgresCluster::password(QLatin1String(PostgresCluster::OwnerRole));
        m_appPassword = PostgresCluster::password(QLatin1String(PostgresCluster::AppRole));
    }

    void parsesUrls()
    {
        using fieldline::server::PostgresAddress;
        QString problem;
        auto full = PostgresAddress::parse(
            QStringLiteral("postgresql://app%40x:p%3As%2Fw@db.example:6543/fieldline?sslmode=require"), &problem);
        QVERIFY2(full, qPrintable(problem));
        QCOMPARE(full->user, QStringLiteral("app@x"));
        QCOMPARE(full->password, QStringLiteral("p:s/w"));
        QCOMPARE(full->host, QStringLiteral("db.example"));
        QCOMPARE(full->port, 6543);
        QCOMPARE(full->database, QStringLiteral("fieldline"));
        QCOMPARE(full->options, QStringLiteral("sslmode=require"));
        QVERIFY(!full->display().contains(QLatin1String("p:s")) && !full->display().contains(QLatin1String("%3A")));
        auto bare = PostgresAddress::parse(QStringLiteral("postgres://app@127.0.0.1/db"), &problem);
        QVERIFY(bare && bare->port == 5432 && bare->password.isEmpty());
        for (const char *bad : {"postgresql://127.0.0.1/db", "postgresql://app@127.0.0.1/", "http://app@h/db",
                                "postgresql://app@h/db?options=a;b"}) {
            QVERIFY2(!PostgresAddress::parse(QLatin1String(bad), &problem), bad);
            QVERIFY(!problem.isEmpty());
        }
    }

    /**
     * From every older version (its own database, migrated that far) to the current one: the same columns and the
     * same tables under forced row-level security as a database migrated in one go. Then a newer one is refused.
     */
    void migratesFromEveryOlderVersionAndRefusesANewerOne()
    {
        using fieldline::server::TenantStore;
        const auto migrate = [this](const QString &database, int to) {
            QString problem = m_cluster.superuser({QStringLiteral("CREATE DATABASE %1 OWNER %2")
                                                       .arg(database, QLatin1String(PostgresCluster::OwnerRole))})
                                  ? QString()
                                  : m_cluster.error();
            auto owner = fieldline::server::PostgresAddress::parse(
                m_cluster.url(QLatin1String(PostgresCluster::OwnerRole), database), nullptr);
            for (int target : {to, int(TenantStore::SchemaVersion)}) {
                auto store = TenantStore::open(fieldline::server::postgresDialect(*owner), database,
                                               TenantStore::OpenMode::Migrate, target);
                if (!store)
                    return store.message();
                if (store.value()->schemaVersion() != target)
                    return QStringLiteral("%1 is at version %2, not %3")
                        .arg(database)
                        .arg(store.value()->schemaVersion())
                        .arg(target);
            }
            return problem;
        };
        QCOMPARE(migrate(QStringLiteral("fresh"), TenantStore::SchemaVersion), QString());
        const QString expected = schemaOf(QStringLiteral("fresh"));
        QVERIFY(expected.contains(QLatin1String("users.tenant_id bigint rls")));
        for (int from = 1; from < TenantStore::SchemaVersion; ++from) {
            const QString database = QStringLiteral("from%1").arg(from);
            QCOMPARE(migrate(database, from), QString());
            QCOMPARE(schemaOf(database), expected);
        }

        auto owner = fieldline::server::PostgresAddress::parse(
            m_cluster.url(QLatin1String(PostgresCluster::OwnerRole), QStringLiteral("fresh")), nullptr);
        QVERIFY(
            m_cluster.superuser({QStringLiteral("UPDATE schema_version SET version = 99")}, QStringLiteral("fresh")));
        auto newer = TenantStore::open(fieldline::server::postgresDialect(*owner), QStringLiteral("fresh"),
                                       TenantStore::OpenMode::Migrate);
        QCOMPARE(newer.code(), fieldline::storage::ErrorCode::Unsupported);
        QVERIFY2(newer.message().contains(QLatin1String("99")), qPrintable(newer.message()));
        auto serving = TenantStore::open(fieldline::server::postgresDialect(*owner), QStringLiteral("fresh"));
        QCOMPARE(serving.code(), fieldline::storage::ErrorCode::Unsupported);
        QVERIFY2(serving.message().contains(QLatin1String("Run a newer fieldline-server")),
                 qPrintable(serving.message()));
    }

    /** Several replicas rolled out at once each run --migrate: they take turns, all succeed, one schema results. */
    void concurrentMigrationsTakeTurns()
    {
        const QStringList migrate{QStringLiteral("--migrate"), QStringLiteral("--app-role"),
                                  QLatin1String(PostgresCluster::AppRole)};
        for (const char *database : {"together", "alone"})
            QVERIFY2(
                m_cluster.superuser({QStringLiteral("CREATE DATABASE %1 OWNER %2")
                                         .arg(QLatin1String(database), QLatin1String(PostgresCluster::OwnerRole))}),
                qPrintable(m_cluster.error()));
        const auto ownerOf = [this](const QString &database) {
            return bareUrl(m_cluster.url(QLatin1String(PostgresCluster::OwnerRole), database));
        };
        const Run alone = runServer(args(ownerOf(QStringLiteral("alone")), migrate), m_ownerPassword);
        QVERIFY2(alone.exitCode == 0, qPrintable(alone.output));
        const QString database = QStringLiteral("together");
        const QString owner = ownerOf(database);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("PGPASSWORD"), m_ownerPassword);
        std::vector<std::unique_ptr<QProcess>> runs;
        for (int i = 0; i < 3; ++i) {
            auto process = std::make_unique<QProcess>();
            process->setProcessEnvironment(environment);
            process->setProcessChannelMode(QProcess::MergedChannels);
            process->start(ServerProcess::executable(), args(owner, migrate));
            runs.push_back(std::move(process));
        }
        for (auto &process : runs) {
            const bool finished = process->waitForFinished(60000);
            const QString output = QString::fromUtf8(process->readAll());
            QVERIFY2(finished && process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                     qPrintable(output));
        }
        const QString schema = schemaOf(database);
        QVERIFY(schema.contains(QLatin1String("users.tenant_id bigint rls")));
        QCOMPARE(schema, schemaOf(QStringLiteral("alone")));
    }

    void refusesAnUnmigratedDatabase()
    {
        const Run run = runServer(args(m_app), m_appPassword);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.output.contains(QLatin1String("schema version 0")) &&
                     run.output.contains(QLatin1String("--migrate --app-role")),
                 qPrintable(run.output));
    }

    void optionsGoTogether_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("says");
        QTest::newRow("migrate without role")
            << QStringList{QStringLiteral("--migrate")} << QStringLiteral("--app-role");
        QTest::newRow("role without migrate")
            << QStringList{QStringLiteral("--app-role"), QStringLiteral("fieldline_app")}
            << QStringLiteral("--migrate");
        QTest::newRow("odd role name") << QStringList{QStringLiteral("--migrate"), QStringLiteral("--app-role"),
                                                      QStringLiteral("app; DROP TABLE users")}
                                       << QStringLiteral("role name");
    }

    void optionsGoTogether()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, says);
        const Run run = runServer(args(m_owner, arguments));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.output.contains(says), qPrintable(run.output));
        QCOMPARE(runServer({QStringLiteral("--postgres"), QStringLiteral("mysql://x@h/db")}).exitCode, 2);
    }

    void migratesAsTheOwnerThenServesAsTheAppRole()
    {
        const QStringList migrate = args(m_owner, {QStringLiteral("--migrate"), QStringLiteral("--app-role"),
                                                   QLatin1String(PostgresCluster::AppRole)});
        for (int pass = 0; pass < 2; ++pass) { // the second run changes nothing and grants again
            const Run run = runServer(migrate, m_ownerPassword);
            QVERIFY2(run.exitCode == 0 &&
                         run.output.contains(
                             QStringLiteral("is at version %1").arg(fieldline::server::TenantStore::SchemaVersion)),
                     qPrintable(run.output));
            QVERIFY(!run.output.contains(m_ownerPassword));
        }

        qputenv("PGPASSWORD", m_appPassword.toUtf8());
        ServerProcess server;
        const bool started = server.start(m_dir.filePath(QStringLiteral("data")),
                                          {QStringLiteral("--postgres"), m_app, QStringLiteral("--demo"),
                                           QStringLiteral("--password-cost"), QStringLiteral("min")});
        qunsetenv("PGPASSWORD");
        QVERIFY2(started, qPrintable(server.error()));
        const HttpReply health = server.get(QStringLiteral("/healthz"));
        QCOMPARE(QJsonDocument::fromJson(health.body).object().value(QLatin1String("schema")).toInt(),
                 fieldline::server::TenantStore::SchemaVersion);
        // The demo tenant was seeded through row-level security; a login reads it back the same way.
        const HttpReply login = server.post(QStringLiteral("/v1/login"),
                                            R"({"tenant":"demo","login":"field","password":"field-demo-1",
                                               "device":"cli test"})");
        QCOMPARE(login.status, 200);
        const QByteArray token =
            QJsonDocument::fromJson(login.body).object().value(QLatin1String("token")).toString().toLatin1();
        QCOMPARE(server.get(QStringLiteral("/v1/me"), token).status, 200);
        namespace protocol = fieldline::sync::protocol;
        const fieldline::sync::SiteId site = fieldline::sync::SiteId::generate();
        const auto push = [&](qint64 seq) {
            return server.send("POST", QStringLiteral("/v1/push"),
                               protocol::encode(protocol::PushRequest{site, seq, 1, {}}),
                               {{"Authorization", "Bearer " + token}, {"Content-Type", "application/cbor"}});
        };
        QCOMPARE(push(1).status, 200); // the server now keeps this push's prepared statements

        // A database restart or failover ends the server's session; the next request opens a new one, and the kept
        // statements are prepared again on it.
        QVERIFY2(m_cluster.superuser({QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                                     " WHERE usename = '%1'")
                                          .arg(QLatin1String(PostgresCluster::AppRole))}),
                 qPrintable(m_cluster.error()));
        QCOMPARE(server.get(QStringLiteral("/v1/me"), token).status, 200);
        // The group commit's own connection ended too: its next sync opens another, finds the same PostgreSQL
        // running, and the push is answered as if nothing happened.
        const HttpReply after = push(2);
        QCOMPARE(after.status, 200);
        QVERIFY(protocol::decode<protocol::PushResponse>(after.body));
        // Pushes committed without waiting for the flush, and their answers waited for one (group commit).
        const QString metrics = QString::fromLatin1(server.get(QStringLiteral("/metrics")).body);
        static const QRegularExpression held(QStringLiteral("^fieldline_held_answers_total [1-9][0-9]*$"),
                                             QRegularExpression::MultilineOption);
        QVERIFY2(held.match(metrics).hasMatch(), qPrintable(metrics));
        QVERIFY2(metrics.contains(QLatin1String("\nfieldline_store_sync_failures_total 0\n")), qPrintable(metrics));
    }

    void refusesTheOwnerAndAWrongPassword()
    {
        const Run owner = runServer(args(m_owner), m_ownerPassword);
        QCOMPARE(owner.exitCode, 1);
        QVERIFY2(owner.output.contains(QLatin1String("owns the schema")), qPrintable(owner.output));

        const QString wrong = QStringLiteral("not-the-password-42");
        auto address = fieldline::server::PostgresAddress::parse(m_app, nullptr);
        QVERIFY(address);
        const QString withWrong = QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                                      .arg(address->user, wrong, address->host)
                                      .arg(address->port)
                                      .arg(address->database);
        const Run denied = runServer(args(withWrong));
        QCOMPARE(denied.exitCode, 1);
        QVERIFY2(denied.output.contains(QLatin1String("Cannot connect to ")) && !denied.output.contains(wrong),
                 qPrintable(denied.output));
    }
};

QTEST_GUILESS_MAIN(TestPostgresCli)
#include "tst_postgrescli.moc"
