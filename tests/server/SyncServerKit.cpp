#include "SyncServerKit.h"

#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

using namespace fieldline;

QString StoreBackend::fromEnvironment()
{
    return qEnvironmentVariable("FIELDLINE_TEST_BACKEND", QStringLiteral("sqlite"));
}

QString StoreBackend::setUp(const QString &backend)
{
    if (backend == QLatin1String("sqlite"))
        return {};
    if (backend != QLatin1String("postgres"))
        return QStringLiteral("Unknown test backend %1; use sqlite or postgres.").arg(backend);
    cluster = std::make_unique<PostgresCluster>();
    if (!cluster->start())
        return cluster->error();
    auto owner = server::PostgresAddress::parse(cluster->ownerUrl(), nullptr);
    auto migrated = server::TenantStore::open(server::postgresDialect(*owner), QStringLiteral("test-migrate"),
                                              server::TenantStore::OpenMode::Migrate);
    if (!migrated)
        return migrated.message();
    if (auto granted = migrated.value()->grantApplicationRole(QLatin1String(PostgresCluster::AppRole)); !granted)
        return granted.message();
    postgres = server::PostgresAddress::parse(cluster->appUrl(), nullptr);
    return {};
}

QList<QByteArray> StoreBackend::seedTenant(const QString &tenant, const QStringList &devices, qint64 *tenantId)
{
    auto store = server::TenantStore::open(server::postgresDialect(*postgres), QStringLiteral("seed-") + tenant);
    if (!store)
        return {};
    const server::Credentials credentials(server::PasswordCost::Minimum);
    auto id = store.value()->createTenant(tenant);
    auto hash = credentials.hashPassword(QStringLiteral("unused password"));
    if (!id || !hash)
        return {};
    auto user = store.value()->createUser(*id, QStringLiteral("u"), *hash, server::Role::Field);
    if (!user)
        return {};
    QList<QByteArray> tokens;
    for (const QString &device : devices) {
        auto token = store.value()->issueDeviceToken(*id, *user, device);
        if (!token)
            return {};
        tokens.append(*token);
    }
    if (tenantId)
        *tenantId = *id;
    return tokens;
}

QString StoreBackend::connectAsApp(const QString &name)
{
    auto opened = server::postgresDialect(*postgres)->open(name);
    return opened ? QString() : opened.message();
}

bool StoreBackend::runOnStore(const QString &sqliteConnection, const QStringList &statements)
{
    if (postgres)
        return cluster->superuser(statements, QLatin1String(PostgresCluster::Database));
    QSqlQuery query(QSqlDatabase::database(sqliteConnection));
    for (const QString &statement : statements) {
        if (!query.exec(statement)) {
            qWarning("%s: %s", qPrintable(statement), qPrintable(query.lastError().text()));
            return false;
        }
    }
    return true;
}

QStringList tenantBackup(qint64 tenantId, bool restore)
{
    QStringList statements;
    for (const char *table : {"sync_rows", "sync_cursors", "sync_batches", "blobs", "blob_parts"}) {
        const QString name = QString::fromLatin1(table);
        const QString copy = QStringLiteral("backup_%1_%2").arg(name).arg(tenantId);
        if (!restore) {
            statements << QStringLiteral("CREATE TABLE %1 AS SELECT * FROM %2 WHERE tenant_id = %3")
                              .arg(copy, name)
                              .arg(tenantId);
            continue;
        }
        statements << QStringLiteral("DELETE FROM %1 WHERE tenant_id = %2").arg(name).arg(tenantId)
                   << QStringLiteral("INSERT INTO %1 SELECT * FROM %2").arg(name, copy);
    }
    const QString devices = QStringLiteral("backup_devices_%1").arg(tenantId);
    if (!restore)
        statements << QStringLiteral("CREATE TABLE %1 AS SELECT id, served_cursor FROM devices WHERE tenant_id = %2")
                          .arg(devices)
                          .arg(tenantId);
    else
        statements << QStringLiteral("UPDATE devices SET served_cursor = COALESCE((SELECT b.served_cursor FROM %1 b"
                                     " WHERE b.id = devices.id), -1) WHERE tenant_id = %2")
                          .arg(devices)
                          .arg(tenantId);
    return statements;
}

InProcessServer::InProcessServer(const QString &dataDir, qint64 clockMs,
                                 const std::optional<server::PostgresAddress> &postgres)
    : clock(clockMs)
{
    static int instances = 0;
    const QString connection = QStringLiteral("in-process-%1").arg(++instances);
    auto opened = postgres ? server::TenantStore::open(server::postgresDialect(*postgres), connection)
                           : server::TenantStore::open(dataDir, connection);
    if (!opened) {
        qWarning("The in-process server's store did not open: %s", qPrintable(opened.message()));
        return;
    }
    store = std::move(*opened);
    throttle =
        std::make_unique<server::LoginThrottle>(server::LoginThrottle::Limits{}, [this] { return clock.nowMs(); });
    api = std::make_unique<server::ApiServer>(*store, credentials, *throttle, server::ApiServer::Limits{});
    sync = std::make_unique<server::SyncStore>(store->connectionName(), clock);
    live = std::make_unique<server::LiveChannel>(*api, QStringList{QStringLiteral("https://allowed.example")});
    routes = std::make_unique<server::SyncRoutes>(
        *api, *sync, [this](qint64 tenant, qint64 cursor) { live->notify(tenant, cursor); });
    blobs = std::make_unique<server::BlobStore>(store->connectionName(), clock);
    blobRoutes = std::make_unique<server::BlobRoutes>(*api, *blobs);
    port = api->listen(QHostAddress::LocalHost, 0);
}

InProcessServer::~InProcessServer()
{
    blobRoutes.reset();
    blobs.reset();
    routes.reset();
    live.reset();
    sync.reset();
    api.reset();
}

QByteArray InProcessServer::newTenantToken(const QString &tenant, const QString &user)
{
    auto tenantId = store->createTenant(tenant);
    if (!tenantId)
        return {};
    auto hash = credentials.hashPassword(QStringLiteral("unused password"));
    if (!hash)
        return {};
    auto userId = store->createUser(*tenantId, user, *hash, server::Role::Field);
    if (!userId)
        return {};
    return deviceToken(tenant, user);
}

QByteArray InProcessServer::deviceToken(const QString &tenant, const QString &user)
{
    auto tenantId = store->tenantId(tenant);
    if (!tenantId || !*tenantId)
        return {};
    auto found = store->findUser(**tenantId, user);
    if (!found || !*found)
        return {};
    auto token = store->issueDeviceToken(**tenantId, (*found)->id, QStringLiteral("test device"));
    return token ? *token : QByteArray();
}

qint64 InProcessServer::tenantId(const QString &tenant)
{
    auto id = store->tenantId(tenant);
    return id && *id ? **id : 0;
}

QUrl InProcessServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

void LossyTransport::post(const QString &path, const QByteArray &body, const QByteArray &token, Done done)
{
    if (std::optional<fieldline::sync::TransportReply> fake = replace ? replace(path) : std::nullopt) {
        if (replaceAfterServer) {
            m_inner.post(path, body, token, [fake, done = std::move(done)](const auto &) { done(*fake); });
        } else {
            QTimer::singleShot(0, [fake, done = std::move(done)] { done(*fake); });
        }
        return;
    }
    const bool lose = loseAnswer && loseAnswer(path);
    m_inner.post(path, body, token, [this, lose, done = std::move(done)](const fieldline::sync::TransportReply &reply) {
        if (!lose)
            return done(reply);
        ++lost;
        fieldline::sync::TransportReply cut;
        cut.networkError = QStringLiteral("connection reset (test)");
        done(cut);
    });
}

SyncedDevice::SyncedDevice(const QString &path, qint64 clockMs, const QUrl &server, const QByteArray &token,
                           sync::SyncSchema schema)
    : device(path, clockMs, std::move(schema))
    , server(server)
    , token(token)
{}

QString SyncedDevice::open()
{
    close();
    if (QString e = device.open(); !e.isEmpty())
        return e;
    http = std::make_unique<sync::HttpSyncTransport>(server, httpOptions);
    transport = std::make_unique<LossyTransport>(*http);
    state = std::make_unique<sync::SyncStateStore>(device->database());
    if (auto s = state->createTables(); !s)
        return s.message();
    auto account = state->account();
    if (!account)
        return account.message();
    if (!account->isValid()) {
        if (auto s = state->saveAccount({server.toString(), QStringLiteral("t"), QStringLiteral("u"), token}); !s)
            return s.message();
    }
    client = std::make_unique<sync::SyncClient>(*device, *state, *transport, device.clock, clientOptions);
    return {};
}

void SyncedDevice::close()
{
    client.reset();
    state.reset();
    transport.reset();
    http.reset();
    device.close();
}

sync::SyncProblem SyncedDevice::syncOnce(int timeoutMs)
{
    QSignalSpy finished(client.get(), &sync::SyncClient::roundFinished);
    client->syncNow();
    if (finished.isEmpty() && !finished.wait(timeoutMs))
        return sync::SyncProblem::Offline;
    return client->status().problem;
}

AdminAnswer sendAdminRequest(QNetworkAccessManager &network, const QUrl &url, const QByteArray &token,
                             const QByteArray &method, const QByteArray &body, const QByteArray &contentType)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    QNetworkReply *reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}

fieldline::sync::Cells contact(const char *name, qint64 qty)
{
    return {{QStringLiteral("name"), QString::fromUtf8(name)}, {QStringLiteral("qty"), qty}};
}

QByteArray ServerScenarios::serverImage(InProcessServer &server, const QString &tenant, const QString &name)
{
    SyncedDevice fresh(path(name), server.clock.nowMs(), server.url(), server.deviceToken(tenant, QStringLiteral("u")));
    if (QString e = fresh.open(); !e.isEmpty())
        return "open failed: " + e.toUtf8();
    if (fresh.syncOnce() != fieldline::sync::SyncProblem::None)
        return "sync failed: " + fresh.client->status().detail.toUtf8();
    return synctest::dump(fresh.device);
}
