// Tenant isolation on both backends: tenant alpha's valid tokens (an admin's and a device's) are used against
// tenant bravo's names, ids and data on every endpoint (me, admin, push, pull, ack, live), and every attempt ends
// in 401/403/404 or in alpha's own rows, with bravo's data untouched. On PostgreSQL, row-level security is checked
// on its own too: the application role sees no tenant's rows without a tenant set, and only that tenant's with one.
#include "SyncServerKit.h"

#include "server/AdminRoutes.h"
#include "server/OperatorToken.h"
#include "server/UserDirectory.h"
#include "sync/LiveClient.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

struct Reply
{
    int status = 0;
    QByteArray body;
};

/** One blocking request to the in-process server. */
Reply request(const QUrl &base, const QByteArray &verb, const QString &path, const QByteArray &token,
              const QByteArray &body = {}, const QByteArray &type = "application/json")
{
    QNetworkAccessManager network;
    QNetworkRequest req(base.resolved(QUrl(path)));
    req.setRawHeader("Authorization", "Bearer " + token);
    req.setHeader(QNetworkRequest::ContentTypeHeader, type);
    QNetworkReply *reply = network.sendCustomRequest(req, verb, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    delete reply;
    return out;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

sync::Cells named(const char *name)
{
    return {{QStringLiteral("name"), QString::fromUtf8(name)}};
}

/** Tables with tenant data that this test fills (later migrations may add more; all are checked). */
const QStringList tenantTables{QStringLiteral("devices"), QStringLiteral("sync_batches"),
                               QStringLiteral("sync_cursors"), QStringLiteral("sync_rows"), QStringLiteral("users")};

} // namespace

class TestTenantIsolation : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_postgres;
    int m_servers = 0;

    std::optional<server::PostgresAddress> backend(const QString &name)
    {
        return name == QLatin1String("postgres") ? m_postgres.postgres : std::nullopt;
    }

    /** A tenant with an admin "boss" and a field user "field"; returns the admin's device token. */
    static QByteArray seedTenant(InProcessServer &server, const QString &tenant)
    {
        auto id = server.store->createTenant(tenant);
        auto hash = server.credentials.hashPassword(QStringLiteral("password one"));
        if (!id || !hash)
            return {};
        auto boss = server.store->createUser(*id, QStringLiteral("boss"), *hash, server::Role::Admin);
        if (!boss || !server.store->createUser(*id, QStringLiteral("field"), *hash, server::Role::Field))
            return {};
        auto token = server.store->issueDeviceToken(*id, *boss, QStringLiteral("admin console"));
        return token ? *token : QByteArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_postgres.setUp(QStringLiteral("postgres")), QString());
    }

    void anotherTenantsTokenReachesNothing_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void anotherTenantsTokenReachesNothing()
    {
        QFETCH(QString, backend);
        const QString dataDir = m_dir.filePath(QStringLiteral("matrix-%1").arg(++m_servers));
        InProcessServer server(dataDir, T0, this->backend(backend));
        QVERIFY(server.port != 0);
        server::UserDirectory directory(*server.store);
        auto operatorToken = server::OperatorToken::loadOrCreate(dataDir);
        QVERIFY(operatorToken);
        server::AdminRoutes admin(*server.api, directory, *operatorToken);
        // Tenant names are per database: the PostgreSQL rows of earlier runs share it.
        const QString alpha = QStringLiteral("alpha%1").arg(m_servers),
                      bravo = QStringLiteral("bravo%1").arg(m_servers);
        const QByteArray alphaAdmin = seedTenant(server, alpha);
        const QByteArray bravoAdmin = seedTenant(server, bravo);
        QVERIFY(!alphaAdmin.isEmpty() && !bravoAdmin.isEmpty());
        const qint64 bravoId = server.tenantId(bravo);

        // Bravo has two rows, alpha one: bravo's cursor is ahead of alpha's.
        SyncedDevice a(m_dir.filePath(QStringLiteral("a%1.db").arg(m_servers)), T0, server.url(),
                       server.deviceToken(alpha, QStringLiteral("field")));
        SyncedDevice b(m_dir.filePath(QStringLiteral("b%1.db").arg(m_servers)), T0, server.url(),
                       server.deviceToken(bravo, QStringLiteral("field")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        auto bravoRow = b.device->insert(QStringLiteral("contacts"), named("bravo secret"));
        QVERIFY(bravoRow);
        QVERIFY(b.device->insert(QStringLiteral("contacts"), named("bravo second")));
        QVERIFY(a.device->insert(QStringLiteral("contacts"), named("alpha row")));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        const qint64 bravoCursor = *server.sync->cursor(server.tenantId(bravo));
        QCOMPARE(bravoCursor, qint64(2));
        auto bravoDevices = directory.devices(server.tenantId(bravo));
        QVERIFY(bravoDevices && bravoDevices->size() == 2);
        const QString bravoDevice = QString::number(bravoDevices->back().id);

        // Every route that names a tenant: bravo's looks exactly like a tenant that does not exist.
        const QString b0 = QStringLiteral("/v1/admin/tenants/") + bravo;
        const QString a0 = QStringLiteral("/v1/admin/tenants/") + alpha;
        const QByteArray newUser = json({{QStringLiteral("login"), QStringLiteral("mole")},
                                         {QStringLiteral("password"), QStringLiteral("long enough")},
                                         {QStringLiteral("role"), QStringLiteral("admin")}});
        const QByteArray password = json({{QStringLiteral("password"), QStringLiteral("taken over")}});
        const struct
        {
            QByteArray verb;
            QString path;
            QByteArray body;
            int status;
        } attempts[] = {
            {"GET", QStringLiteral("/v1/tenants/%1/me").arg(bravo), {}, 404},
            {"GET", b0 + QStringLiteral("/users"), {}, 404},
            {"POST", b0 + QStringLiteral("/users"), newUser, 404},
            {"POST", b0 + QStringLiteral("/users/boss/password"), password, 404},
            {"GET", b0 + QStringLiteral("/devices"), {}, 404},
            {"POST", b0 + QStringLiteral("/devices/%1/revoke").arg(bravoDevice), {}, 404},
            // Bravo's ids under alpha's own name find nothing either.
            {"POST", a0 + QStringLiteral("/devices/%1/revoke").arg(bravoDevice), {}, 404},
            {"POST", QStringLiteral("/v1/admin/tenants"), json({{QStringLiteral("name"), bravo}}), 403},
        };
        for (const auto &attempt : attempts) {
            const Reply reply = request(server.url(), attempt.verb, attempt.path, alphaAdmin, attempt.body);
            QVERIFY2(reply.status == attempt.status,
                     qPrintable(QStringLiteral("%1 %2 answered %3, expected %4")
                                    .arg(QString::fromLatin1(attempt.verb), attempt.path)
                                    .arg(reply.status)
                                    .arg(attempt.status)));
        }

        // Alpha's secret under bravo's tenant id is no token at all.
        const QByteArray forged = QByteArray::number(bravoId) + alphaAdmin.mid(alphaAdmin.indexOf('.'));
        QCOMPARE(request(server.url(), "GET", QStringLiteral("/v1/me"), forged).status, 401);
        const QByteArray pull = sync::protocol::encode(sync::protocol::PullRequest{0, 1000});
        QCOMPARE(request(server.url(), "POST", QStringLiteral("/v1/pull"), forged, pull, "application/cbor").status,
                 401);

        // Alpha's pull from the beginning holds alpha's row and nothing of bravo's.
        const Reply pulled =
            request(server.url(), "POST", QStringLiteral("/v1/pull"), a.token, pull, "application/cbor");
        QCOMPARE(pulled.status, 200);
        auto changes = sync::protocol::decode<sync::protocol::PullResponse>(pulled.body, sync::protocol::Limits{});
        QVERIFY(changes);
        QCOMPARE(changes->nextCursor, qint64(1));
        for (const sync::Change &change : changes->changes)
            QVERIFY(change.value != sync::Value(QStringLiteral("bravo secret")) && !(change.row == *bravoRow));

        // Acknowledging bravo's cursor is beyond alpha's own.
        const QByteArray ack = sync::protocol::encode(sync::protocol::Ack{bravoCursor});
        QCOMPARE(request(server.url(), "POST", QStringLiteral("/v1/ack"), a.token, ack, "application/cbor").status,
                 400);

        // Alpha writing bravo's row id writes a row of alpha's own.
        QVERIFY(a.device->insert(QStringLiteral("contacts"), *bravoRow, named("alpha overwrite")));
        QCOMPARE(a.syncOnce(), SyncProblem::None);

        // Live: bravo's pushes reach bravo's socket, never alpha's; a forged token is closed.
        sync::LiveClient alphaLive(server.url(), a.token);
        sync::LiveClient bravoLive(server.url(), b.token);
        sync::LiveClient forgedLive(server.url(), forged);
        QSignalSpy alphaHeard(&alphaLive, &sync::LiveClient::notified);
        QSignalSpy bravoHeard(&bravoLive, &sync::LiveClient::notified);
        for (sync::LiveClient *live : {&alphaLive, &bravoLive, &forgedLive})
            live->start();
        QTRY_VERIFY(alphaLive.isConnected() && bravoLive.isConnected());
        QTRY_COMPARE(server.live->connectionCount(), 2);
        QVERIFY(b.device->update(QStringLiteral("contacts"), *bravoRow, named("bravo edit")));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QTRY_VERIFY(!bravoHeard.isEmpty()); // often already during the sync round
        QTest::qWait(200);
        QCOMPARE(alphaHeard.size(), 0);
        QVERIFY(!forgedLive.isConnected());

        // Bravo is as bravo left it: its rows, its users, its devices.
        QCOMPARE(synctest::visible(b.device, QStringLiteral("contacts"), *bravoRow, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("bravo edit")));
        SyncedDevice fresh(m_dir.filePath(QStringLiteral("fresh%1.db").arg(m_servers)), T0, server.url(),
                           server.deviceToken(bravo, QStringLiteral("field")));
        QCOMPARE(fresh.open(), QString());
        QCOMPARE(fresh.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::dump(fresh.device), synctest::dump(b.device));
        const Reply users = request(server.url(), "GET", b0 + QStringLiteral("/users"), bravoAdmin);
        QCOMPARE(users.status, 200);
        QCOMPARE(QJsonDocument::fromJson(users.body).object().value(QLatin1String("users")).toArray().size(), 2);
        const Reply devices = request(server.url(), "GET", b0 + QStringLiteral("/devices"), bravoAdmin);
        const QJsonArray list =
            QJsonDocument::fromJson(devices.body).object().value(QLatin1String("devices")).toArray();
        for (const QJsonValue &device : list)
            QVERIFY(device.toObject().value(QLatin1String("revoked")).isNull());
        QCOMPARE(request(server.url(), "GET", QStringLiteral("/v1/me"), bravoAdmin).status, 200);
    }

    /** The database itself, as the server's role sees it: the second wall behind the WHERE clauses. */
    void rowLevelSecurityHidesOtherTenants()
    {
        {
            InProcessServer server(m_dir.filePath(QStringLiteral("rls")), T0, m_postgres.postgres);
            QVERIFY(!seedTenant(server, QStringLiteral("rls-a")).isEmpty());
            QVERIFY(!seedTenant(server, QStringLiteral("rls-b")).isEmpty());
            for (const char *tenant : {"rls-a", "rls-b"}) {
                SyncedDevice d(m_dir.filePath(QStringLiteral("%1.db").arg(QLatin1String(tenant))), T0, server.url(),
                               server.deviceToken(QLatin1String(tenant), QStringLiteral("field")));
                QCOMPARE(d.open(), QString());
                QVERIFY(d.device->insert(QStringLiteral("contacts"), named(tenant)));
                QCOMPARE(d.syncOnce(), SyncProblem::None);
            }
        }
        QCOMPARE(m_postgres.connectAsApp(QStringLiteral("rls-probe")), QString());
        QSqlDatabase db = QSqlDatabase::database(QStringLiteral("rls-probe"));
        QSqlQuery q(db);
        auto scalar = [&q](const QString &sql) {
            if (!q.exec(sql) || !q.next()) {
                qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
                return qint64(-1);
            }
            return q.value(0).toLongLong();
        };

        // Every table with a tenant_id column, whichever migration made it, is under forced row-level security.
        const auto tables = [&q](const char *condition) {
            QStringList names;
            q.exec(QStringLiteral("SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
                                  " WHERE a.attname = 'tenant_id' AND c.relkind = 'r'"
                                  " AND c.relnamespace = 'public'::regnamespace%1 ORDER BY 1")
                       .arg(QLatin1String(condition)));
            while (q.next())
                names.append(q.value(0).toString());
            return names;
        };
        const QStringList withTenant = tables("");
        QCOMPARE(tables(" AND c.relrowsecurity AND c.relforcerowsecurity"), withTenant);
        for (const QString &table : tenantTables)
            QVERIFY2(withTenant.contains(table), qPrintable(table));

        // No tenant set: nothing of anyone, though the tenants themselves can be looked up by name.
        for (const QString &table : withTenant)
            QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM ") + table), qint64(0));
        QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM tenants")) >= 2);
        const qint64 a = scalar(QStringLiteral("SELECT id FROM tenants WHERE name = 'rls-a'"));
        const qint64 b = scalar(QStringLiteral("SELECT id FROM tenants WHERE name = 'rls-b'"));

        // Tenant a set: all of a's rows, none of b's, and no way to write b's.
        QVERIFY(q.exec(QStringLiteral("SELECT set_config('fieldline.tenant_id', '%1', false)").arg(a)));
        for (const QString &table : withTenant) {
            if (tenantTables.contains(table)) // the ones this test fills
                QVERIFY2(scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE tenant_id = %2").arg(table).arg(a)) > 0,
                         qPrintable(table));
            QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE tenant_id <> %2").arg(table).arg(a)),
                     qint64(0));
        }
        QVERIFY(!q.exec(QStringLiteral("INSERT INTO users (tenant_id, login, password_hash, role)"
                                       " VALUES (%1, 'mole', 'x', 'admin')")
                            .arg(b)));
        QVERIFY(q.exec(QStringLiteral("UPDATE users SET role = 'admin' WHERE tenant_id = %1").arg(b)));
        QCOMPARE(q.numRowsAffected(), 0);
        // The role owns nothing, so it cannot switch the policy off either.
        QVERIFY(!q.exec(QStringLiteral("ALTER TABLE users DISABLE ROW LEVEL SECURITY")));
        QVERIFY(q.exec(QStringLiteral("SELECT set_config('fieldline.tenant_id', '', false)")));
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM users")), qint64(0));
        q = QSqlQuery();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("rls-probe"));
    }

    /** The server refuses to run as the schema's owner, or on a database nobody migrated. */
    void refusesTheOwnerRoleAndAMissingSchema()
    {
        auto owner = server::PostgresAddress::parse(m_postgres.cluster->ownerUrl(), nullptr);
        QVERIFY(owner);
        auto asOwner = server::TenantStore::open(server::postgresDialect(*owner), QStringLiteral("as-owner"));
        QCOMPARE(asOwner.code(), storage::ErrorCode::Invalid);
        QVERIFY2(asOwner.message().contains(QLatin1String("owns the schema")), qPrintable(asOwner.message()));

        QVERIFY2(m_postgres.cluster->superuser(
                     {QStringLiteral("CREATE DATABASE empty OWNER %1").arg(QLatin1String(PostgresCluster::OwnerRole))}),
                 qPrintable(m_postgres.cluster->error()));
        auto empty = server::PostgresAddress::parse(
            m_postgres.cluster->url(QLatin1String(PostgresCluster::AppRole), QStringLiteral("empty")), nullptr);
        auto unmigrated = server::TenantStore::open(server::postgresDialect(*empty), QStringLiteral("unmigrated"));
        QCOMPARE(unmigrated.code(), storage::ErrorCode::Unsupported);
        QVERIFY2(unmigrated.message().contains(QLatin1String("schema version 0")) &&
                     unmigrated.message().contains(QLatin1String("--migrate")),
                 qPrintable(unmigrated.message()));
    }
};

QTEST_GUILESS_MAIN(TestTenantIsolation)
#include "tst_tenantisolation.moc"
