#include "SqlDialect.h"

#include "SqlSupport.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;

namespace {

// NULLIF: once set in a session, a custom setting reads back as '' rather than NULL after a reset, and ''::bigint
// would be an error instead of "no tenant".
constexpr char TenantPolicy[] = "tenant_id = NULLIF(current_setting('fieldline.tenant_id', true), '')::bigint";

/** Tables of the current schema with a tenant_id column: the ones row-level security must cover. */
/** The advisory lock key of schema changes ("fl-schema" in ASCII), taken by --migrate. */
constexpr qint64 SchemaLockKey = 0x666c2d736368656dLL;
constexpr char TenantTables[] = "SELECT c.relname, c.relforcerowsecurity FROM pg_class c"
                                " JOIN pg_namespace n ON n.oid = c.relnamespace"
                                " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'"
                                " AND NOT a.attisdropped"
                                " WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname";

Status execAll(const QSqlDatabase &db, const QStringList &statements, const QString &what)
{
    QSqlQuery query(db);
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return queryError(query, what);
    }
    return {};
}

/**
 * PostgreSQL for production: several server instances may share the database. The schema belongs to an owner
 * role that only fieldline-server --migrate uses; the server itself connects as an application role that owns
 * nothing, so FORCE ROW LEVEL SECURITY holds for it on every table with tenant data.
 */
class PostgresDialect final : public SqlDialect
{
public:
    explicit PostgresDialect(PostgresAddress address)
        : m_address(std::move(address))
    {}

    Status open(const QString &connectionName) const override
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        if (!database.isValid())
            return Error{ErrorCode::Unsupported,
                         QStringLiteral("Qt's PostgreSQL driver (QPSQL) is not installed; on Debian it is in "
                                        "libqt6sql6-psql.")};
        database.setHostName(m_address.host);
        database.setPort(m_address.port);
        database.setUserName(m_address.user);
        database.setPassword(m_address.password);
        database.setDatabaseName(m_address.database);
        // libpq waits for an unreachable host forever by default; a server should rather say so and exit.
        QString options = m_address.options;
        if (!options.contains(QLatin1String("connect_timeout=")))
            options += (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("connect_timeout=10");
        database.setConnectOptions(options);
        // libpq's message names host, port and user, never the password.
        if (!database.open())
            return Error{ErrorCode::Io,
                         QStringLiteral("Cannot connect to %1: %2").arg(describe(), database.lastError().text())};
        // Every statement of the server finds its rows through an index. A prepared statement keeps the plan
        // PostgreSQL made for it, and one made while a table held a page or two scans that table instead, until an
        // ANALYZE replaces it: after a large write, each lookup of a row then read the whole table. Without
        // sequential scans (still used where no index serves), the plan stays an index lookup whatever the size.
        QSqlQuery guard(database);
        if (!guard.exec(QStringLiteral("SET enable_seqscan = off")))
            return queryError(guard, QStringLiteral("Cannot set up the connection to %1").arg(describe()));
        return {};
    }

    QString describe() const override { return m_address.display(); }
    bool migratesOnOpen() const override { return false; }

    Status lockSchemaChanges(const QSqlDatabase &db) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT pg_advisory_lock(%1)").arg(SchemaLockKey)))
            return queryError(query, QStringLiteral("Cannot wait for other schema migrations to finish"));
        return {};
    }

    int schemaVersion(const QSqlDatabase &db) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT to_regclass('schema_version') IS NOT NULL")) || !query.next())
            return -1;
        if (!query.value(0).toBool())
            return 0;
        if (!query.exec(QStringLiteral("SELECT max(version) FROM schema_version")) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    QStringList recordSchemaVersion(int version) const override
    {
        // SET LOCAL lasts to the migration's commit; it keeps "already exists, skipping" notices out of the log.
        return {QStringLiteral("SET LOCAL client_min_messages = warning"),
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"),
                QStringLiteral("DELETE FROM schema_version"),
                QStringLiteral("INSERT INTO schema_version (version) VALUES (%1)").arg(version)};
    }

    // Found by column rather than listed, so a table a later migration adds cannot be forgotten.
    Status secureTenantTables(const QSqlDatabase &db) const override
    {
        auto tables = tenantTables(db);
        if (!tables)
            return tables.error();
        for (const auto &[table, secured] : *tables) {
            if (secured)
                continue;
            const QString name = db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
            const Status done =
                execAll(db,
                        {QStringLiteral("ALTER TABLE %1 ENABLE ROW LEVEL SECURITY").arg(name),
                         QStringLiteral("ALTER TABLE %1 FORCE ROW LEVEL SECURITY").arg(name),
                         QStringLiteral("CREATE POLICY tenant_isolation ON %1 USING (%2) WITH CHECK (%2)")
                             .arg(name, QLatin1String(TenantPolicy))},
                        QStringLiteral("Cannot secure table %1").arg(table));
            if (!done)
                return done;
        }
        return {};
    }

    Status grantApplicationRole(const QSqlDatabase &db, const QString &role) const override
    {
        QSqlQuery found(db);
        found.prepare(QStringLiteral("SELECT rolsuper OR rolbypassrls, rolname = current_user FROM pg_roles"
                                     " WHERE rolname = ?"));
        found.addBindValue(role);
        if (!found.exec())
            return queryError(found, QStringLiteral("Cannot look up role %1").arg(role));
        if (!found.next())
            return Error{
                ErrorCode::NotFound,
                QStringLiteral("There is no role %1; create it first (CREATE ROLE %1 LOGIN PASSWORD ...).").arg(role)};
        if (found.value(0).toBool() || found.value(1).toBool())
            return Error{ErrorCode::Invalid,
                         QStringLiteral("Role %1 is a superuser, bypasses row-level security or owns the schema; "
                                        "the server must connect as a role that does none of these.")
                             .arg(role)};
        auto tables = tenantTables(db);
        if (!tables)
            return tables.error();
        const QString grantee = db.driver()->escapeIdentifier(role, QSqlDriver::TableName);
        QStringList grants{
            QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(currentSchema(db), grantee),
            QStringLiteral("GRANT SELECT ON schema_version TO %1").arg(grantee),
            // Logins look tenants up by name before any tenant is known; the operator's API creates them.
            QStringLiteral("GRANT SELECT, INSERT ON tenants TO %1").arg(grantee),
            QStringLiteral("GRANT USAGE ON ALL SEQUENCES IN SCHEMA %1 TO %2").arg(currentSchema(db), grantee)};
        for (const auto &table : *tables) {
            grants.append(QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON %1 TO %2")
                              .arg(db.driver()->escapeIdentifier(table.first, QSqlDriver::TableName), grantee));
        }
        return execAll(db, grants, QStringLiteral("Cannot grant role %1 its privileges").arg(role));
    }

    Status checkApplicationRole(const QSqlDatabase &db) const override
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT rolsuper OR rolbypassrls, current_user,"
                                       " EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema()"
                                       " AND tableowner = current_user)"
                                       " FROM pg_roles WHERE rolname = current_user")) ||
            !query.next())
            return queryError(query, QStringLiteral("Cannot check the server's database role"));
        if (query.value(0).toBool() || query.value(2).toBool())
            return Error{ErrorCode::Invalid,
                         QStringLiteral("Refusing to serve as PostgreSQL role %1: it is a superuser, bypasses "
                                        "row-level security or owns the schema. Connect as the application role "
                                        "that fieldline-server --migrate --app-role granted.")
                             .arg(query.value(1).toString())};
        return {};
    }

    bool isConstraintViolation(const QSqlError &error) const override
    {
        // SQLSTATE class 23: integrity constraint violation (unique, foreign key, check, not null).
        return error.nativeErrorCode().startsWith(QLatin1String("23"));
    }

    Status bindTenant(const QSqlDatabase &db, qint64 tenantId) const override
    {
        // A number spliced into the text: one simple-protocol round trip, where a prepared query takes three.
        QSqlQuery query(db);
        const QString value = tenantId > 0 ? QString::number(tenantId) : QString();
        if (!query.exec(QStringLiteral("SELECT set_config('fieldline.tenant_id', '%1', false)").arg(value)))
            return queryError(query, QStringLiteral("Cannot scope the connection to a tenant"));
        return {};
    }

protected:
    Types types() const override { return {"BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT", "BYTEA"}; }

private:
    static Result<std::vector<std::pair<QString, bool>>> tenantTables(const QSqlDatabase &db)
    {
        QSqlQuery query(db);
        if (!query.exec(QLatin1String(TenantTables)))
            return queryError(query, QStringLiteral("Cannot list the tenant tables"));
        std::vector<std::pair<QString, bool>> tables;
        while (query.next())
            tables.emplace_back(query.value(0).toString(), query.value(1).toBool());
        return tables;
    }

    static QString currentSchema(const QSqlDatabase &db)
    {
        QSqlQuery query(db);
        const QString schema = query.exec(QStringLiteral("SELECT current_schema()")) && query.next()
                                   ? query.value(0).toString()
                                   : QString();
        return db.driver()->escapeIdentifier(schema.isEmpty() ? QStringLiteral("public") : schema,
                                             QSqlDriver::TableName);
    }

    PostgresAddress m_address;
};

} // namespace

std::unique_ptr<SqlDialect> postgresDialect(const PostgresAddress &address)
{
    return std::make_unique<PostgresDialect>(address);
}

} // namespace fieldline::server
