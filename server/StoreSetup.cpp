#include "StoreSetup.h"

namespace fieldline::server {

storage::Result<std::unique_ptr<TenantStore>> openTenantStore(const ServerOptions &options,
                                                              const QString &connectionName)
{
    if (options.postgres)
        return TenantStore::open(postgresDialect(*options.postgres), connectionName);
    return TenantStore::open(options.dataDir, connectionName);
}

DurableAnswers::Store GroupCommit::durableStore() const
{
    if (postgres)
        return postgres->durableStore();
    if (sqlite)
        return sqlite->durableStore();
    return {};
}

storage::Result<GroupCommit> setUpGroupCommit(const ServerOptions &options, const TenantStore &store,
                                              SyncStore &syncStore)
{
    GroupCommit commit;
    if (options.syncEachCommit)
        return commit;
    if (options.postgres) {
        commit.postgres = std::make_unique<PostgresCommits>(store.connectionName(), postgresDialect(*options.postgres));
        syncStore.setCommitPreamble(QLatin1String(PostgresCommits::AsyncCommit));
        return commit;
    }
    auto attached = WalCommits::attach(store.connectionName());
    if (attached)
        commit.sqlite = std::move(attached.value());
    else if (attached.code() != storage::ErrorCode::Unsupported) // off Unix: a commit waits for the disk
        return storage::Error{attached.code(), QStringLiteral("Cannot set up group commit: ") + attached.message()};
    return commit;
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
