#include "TwoTenantServer.h"

#include <QDir>
#include <QFile>

using namespace fieldline;

bool TwoTenantServer::start(const QString &root, const QString &backend, const StoreBackend &postgres, qint64 clockMs)
{
    static int servers = 0;
    ++servers;
    const QString failed = setUp(QDir(root).filePath(QStringLiteral("server-%1").arg(servers)), servers, clockMs,
                                 backend == QLatin1String("postgres") ? postgres.postgres : std::nullopt);
    if (!failed.isEmpty())
        qWarning("the server did not start: %s", qPrintable(failed));
    return failed.isEmpty();
}

QString TwoTenantServer::setUp(const QString &dataDir, int number, qint64 clockMs,
                               const std::optional<server::PostgresAddress> &postgres)
{
    server = std::make_unique<InProcessServer>(dataDir, clockMs, postgres);
    directory = std::make_unique<server::UserDirectory>(*server->store);
    auto token = server::OperatorToken::loadOrCreate(dataDir);
    if (!token)
        return token.message();
    operatorFile = std::make_unique<server::OperatorToken>(std::move(*token));
    QFile tokenFile(operatorFile->path());
    if (!tokenFile.open(QIODevice::ReadOnly))
        return tokenFile.errorString();
    operatorToken = tokenFile.readAll().trimmed();
    alpha = QStringLiteral("alpha%1").arg(number);
    bravo = QStringLiteral("bravo%1").arg(number);
    auto hash = server->credentials.hashPassword(QStringLiteral("password one"));
    if (!hash)
        return hash.message();
    for (const QString &tenant : {alpha, bravo}) {
        auto id = server->store->createTenant(tenant);
        if (!id)
            return id.message();
        auto boss = server->store->createUser(*id, QStringLiteral("boss"), *hash, server::Role::Admin);
        if (!boss)
            return boss.message();
        if (auto field = server->store->createUser(*id, QStringLiteral("field"), *hash, server::Role::Field); !field)
            return field.message();
        auto device = server->store->issueDeviceToken(*id, *boss, QStringLiteral("admin console"));
        if (!device)
            return device.message();
        if (tenant == bravo)
            bravoAdmin = *device;
    }
    return {};
}
