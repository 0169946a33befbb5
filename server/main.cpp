#include "AdminRoutes.h"
#include "ApiServer.h"
#include "BlobRoutes.h"
#include "Credentials.h"
#include "CsvRoutes.h"
#include "DemoSeed.h"
#include "FormRoutes.h"
#include "LiveChannel.h"
#include "LiveRelay.h"
#include "OpenFileLimit.h"
#include "OperatorToken.h"
#include "ServerLog.h"
#include "ServerOptions.h"
#include "StoreSetup.h"
#include "SubmissionReview.h"
#include "SyncRoutes.h"
#include "SyncStore.h"
#include "TenantStore.h"
#include "TenantSweeper.h"
#include "TlsSetup.h"
#include "UserDirectory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QScopeGuard>
#include <QSslConfiguration>
#include <QTextStream>
#include <QTimer>

#include <optional>

using namespace fieldline::server;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Fieldline"));
    QCoreApplication::setApplicationName(QStringLiteral("fieldline-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FIELDLINE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const ParsedCommandLine parsed = parseServerCommandLine(QCoreApplication::arguments());
    if (!parsed.options) {
        (parsed.exitCode == 0 ? out : err) << parsed.message << Qt::endl;
        return parsed.exitCode;
    }
    const ServerOptions &options = *parsed.options;
    ServerLog::install(options.logFormat);
    QString fileLimitProblem; // each live socket holds a descriptor
    raiseOpenFileLimit(fileLimitProblem);
    if (!fileLimitProblem.isEmpty())
        err << "Cannot raise the open-file limit: " << fileLimitProblem << Qt::endl;
    if (options.migrate) {
        if (auto migrated = migrateSchema(options); !migrated) {
            err << migrated.message() << Qt::endl;
            return 1;
        }
        out << "Schema of " << options.postgres->display() << " is at version " << TenantStore::SchemaVersion
            << "; role " << options.appRole << " may use it." << Qt::endl;
        return 0;
    }

    if (!Credentials::initialise()) {
        err << "libsodium could not start (no entropy source?)." << Qt::endl;
        return 1;
    }
    const Credentials credentials(options.passwordCost);
    auto store = openTenantStore(options, QStringLiteral("fieldline-server"));
    if (!store) {
        err << store.message() << Qt::endl;
        return 1;
    }
    const fieldline::sync::SystemClock clock;
    SyncStore syncStore(store.value()->connectionName(), clock);
    if (options.demo) {
        if (auto seeded = seedDemoTenant(*store.value(), credentials, syncStore); !seeded) {
            err << "Cannot seed the demo tenant: " << seeded.message() << Qt::endl;
            return 1;
        }
    }
    // The sync routes commit without waiting for the disk; their answers wait for one sync per batch instead.
    auto groupCommit = setUpGroupCommit(options, *store.value(), syncStore);
    if (!groupCommit) {
        err << groupCommit.message() << Qt::endl;
        return 1;
    }
    LoginThrottle throttle(options.throttle, [] { return QDateTime::currentMSecsSinceEpoch(); });
    ApiServer api(*store.value(), credentials, throttle,
                  ApiServer::Limits{options.maxBodyBytes, options.maxLoginBodyBytes},
                  groupCommit.value().durableStore());
    auto operatorToken = OperatorToken::loadOrCreate(options.dataDir);
    if (!operatorToken) {
        err << operatorToken.message() << Qt::endl;
        return 1;
    }
    UserDirectory directory(*store.value());
    LiveChannel live(api, {});
    AdminRoutes admin(api, directory, operatorToken.value());
    // With PostgreSQL, the pushes and revocations of other instances reach this instance's sockets through
    // LISTEN/NOTIFY.
    LiveRelay relay(
        store.value()->connectionName(), [&live](qint64 tenantId, qint64 cursor) { live.notify(tenantId, cursor); },
        [&live](qint64 tenantId, qint64 deviceId) { live.closeDevice(tenantId, deviceId); });
    if (relay.isActive())
        live.startRechecking(); // in case a revocation's notification from another instance was lost
    // Failed logins count on every instance: a guesser spreading attempts over the instances meets one limit. The
    // digests are keyed by the operator token, which every instance of a deployment shares.
    throttle.setDigestKey(operatorToken.value().derivedKey(QByteArrayLiteral("fieldline login throttle news")));
    relay.setLoginNews([&throttle, &api](const LoginThrottle::News &news) {
        if (throttle.recordNews(news))
            api.metrics().countLoginNews();
    });
    throttle.setPublish([&relay](const LoginThrottle::News &news) { relay.publishLogin(news); });
    store.value()->setReconnected([&relay] { relay.listenAgain(); });
    const auto unhook = qScopeGuard([&throttle, &tenants = *store.value()] { // before the relay goes
        throttle.setPublish({});
        tenants.setReconnected({});
    });
    // Revocation closes the device's open live sockets at once, on every instance, not only at its next request.
    admin.setDeviceRevoked([&live, &relay](qint64 tenantId, qint64 deviceId) {
        live.closeDevice(tenantId, deviceId);
        relay.publishRevoked(tenantId, deviceId);
    });
    // A push and an import that moved a tenant's cursor both tell its devices to pull, on every instance.
    const auto notifyTenant = [&live, &relay](qint64 tenantId, qint64 cursor) {
        live.notify(tenantId, cursor);
        relay.publish(tenantId, cursor);
    };
    // The user's devices learn of new territories on their next pull (410, then a reload from cursor 0); the
    // live channel makes that now. Every device of the tenant pulls once, the others find nothing new.
    admin.setScopesChanged([&syncStore, &notifyTenant](qint64 tenantId) {
        if (auto cursor = syncStore.cursor(tenantId))
            notifyTenant(tenantId, *cursor);
    });
    SyncRoutes syncRoutes(api, syncStore, notifyTenant);
    BlobStore blobStore(store.value()->connectionName(), clock);
    BlobRoutes blobRoutes(api, blobStore);
    TenantSweeper sweeper(
        *store.value(),
        {{"tombstones collected", [&syncStore](qint64 tenantId) { return syncStore.collectTombstones(tenantId); }},
         {"abandoned uploads forgotten",
          [&blobStore](qint64 tenantId) { return blobStore.forgetAbandoned(tenantId); }}});
    CsvRoutes csvRoutes(api, directory, syncStore, operatorToken.value(), clock, notifyTenant);
    FormRoutes formRoutes(api, syncStore, operatorToken.value(), clock, notifyTenant);
    SubmissionReview review(syncStore, clock,
                            [&tenants = *store.value()](qint64 tenantId) { return tenants.enterTenant(tenantId); });
    syncRoutes.setAfterPush([&review](qint64 tenantId, const fieldline::sync::ChangeBatch &changes) {
        auto returned = review.review(tenantId, changes);
        if (!returned)
            qWarning().noquote() << "Cannot review finalised submissions (tried again every 30 s):"
                                 << returned.message();
        return returned ? *returned : std::nullopt;
    });
    QTimer reviewRetry;
    reviewRetry.setInterval(30'000);
    QObject::connect(&reviewRetry, &QTimer::timeout, &reviewRetry, [&review, &notifyTenant] {
        for (const auto &[tenantId, cursor] : review.retry())
            notifyTenant(tenantId, cursor);
    });
    reviewRetry.start();
    std::optional<QSslConfiguration> tls;
    if (!options.tlsCertificateFile.isEmpty()) {
        auto loaded = loadTlsConfiguration(options.tlsCertificateFile, options.tlsKeyFile);
        if (!loaded) {
            err << loaded.message() << Qt::endl;
            return 1;
        }
        tls = *loaded;
    }
    const quint16 port =
        tls ? api.listen(options.address, options.port, *tls) : api.listen(options.address, options.port);
    if (port == 0) {
        err << "Cannot listen on " << options.address.toString() << ':' << options.port << Qt::endl;
        return 1;
    }
    // Tests and scripts read this line to learn the port when --listen asked for port 0.
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u'[' + options.address.toString() + u']'
                             : options.address.toString();
    out << "fieldline-server listening on " << (tls ? "https://" : "http://") << host << ':' << port << Qt::endl;
    return app.exec();
}
