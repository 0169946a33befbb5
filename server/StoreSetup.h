#pragma once

#include "ServerOptions.h"
#include "TenantStore.h"

#include <memory>

namespace fieldline::server {

/** The tenant store the options name: PostgreSQL with --postgres, else embedded SQLite in the data folder. */
storage::Result<std::unique_ptr<TenantStore>> openTenantStore(const ServerOptions &options,
                                                              const QString &connectionName);

/** fieldline-server --migrate: brings the PostgreSQL schema up to date as its owner and grants the app role. */
storage::Status migrateSchema(const ServerOptions &options);

} // namespace fieldline::server
