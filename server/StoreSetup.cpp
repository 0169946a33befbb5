#include "StoreSetup.h"

namespace fieldline::server {

storage::Result<std::unique_ptr<TenantStore>> openTenantStore(const ServerOptions &options,
                                                              const QString &connectionName)
{
    if (options.postgres)
        return TenantStore::open(postgresDialect(*options.postgres), connectionName);
    return TenantStore::open(options.dataDir, connectionName);
}

storage::Status migrateSchema(const ServerOptions &options)
{
    auto store = TenantStore::open(postgresDialect(*options.postgres), QStringLiteral("fieldline-migrate"),
                                   TenantStore::OpenMode::Migrate);
    if (!store)
        return store.error();
    return store.value()->grantApplicationRole(options.appRole);
}

} // namespace fieldline::server
