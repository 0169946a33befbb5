#pragma once

#include "../sync/ManualClock.h"
#include "../sync/SyncTestKit.h"
#include "server/ApiServer.h"
#include "server/BlobRoutes.h"
#include "server/Credentials.h"
#include "server/LiveChannel.h"
#include "server/LoginThrottle.h"
#include "server/PostgresAddress.h"
#include "server/SyncRoutes.h"
#include "server/SyncStore.h"
#include "server/TenantStore.h"
#include "sync/SyncClient.h"
#include "tests/support/PostgresCluster.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

#include <functional>
#include <memory>
#include <optional>

/**
 * Where in-process servers keep their tenant store: embedded SQLite, or a throwaway PostgreSQL cluster whose
 * schema its owner role migrated and which the servers use as the application role, row-level security and all.
 */
class StoreBackend
{
public:
    /** SQLite, or PostgreSQL when FIELDLINE_TEST_BACKEND=postgres. */
    static QString fromEnvironment();
    /** Starts what @p backend ("sqlite" or "postgres") needs; the problem, or empty on success. */
    QString setUp(const QString &backend);

    /**
     * For tests whose servers are processes: a tenant with one field user "u", written into the PostgreSQL
     * database as the application role; one device token per name in @p devices, empty on failure.
     */
    QList<QByteArray> seedTenant(const QString &tenant, const QStringList &devices, qint64 *tenantId = nullptr);
    /** Opens a connection of its own as the application role, registered under @p name; the problem or empty. */
    QString connectAsApp(const QString &name);
    /**
     * Runs @p statements on a store with every tenant's rows in reach: SQLite through the server's own connection
     * @p sqliteConnection, PostgreSQL as the superuser (row-level security does not apply to it). False when one
     * failed.
     */
    bool runOnStore(const QString &sqliteConnection, const QStringList &statements);

    /** The application role's address when the backend is PostgreSQL. */
    std::optional<fieldline::server::PostgresAddress> postgres;
    std::unique_ptr<PostgresCluster> cluster;
};

/**
 * The statements that keep a copy of a tenant's sync and attachment tables (@p restore false) or put the copy back
 * (true), as restoring a backup does to them. The devices stay (their tokens and sites), with the cursors the
 * server had recorded sending them then.
 */
QStringList tenantBackup(qint64 tenantId, bool restore);

struct InProcessServer;

/** A contact's cells for the test schema: a name and a quantity. */
fieldline::sync::Cells contact(const char *name, qint64 qty);

/**
 * What a test of sync scenarios through an InProcessServer keeps: a folder for its files, the backend chosen by the
 * environment, and a fresh tenant name per scenario. setUp() belongs in initTestCase().
 */
class ServerScenarios
{
protected:
    /// When the scenarios' clocks start (server and devices alike unless a test skews them).
    static constexpr qint64 T0 = 1'790'000'000'000;

    /** The problem, or empty: the folder, libsodium and the backend are ready. */
    QString setUp()
    {
        if (!m_dir.isValid())
            return QStringLiteral("no temporary folder");
        if (!fieldline::server::Credentials::initialise())
            return QStringLiteral("libsodium cannot start");
        return m_backend.setUp(StoreBackend::fromEnvironment());
    }
    QString path(const QString &name) { return m_dir.filePath(name); }
    QString nextTenant() { return QStringLiteral("tenant%1").arg(++m_tenants); }
    /**
     * The server's state of @p tenant seen through a client: the dump of a brand-new device (file @p name) of user
     * "u" that pulled it from cursor 0, or what failed.
     */
    QByteArray serverImage(InProcessServer &server, const QString &tenant, const QString &name);

    QTemporaryDir m_dir;
    StoreBackend m_backend;
    int m_tenants = 0;
};

/**
 * The tenant server's real HTTP stack (ApiServer, SyncStore, SyncRoutes over QSQLITE or QPSQL) listening on
 * 127.0.0.1 in the test's own process, so hundreds of scenarios can each get a fresh tenant cheaply.
 * tst_serverapi covers the same code as a separate fieldline-server process.
 */
struct InProcessServer
{
    /** With @p postgres, the tenant store is that database (as the application role); else SQLite in dataDir. */
    InProcessServer(const QString &dataDir, qint64 clockMs,
                    const std::optional<fieldline::server::PostgresAddress> &postgres = std::nullopt);
    ~InProcessServer();

    /** A new tenant with one user; returns a fresh device token for that user (empty on failure). */
    QByteArray newTenantToken(const QString &tenant, const QString &user);
    /** Another device token for an existing user of the tenant. */
    QByteArray deviceToken(const QString &tenant, const QString &user);
    /** How many requests of @p route the server answered with @p status (0: with any status), from its metrics. */
    qint64 answered(const QByteArray &route, int status = 0) const
    {
        const QByteArray prefix = "fieldline_http_requests_total{route=\"" + route + "\",status=\"";
        const QByteArray ofStatus = QByteArray::number(status) + "\"}";
        qint64 count = 0;
        for (const QByteArray &line : api->metrics().render().split('\n')) {
            if (line.startsWith(prefix) && (status == 0 || line.mid(prefix.size()).startsWith(ofStatus)))
                count += line.mid(line.lastIndexOf(' ') + 1).toLongLong();
        }
        return count;
    }
    QUrl url() const;
    /** The tenant's id (0 if there is none). */
    qint64 tenantId(const QString &tenant);

    ManualClock clock;
    std::unique_ptr<fieldline::server::TenantStore> store;
    fieldline::server::Credentials credentials{fieldline::server::PasswordCost::Minimum};
    std::unique_ptr<fieldline::server::LoginThrottle> throttle;
    std::unique_ptr<fieldline::server::ApiServer> api;
    std::unique_ptr<fieldline::server::SyncStore> sync;
    std::unique_ptr<fieldline::server::LiveChannel> live;
    std::unique_ptr<fieldline::server::SyncRoutes> routes;
    std::unique_ptr<fieldline::server::BlobStore> blobs;
    std::unique_ptr<fieldline::server::BlobRoutes> blobRoutes;
    quint16 port = 0;
};

/** An answer of the admin API: its status and body. */
struct AdminAnswer
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/**
 * Sends one request to the admin API of an in-process server as @p token and waits for the answer on this event
 * loop, which is also the server's.
 */
AdminAnswer sendAdminRequest(QNetworkAccessManager &network, const QUrl &url, const QByteArray &token,
                             const QByteArray &method, const QByteArray &body, const QByteArray &contentType);

/** A transport wrapper that can lose the server's answer after the server acted on the request. */
class LossyTransport final : public fieldline::sync::SyncTransport
{
public:
    explicit LossyTransport(fieldline::sync::SyncTransport &inner)
        : m_inner(inner)
    {}
    /** Decides per request whether its answer is lost. */
    std::function<bool(const QString &path)> loseAnswer;
    /**
     * When it returns a reply, that reply stands in for the server's: an error status, a truncated body. With
     * replaceAfterServer the request still reaches the server first (the server acted, the answer is bad).
     */
    std::function<std::optional<fieldline::sync::TransportReply>(const QString &path)> replace;
    bool replaceAfterServer = false;
    int lost = 0;

    void post(const QString &path, const QByteArray &body, const QByteArray &token, Done done) override;

private:
    fieldline::sync::SyncTransport &m_inner;
};

/** A device that syncs with the server: replica, sync state, HTTP transport and client. */
struct SyncedDevice
{
    SyncedDevice(const QString &path, qint64 clockMs, const QUrl &server, const QByteArray &token,
                 fieldline::sync::SyncSchema schema = synctest::testSchema());

    /** Opens (or reopens, like a restarted client) the replica and the sync client. Empty on success. */
    QString open();
    void close();
    /** One sync round to its end; the problem it ended with. */
    fieldline::sync::SyncProblem syncOnce(int timeoutMs = 20000);

    synctest::Device device;
    QUrl server;
    QByteArray token;
    fieldline::sync::HttpSyncTransport::Options httpOptions; ///< read by open()
    fieldline::sync::SyncClient::Options clientOptions;      ///< read by open()
    std::unique_ptr<fieldline::sync::HttpSyncTransport> http;
    std::unique_ptr<LossyTransport> transport;
    std::unique_ptr<fieldline::sync::SyncStateStore> state;
    std::unique_ptr<fieldline::sync::SyncClient> client;
};
