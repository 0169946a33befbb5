#pragma once

#include "DurableAnswers.h"
#include "PostgresCommits.h"
#include "ServerOptions.h"
#include "SyncStore.h"
#include "TenantStore.h"
#include "WalCommits.h"

#include <memory>

namespace fieldline::server {

/** The tenant store the options name: PostgreSQL with --postgres, else embedded SQLite in the data folder. */
storage::Result<std::unique_ptr<TenantStore>> openTenantStore(const ServerOptions &options,
                                                              const QString &connectionName);

/** The sync routes' group commit on the store the options name: one of the two, or neither. */
struct GroupCommit
{
    std::unique_ptr<WalCommits> sqlite;
    std::unique_ptr<PostgresCommits> postgres;

    /** What DurableAnswers needs; empty (every answer at once) with --sync-each-commit or off Unix. */
    DurableAnswers::Store durableStore() const;
};

/**
 * Sets up group commit on @p store unless --sync-each-commit: the sync routes then commit without waiting for the
 * disk (with PostgreSQL, @p syncStore's push and ack transactions), and their answers wait for one sync per batch.
 */
storage::Result<GroupCommit> setUpGroupCommit(const ServerOptions &options, const TenantStore &store,
                                              SyncStore &syncStore);

/** fieldline-server --migrate: brings the PostgreSQL schema up to date as its owner and grants the app role. */
storage::Status migrateSchema(const ServerOptions &options);

} // namespace fieldline::server
