#include "TenantStore.h"

#include "Credentials.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;

namespace {

struct Migration
{
    int version;
    const char *sql;
};

// Append only; never edit a migration that has shipped. Written once for both backends: {id}, {int} and {blob}
// become SQLite's INTEGER PRIMARY KEY, INTEGER and BLOB (exactly the text SQLite stores shipped with) or
// PostgreSQL's BIGINT identity, BIGINT and BYTEA (SQL's INTEGER is 32 bits there; stamps and cursors are not).
constexpr Migration migrations[] = {
    {1, "CREATE TABLE tenants ("
        " id {id},"
        " name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64));"
        "CREATE TABLE users ("
        " id {id},"
        " tenant_id {int} NOT NULL REFERENCES tenants(id),"
        " login TEXT NOT NULL CHECK (length(login) BETWEEN 1 AND 128),"
        " password_hash TEXT NOT NULL,"
        " role TEXT NOT NULL CHECK (role IN ('agent', 'field', 'manager', 'admin')),"
        " UNIQUE (tenant_id, login),"
        " UNIQUE (tenant_id, id));"
        "CREATE TABLE devices ("
        " id {id},"
        " tenant_id {int} NOT NULL REFERENCES tenants(id),"
        " user_id {int} NOT NULL,"
        " name TEXT NOT NULL,"
        " token_hash {blob} NOT NULL UNIQUE,"
        " created TEXT NOT NULL,"
        " revoked TEXT,"
        " FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id));"
        "CREATE INDEX devices_tenant_token ON devices(tenant_id, token_hash);"},
    // Sync: one record per synced row with its cells packed as on the client (sync::RowState), the tenant's
    // cursor, the push idempotency records, and each device's site and acknowledged cursor.
    {2, "CREATE TABLE sync_rows ("
        " tenant_id {int} NOT NULL REFERENCES tenants(id),"
        " tbl TEXT NOT NULL,"
        " row_id {blob} NOT NULL,"
        " cl {int} NOT NULL, hlc {int} NOT NULL, site {blob} NOT NULL, rec_seq {int} NOT NULL,"
        " cells {blob} NOT NULL,"
        " server_seq {int} NOT NULL,"
        " PRIMARY KEY (tenant_id, tbl, row_id));"
        "CREATE UNIQUE INDEX sync_rows_cursor ON sync_rows(tenant_id, server_seq);"
        "CREATE TABLE sync_cursors ("
        " tenant_id {int} PRIMARY KEY REFERENCES tenants(id),"
        " last_seq {int} NOT NULL);"
        "CREATE TABLE sync_batches ("
        " tenant_id {int} NOT NULL REFERENCES tenants(id),"
        " site {blob} NOT NULL,"
        " seq {int} NOT NULL,"
        " response {blob} NOT NULL,"
        " PRIMARY KEY (tenant_id, site, seq));"
        "ALTER TABLE devices ADD COLUMN site {blob};"
        "ALTER TABLE devices ADD COLUMN acked_cursor {int} NOT NULL DEFAULT 0;"
        "CREATE INDEX devices_site ON devices(tenant_id, site);"},
    // Attachments by content name (BLAKE2b-256), per tenant: the declared size, how much arrived, and the chunks
    // as they came (docs/protocol.md, "Blobs").
    {3, "CREATE TABLE blobs ("
        " tenant_id {int} NOT NULL REFERENCES tenants(id),"
        " name {blob} NOT NULL,"
        " length {int} NOT NULL,"
        " received {int} NOT NULL,"
        " complete {int} NOT NULL,"
        " PRIMARY KEY (tenant_id, name));"
        "CREATE TABLE blob_parts ("
        " tenant_id {int} NOT NULL REFERENCES tenants(id),"
        " name {blob} NOT NULL,"
        " start {int} NOT NULL,"
        " data {blob} NOT NULL,"
        " PRIMARY KEY (tenant_id, name, start));"},
    // Tombstone collection: how far collection has gone per tenant, and when each device last acknowledged.
    {4, "ALTER TABLE sync_cursors ADD COLUMN gc_floor {int} NOT NULL DEFAULT 0;"
        "ALTER TABLE devices ADD COLUMN acked_at {int} NOT NULL DEFAULT 0;"},
    // When each device token was last used (unix ms; 0: not since this migration), for idle expiry.
    {5, "ALTER TABLE devices ADD COLUMN last_used {int} NOT NULL DEFAULT 0;"},
    // Partial replication: each user's territories (comma-separated), and the devices that must pull everything
    // again because their user's territories changed.
    {6, "ALTER TABLE users ADD COLUMN territories TEXT NOT NULL DEFAULT '';"
        "ALTER TABLE devices ADD COLUMN rescope {int} NOT NULL DEFAULT 0;"},
    // The newest client schema version that wrote each row (0: written before this migration, or by the server).
    {7, "ALTER TABLE sync_rows ADD COLUMN schema_version {int} NOT NULL DEFAULT 0;"},
    // When a chunk last reached each upload (unix ms; 0: not since this migration), so abandoned ones can go.
    {8, "ALTER TABLE blobs ADD COLUMN touched_ms {int} NOT NULL DEFAULT 0;"},
    // The newest cursor each device was sent (-1: none since this migration), so a restored store is recognised.
    {9, "ALTER TABLE devices ADD COLUMN served_cursor {int} NOT NULL DEFAULT -1;"},
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

TenantStore::TenantStore(std::unique_ptr<SqlDialect> dialect, QString connectionName)
    : m_dialect(std::move(dialect))
    , m_connectionName(std::move(connectionName))
{}

TenantStore::~TenantStore()
{
    m_statements.clear(); // queries go before their connection
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

Error TenantStore::sqlError(const QSqlQuery &query, const QString &what) const
{
    const bool constraint = m_dialect->isConstraintViolation(query.lastError());
    return Error{constraint ? ErrorCode::Constraint : ErrorCode::Io,
                 what + QStringLiteral(": ") + query.lastError().text()};
}

Result<std::unique_ptr<TenantStore>> TenantStore::open(const QString &dataDir, const QString &connectionName)
{
    return open(sqliteDialect(dataDir), connectionName);
}

Result<std::unique_ptr<TenantStore>> TenantStore::open(std::unique_ptr<SqlDialect> dialect,
                                                       const QString &connectionName, OpenMode mode, int migrateTo)
{
    if (QSqlDatabase::contains(connectionName))
        return Error{ErrorCode::Invalid, QStringLiteral("Connection %1 is already open.").arg(connectionName)};
    std::unique_ptr<TenantStore> store(new TenantStore(std::move(dialect), connectionName));
    if (Status opened = store->m_dialect->open(connectionName); !opened)
        return opened.error();
    if (mode == OpenMode::Migrate || store->m_dialect->migratesOnOpen()) {
        if (Status locked = store->m_dialect->lockSchemaChanges(store->db()); !locked)
            return locked.error();
        if (Status migrated = store->migrate(migrateTo); !migrated)
            return migrated.error();
        return store;
    }
    // The server's own role cannot change the schema; an old or missing one is the operator's to migrate.
    const int current = store->schemaVersion();
    if (current < 0)
        return Error{ErrorCode::Io, QStringLiteral("Cannot read the schema version of %1; does role %2 have the "
                                                   "grants of fieldline-server --migrate --app-role?")
                                        .arg(store->m_dialect->describe(), store->db().userName())};
    if (current > SchemaVersion)
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("The database %1 has schema version %2, newer than this server's %3. Run a newer "
                                    "fieldline-server.")
                         .arg(store->m_dialect->describe())
                         .arg(current)
                         .arg(SchemaVersion)};
    if (current < SchemaVersion)
        return Error{ErrorCode::Unsupported,
                     QStringLiteral("The database %1 has schema version %2; this server needs %3. Run "
                                    "fieldline-server --postgres OWNER_URL --migrate --app-role ROLE first "
                                    "(see docs/operations.md).")
                         .arg(store->m_dialect->describe())
                         .arg(current)
                         .arg(SchemaVersion)};
    if (Status role = store->m_dialect->checkApplicationRole(store->db()); !role)
        return role.error();
    return store;
}

int TenantStore::schemaVersion()
{
    return m_dialect->schemaVersion(db());
}

Status TenantStore::grantApplicationRole(const QString &role)
{
    return m_dialect->grantApplicationRole(db(), role);
}

Status TenantStore::migrate(int target)
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
        if (migration.version <= current || migration.version > target)
            continue;
        if (!database.transaction())
            return Error{ErrorCode::Busy, QStringLiteral("Cannot start a migration: ") + database.lastError().text()};
        QSqlQuery query(database);
        const QStringList statements = m_dialect->ddl(migration.sql).split(u';', Qt::SkipEmptyParts) +
                                       m_dialect->recordSchemaVersion(migration.version);
        for (const QString &statement : statements) {
            if (!query.exec(statement)) {
                const Error error = sqlError(query, QStringLiteral("Migration %1 failed").arg(migration.version));
                database.rollback();
                return error;
            }
        }
        if (Status secured = m_dialect->secureTenantTables(database); !secured) {
            database.rollback();
            return secured;
        }
        if (!database.commit()) {
            const Error error{
                ErrorCode::Io,
                QStringLiteral("Migration %1 failed: %2").arg(migration.version).arg(database.lastError().text())};
            database.rollback();
            return error;
        }
    }
    return {};
}

Status TenantStore::enterTenant(qint64 tenantId)
{
    if (Status bound = m_dialect->bindTenant(db(), tenantId); bound)
        return bound;
    // Every request passes here first, so this is where a session lost to a database restart or failover is
    // replaced: once, and never inside a transaction (none is open yet). SQLite never gets here.
    QSqlDatabase database = db();
    database.close();
    StatementCache::connectionReopened(m_connectionName);
    if (!database.open())
        return Error{ErrorCode::Io, QStringLiteral("Lost the connection to %1 and cannot reconnect: %2")
                                        .arg(m_dialect->describe(), database.lastError().text())};
    if (m_reconnected)
        m_reconnected();
    return m_dialect->bindTenant(database, tenantId);
}

Result<qint64> TenantStore::createTenant(const QString &name)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO tenants (name) VALUES (?) RETURNING id"));
    query.addBindValue(name);
    if (!query.exec() || !query.next())
        return sqlError(query, QStringLiteral("Cannot create tenant %1").arg(name));
    const qint64 id = query.value(0).toLongLong();
    if (Status entered = enterTenant(id); !entered)
        return entered.error();
    return id;
}

Result<QStringList> TenantStore::tenantNames()
{
    QSqlQuery query(db());
    if (!query.exec(QStringLiteral("SELECT name FROM tenants ORDER BY id")))
        return sqlError(query, QStringLiteral("Cannot list tenants"));
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    if (Status entered = enterTenant(0); !entered)
        return entered.error();
    return names;
}

Result<std::optional<qint64>> TenantStore::tenantId(const QString &name)
{
    QSqlQuery query(db());
    query.prepare(QStringLiteral("SELECT id FROM tenants WHERE name = ?"));
    query.addBindValue(name);
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot look up a tenant"));
    const std::optional<qint64> id =
        query.next() ? std::optional<qint64>(query.value(0).toLongLong()) : std::optional<qint64>();
    if (Status entered = enterTenant(id.value_or(0)); !entered)
        return entered.error();
    return id;
}

Result<qint64> TenantStore::createUser(qint64 tenantId, const QString &login, const QByteArray &passwordHash, Role role)
{
    QSqlQuery query(db());
    query.prepare(
        QStringLiteral("INSERT INTO users (tenant_id, login, password_hash, role) VALUES (?, ?, ?, ?) RETURNING id"));
    query.addBindValue(tenantId);
    query.addBindValue(login);
    query.addBindValue(QString::fromLatin1(passwordHash));
    query.addBindValue(roleName(role));
    if (!query.exec() || !query.next())
        return sqlError(query, QStringLiteral("Cannot create user %1").arg(login));
    return query.value(0).toLongLong();
}

Result<std::optional<UserRecord>> TenantStore::findUser(qint64 tenantId, const QString &login)
{
    // A login reads its user again after the password check, when other requests may have scoped the connection.
    if (Status entered = enterTenant(tenantId); !entered)
        return entered.error();
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

Result<bool> TenantStore::replacePasswordHash(qint64 tenantId, qint64 userId, const QByteArray &oldHash,
                                              const QByteArray &newHash)
{
    if (Status entered = enterTenant(tenantId); !entered)
        return entered.error();
    QSqlQuery query(db());
    query.prepare(
        QStringLiteral("UPDATE users SET password_hash = ? WHERE tenant_id = ? AND id = ? AND password_hash = ?"));
    query.addBindValue(QString::fromLatin1(newHash));
    query.addBindValue(tenantId);
    query.addBindValue(userId);
    query.addBindValue(QString::fromLatin1(oldHash));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot store a password hash"));
    return query.numRowsAffected() > 0;
}

Result<QByteArray> TenantStore::issueDeviceToken(qint64 tenantId, qint64 userId, const QString &deviceName)
{
    // The caller may have waited (a login's password check) while other requests scoped the connection elsewhere.
    if (Status entered = enterTenant(tenantId); !entered)
        return entered.error();
    const QByteArray token = QByteArray::number(tenantId) + '.' + Credentials::newToken();
    QSqlQuery query(db());
    query.prepare(QStringLiteral("INSERT INTO devices (tenant_id, user_id, name, token_hash, created, last_used)"
                                 " VALUES (?, ?, ?, ?, ?, ?)"));
    query.addBindValue(tenantId);
    query.addBindValue(userId);
    query.addBindValue(deviceName);
    query.addBindValue(Credentials::tokenHash(token));
    query.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    query.addBindValue(m_clock->nowMs());
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot register a device"));
    return token;
}

namespace {
constexpr qint64 UseRecordedEveryMs = 3600 * 1000;
} // namespace

Result<std::optional<Identity>> TenantStore::authenticate(const QByteArray &token)
{
    const qsizetype dot = token.indexOf('.');
    bool numeric = false;
    const qint64 tenantId = dot > 0 ? token.left(dot).toLongLong(&numeric) : 0;
    if (!numeric || tenantId <= 0)
        return std::optional<Identity>();
    // The token names its tenant, so the connection is scoped to it before a single device row is read.
    if (Status entered = enterTenant(tenantId); !entered)
        return entered.error();
    QSqlQuery &query = m_statements.get("SELECT d.id, u.id, u.login, u.role, t.name, d.last_used, u.territories,"
                                        " d.rescope, d.served_cursor FROM devices d"
                                        " JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id"
                                        " JOIN tenants t ON t.id = d.tenant_id"
                                        " WHERE d.tenant_id = ? AND d.token_hash = ? AND d.revoked IS NULL");
    query.addBindValue(tenantId);
    query.addBindValue(Credentials::tokenHash(token));
    if (!query.exec())
        return sqlError(query, QStringLiteral("Cannot check a token"));
    if (!query.next())
        return std::optional<Identity>();
    const std::optional<Role> role = roleFromName(query.value(3).toString());
    if (!role)
        return Error{ErrorCode::Damaged, QStringLiteral("A user has an unknown role.")};
    const StatementCache::Finished finished(m_statements);
    const qint64 deviceId = query.value(0).toLongLong();
    const qint64 lastUsed = query.value(5).toLongLong();
    const qint64 now = m_clock->nowMs();
    if (lastUsed > 0 && now - lastUsed > m_tokenIdleMs)
        return std::optional<Identity>(); // idle too long: as good as unknown, so the device signs in again
    if (now - lastUsed > UseRecordedEveryMs) {
        QSqlQuery used(db());
        used.prepare(QStringLiteral("UPDATE devices SET last_used = ? WHERE tenant_id = ? AND id = ?"));
        used.addBindValue(now);
        used.addBindValue(tenantId);
        used.addBindValue(deviceId);
        if (!used.exec())
            return sqlError(used, QStringLiteral("Cannot record a token's use"));
    }
    return std::optional<Identity>(Identity{tenantId, query.value(4).toString(), query.value(1).toLongLong(),
                                            query.value(2).toString(), *role, deviceId,
                                            query.value(6).toString().split(QLatin1Char(','), Qt::SkipEmptyParts),
                                            query.value(7).toLongLong() != 0, query.value(8).toLongLong()});
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

Result<QSet<qint64>> TenantStore::activeDevices(qint64 tenantId, const QList<qint64> &deviceIds)
{
    if (Status entered = enterTenant(tenantId); !entered)
        return entered.error();
    // In slices, so a statement never carries more than a few hundred values.
    constexpr qsizetype Slice = 500;
    QSet<qint64> active;
    for (qsizetype from = 0; from < deviceIds.size(); from += Slice) {
        const QList<qint64> slice = deviceIds.mid(from, Slice);
        QStringList marks(slice.size(), QStringLiteral("?"));
        QSqlQuery query(db());
        query.prepare(QStringLiteral("SELECT id FROM devices WHERE tenant_id = ? AND revoked IS NULL AND id IN (%1)")
                          .arg(marks.join(u',')));
        query.addBindValue(tenantId);
        for (const qint64 id : slice)
            query.addBindValue(id);
        if (!query.exec())
            return sqlError(query, QStringLiteral("Cannot check a tenant's devices"));
        while (query.next())
            active.insert(query.value(0).toLongLong());
    }
    return active;
}

} // namespace fieldline::server
