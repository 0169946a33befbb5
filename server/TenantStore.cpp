#include "TenantStore.h"

#include "Credentials.h"

#include <QDateTime>
#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;

namespace {

Error sqlError(const QSqlQuery &query, const QString &what)
{
    const QSqlError err = query.lastError();
    // SQLite's extended code 2067 / primary 19 is a constraint violation (duplicate name or login).
    const bool constraint = err.nativeErrorCode() == QLatin1String("19") ||
                            err.nativeErrorCode() == QLatin1String("2067") ||
                            err.nativeErrorCode() == QLatin1String("787");
    return Error{constraint ? ErrorCode::Constraint : ErrorCode::Io, what + QStringLiteral(": ") + err.text()};
}

struct Migration
{
    int version;
    const char *sql;
};

// Append only; never edit a migration that has shipped.
constexpr Migration migrations[] = {
    {1, "CREATE TABLE tenants ("
        " id INTEGER PRIMARY KEY,"
        " name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64));"
        "CREATE TABLE users ("
        " id INTEGER PRIMARY KEY,"
        " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
        " login TEXT NOT NULL CHECK (length(login) BETWEEN 1 AND 128),"
        " password_hash TEXT NOT NULL,"
        " role TEXT NOT NULL CHECK (role IN ('agent', 'field', 'manager', 'admin')),"
        " UNIQUE (tenant_id, login),"
        " UNIQUE (tenant_id, id));"
        "CREATE TABLE devices ("
        " id INTEGER PRIMARY KEY,"
        " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
        " user_id INTEGER NOT NULL,"
        " name TEXT NOT NULL,"
        " token_hash BLOB NOT NULL UNIQUE,"
        " created TEXT NOT NULL,"
        " revoked TEXT,"
        " FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id));"
        "CREATE INDEX devices_tenant_token ON devices(tenant_id, token_hash);"},
    // Sync: one record per synced row with its cells packed as on the client (sync::RowState), the tenant's
    // cursor, the push idempotency records, and each device's site and acknowledged cursor.
    {2, "CREATE TABLE sync_rows ("
        " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
        " tbl TEXT NOT NULL,"
        " row_id BLOB NOT NULL,"
        " cl INTEGER NOT NULL, hlc INTEGER NOT NULL, site BLOB NOT NULL, rec_seq INTEGER NOT NULL,"
        " cells BLOB NOT NULL,"
        " server_seq INTEGER NOT NULL,"
        " PRIMARY KEY (tenant_id, tbl, row_id));"
        "CREATE UNIQUE INDEX sync_rows_cursor ON sync_rows(tenant_id, server_seq);"
        "CREATE TABLE sync_cursors ("
        " tenant_id INTEGER PRIMARY KEY REFERENCES tenants(id),"
        " last_seq INTEGER NOT NULL);"
        "CREATE TABLE sync_batches ("
        " tenant_id INTEGER NOT NULL REFERENCES tenants(id),"
        " site BLOB NOT NULL,"
        " seq INTEGER NOT NULL,"
        " response BLOB NOT NULL,"
        " PRIMARY KEY (tenant_id, site, seq));"
        "ALTER TABLE devices ADD COLUMN site BLOB;"
        "ALTER TABLE devices ADD COLUMN acked_cursor INTEGER NOT NULL DEFAULT 0;"
        "CREATE INDEX devices_site ON devices(tenant_id, site);"},
};

} // namespace

QString roleName(Role role)
{
    switch (role) {
    case Role::Agent:
        return QStringLiteral("agent");
    case Role::Field:
        return QStringLiteral("field");
    case Role::Manager:
        return QStringLiteral("manager");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    for (Role role : {Role::Agent, Role::Field, Role::Manager, Role::Admin}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

TenantStore::TenantStore(QString connectionName)
    : m_connectionName(std::move(connectionName))
{}

TenantStore::~TenantStore()
{
    {
        QSqlDatabase database = db();
        database.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QSqlDatabase TenantStore::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Result<std::unique_ptr<TenantStore>> TenantStore::open(const QString &dataDir, const QString &connectionName)
{
    if (!QDir().mkpath(dataDir))
        return Error{ErrorCode::Io, QStringLiteral("Cannot create the data folder %1.").arg(dataDir)};
    if (QSqlDatabase::contains(connectionName))
        return Error{ErrorCode::Invalid, QStringLiteral("Connection %1 is already open.").arg(connectionName)};
    std::unique_ptr<TenantStore> store(new TenantStore(connectionName));
    {
        QSqlDatabase database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        database.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("tenants.sqlite")));
        database.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!database.open())
            return Error{ErrorCode::Io, QStringLiteral("Cannot open the tenant store: ") + database.lastError().text()};
        QSqlQuery pragma(database);
        for (const char *sql : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
            if (!pragma.exec(QLatin1String(sql)))
                return sqlError(pragma, QStringLiteral("Cannot configure the tenant store"));
        }
    }
    if (Status migrated = store->migrate(); !migrated)
        return migrated.error();
    return store;
}

int TenantStore::schemaVersion()
{
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    return query.value(0).toInt();
}

Status TenantStore::migrate()
{
    const int current = schemaVersion();
    if (current < 0)
        return Error{ErrorCode::Io, QStringLiteral("Cannot read the tenant store's schema version.")};
    if (current > SchemaVersion)
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("The tenant store has schema version %1; this server knows up to %2. "
                                    "Run a newer fieldline-server.")
                         .arg(current)
                         .arg(SchemaVersion)};
    QSqlDatabase database = db();
    for (const Migration &migration : migrations) {
        if (migration.version <= current)
            continue;
        if (!database.transaction())
            return Error{ErrorCode::Busy, QStringLiteral("Cannot start a migration: ") + database.lastError().text()};
        QSqlQuery query(database);
        const QStringList statements = QString::fromLatin1(migration.sql).split(u';', Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                const Error error = sqlError(query, QStringLiteral("Migration %1 failed").arg(migration.version));
                database.rollback();
                return error;
            }
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(migration.version)) || !database.commit()) {
            const Error error = sqlError(query, QStringLiteral("Migration %1 failed").arg(migration.version));
            database.rollback();
            return error;
        }
    }
    return {};
}

Result<qint64> TenantStore::createTenant(const QString &name)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO tenants (name) VALUES (?)"));
    query.addBindValue(name);
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot create tenant %1").arg(name));
    return query.lastInsertId().toLongLong();
}

Result<std::optional<qint64>> TenantStore::tenantId(const QString &name)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT id FROM tenants WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot look up a tenant"));
    if (!query.next())
        return std::optional<qint64>();
    return std::optional<qint64>(query.value(0).toLongLong());
}

Result<qint64> TenantStore::createUser(qint64 tenantId, const QString &login, const QByteArray &passwordHash, Role role)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO users (tenant_id, login, password_hash, role) VALUES (?, ?, ?, ?)"));
    query.addBindValue(tenantId);
    query.addBindValue(login);
    query.addBindValue(QString::fromLatin1(passwordHash));
    query.addBindValue(roleName(role));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot create user %1").arg(login));
    return query.lastInsertId().toLongLong();
}

Result<std::optional<UserRecord>> TenantStore::findUser(qint64 tenantId, const QString &login)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT id, password_hash, role FROM users WHERE tenant_id = ? AND login = ?"));
    query.addBindValue(tenantId);
    query.addBindValue(login);
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot look up a user"));
    if (!query.next())
        return std::optional<UserRecord>();
    const std::optional<Role> role = roleFromName(query.value(2).toString());
    if (!role)
        return Error{ErrorCode::Damaged, QStringLiteral("User %1 has an unknown role.").arg(login)};
    return std::optional<UserRecord>(
        UserRecord{query.value(0).toLongLong(), tenantId, login, query.value(1).toString().toLatin1(), *role});
}

Result<QByteArray> TenantStore::issueDeviceToken(qint64 tenantId, qint64 userId, const QString &deviceName)
{
    const QByteArray token = QByteArray::number(tenantId) + '.' + Credentials::newToken();
    QSqlQuery query(db());
    query.prepare(
        QStringLiteral("INSERT INTO devices (tenant_id, user_id, name, token_hash, created) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(tenantId);
    query.addBindValue(userId);
    query.addBindValue(deviceName);
    query.addBindValue(Credentials::tokenHash(token));
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot register a device"));
    return token;
}

Result<std::optional<Identity>> TenantStore::authenticate(const QByteArray &token)
{
    const qsizetype dot = token.indexOf('.');
    bool numeric = false;
    const qint64 tenantId = dot > 0 ? token.left(dot).toLongLong(&numeric) : 0;
    if (!numeric || tenantId <= 0)
        return std::optional<Identity>();
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT d.id, u.id, u.login, u.role, t.name"
                                 " FROM devices d"
                                 " JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id"
                                 " JOIN tenants t ON t.id = d.tenant_id"
                                 " WHERE d.tenant_id = ? AND d.token_hash = ? AND d.revoked IS NULL"));
    query.addBindValue(tenantId);
    query.addBindValue(Credentials::tokenHash(token));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot check a token"));
    if (!query.next())
        return std::optional<Identity>();
    const std::optional<Role> role = roleFromName(query.value(3).toString());
    if (!role)
        return Error{ErrorCode::Damaged, QStringLiteral("A user has an unknown role.")};
    return std::optional<Identity>(Identity{tenantId, query.value(4).toString(), query.value(1).toLongLong(),
                                            query.value(2).toString(), *role, query.value(0).toLongLong()});
}

Status TenantStore::revokeDevice(qint64 tenantId, qint64 deviceId)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("UPDATE devices SET revoked = ? WHERE tenant_id = ? AND id = ? AND revoked IS NULL"));
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    query.addBindValue(tenantId);
    query.addBindValue(deviceId);
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot revoke a device"));
    if (query.numRowsAffected() == 0)
        return Error{ErrorCode::NotFound, QStringLiteral("No such active device.")};
    return {};
}

} // namespace fieldline::server
