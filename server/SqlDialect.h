#pragma once

#include "PostgresAddress.h"
#include "storage/Error.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

class QSqlError;

namespace fieldline::server {

/**
 * Everything in which the tenant store's two backends differ, so the repositories (TenantStore, SyncStore,
 * UserDirectory) keep one set of queries: how a connection is opened, the column types of the migrations, where
 * the schema version is kept, what a constraint violation looks like, and PostgreSQL's row-level security.
 *
 * The queries themselves are written in the common subset of SQLite 3.40 and PostgreSQL 15 (ON CONFLICT upserts,
 * RETURNING, '?' placeholders), so nothing else needs to know which backend it talks to.
 */
class SqlDialect
{
public:
    virtual ~SqlDialect() = default;

    /** Opens the connection under @p connectionName and configures it. */
    virtual storage::Status open(const QString &connectionName) const = 0;
    /** A human name of where the data is, never with a password. */
    virtual QString describe() const = 0;

    /** Whether the server migrates the schema itself when it starts (else only fieldline-server --migrate does). */
    virtual bool migratesOnOpen() const = 0;
    /** Replaces {id}, {int} and {blob} in a migration's portable DDL by the backend's types. */
    QString ddl(const char *portable) const;
    /**
     * Waits until no other process changes the schema, and keeps it so until this connection closes (PostgreSQL:
     * a session advisory lock, so several fieldline-server --migrate started at once run one after the other).
     */
    virtual storage::Status lockSchemaChanges(const QSqlDatabase &db) const = 0;
    /** The schema version: 0 for an empty database, -1 when it cannot be read. */
    virtual int schemaVersion(const QSqlDatabase &db) const = 0;
    /** The statements that record @p version, run inside the migration's transaction. */
    virtual QStringList recordSchemaVersion(int version) const = 0;
    /** Run inside each migration's transaction after its own statements (PostgreSQL: row-level security). */
    virtual storage::Status secureTenantTables(const QSqlDatabase &db) const = 0;
    /** Lets @p role use the tables as the server does, without owning them (PostgreSQL only). */
    virtual storage::Status grantApplicationRole(const QSqlDatabase &db, const QString &role) const = 0;
    /** Refuses a connection whose role would bypass row-level security (PostgreSQL only). */
    virtual storage::Status checkApplicationRole(const QSqlDatabase &db) const = 0;

    /** A unique, foreign-key or check constraint refused the statement. */
    virtual bool isConstraintViolation(const QSqlError &error) const = 0;
    /** Scopes the connection to one tenant for row-level security; 0 scopes it to none. */
    virtual storage::Status bindTenant(const QSqlDatabase &db, qint64 tenantId) const = 0;

protected:
    struct Types
    {
        const char *id;
        const char *integer;
        const char *blob;
    };
    virtual Types types() const = 0;
};

/** Embedded SQLite in <dataDir>/tenants.sqlite. */
std::unique_ptr<SqlDialect> sqliteDialect(const QString &dataDir);
/** A PostgreSQL database; see docs/operations.md for the owner and application roles. */
std::unique_ptr<SqlDialect> postgresDialect(const PostgresAddress &address);

} // namespace fieldline::server
