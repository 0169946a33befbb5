#pragma once

#include "SqlDialect.h"
#include "StatementCache.h"
#include "storage/Error.h"
#include "sync/Clock.h"

#include <QByteArray>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QSqlQuery;

namespace fieldline::server {

enum class Role { Agent, Field, Manager, Admin };

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name);

struct UserRecord
{
    qint64 id = 0;
    qint64 tenantId = 0;
    QString login;
    QByteArray passwordHash;
    Role role = Role::Agent;
};

/** Who a valid device token belongs to. */
struct Identity
{
    qint64 tenantId = 0;
    QString tenant;
    qint64 userId = 0;
    QString login;
    Role role = Role::Agent;
    qint64 deviceId = 0;
    QStringList territories; ///< the user's territories (ReplicationScope)
    /// The user's scopes changed since the device last pulled from the start: it must pull everything again.
    bool rescope = false;
    /// The newest cursor a pull page sent this device (-1: none recorded). A device holding a newer one got it from
    /// a store that was since restored from a backup.
    qint64 servedCursor = -1;
};

/**
 * Tenants, users and devices through Qt SQL: embedded SQLite (QSQLITE) or PostgreSQL (QPSQL), see SqlDialect.
 *
 * Every query on users and devices carries the tenant id in its WHERE clause, including token lookup: a token
 * is "<tenant id>.<secret>", so the tenant is known before the devices table is read and a token can only
 * ever match rows of its own tenant. The schema is migrated by number (SQLite: PRAGMA user_version).
 *
 * With PostgreSQL, row-level security enforces the same again. The connection is scoped to a tenant at the three
 * places a tenant becomes known: authenticate() (from the token), tenantId() (by name, for logins and the
 * operator) and createTenant(). Every tenant-scoped call of a request follows one of them on the same
 * connection, and requests run one at a time on it; a call for any other tenant finds no rows instead of
 * another tenant's.
 */
class TenantStore
{
public:
    static constexpr int SchemaVersion = 9;

    /** What open() does with the schema. */
    enum class OpenMode {
        Serve,   ///< SQLite migrates; PostgreSQL needs the current schema and a role row-level security binds
        Migrate, ///< migrate to the current schema (PostgreSQL: as the owner role)
    };

    /** Opens (creating if needed) <dataDir>/tenants.sqlite on a connection of its own name. */
    static storage::Result<std::unique_ptr<TenantStore>> open(const QString &dataDir, const QString &connectionName);
    /** Migrate mode stops at version @p migrateTo, so tests can migrate from every older version. */
    static storage::Result<std::unique_ptr<TenantStore>> open(std::unique_ptr<SqlDialect> dialect,
                                                              const QString &connectionName,
                                                              OpenMode mode = OpenMode::Serve,
                                                              int migrateTo = SchemaVersion);
    ~TenantStore();
    TenantStore(const TenantStore &) = delete;
    TenantStore &operator=(const TenantStore &) = delete;

    int schemaVersion();
    /** The Qt SQL connection name, for repositories of other table groups in the same database. */
    const QString &connectionName() const { return m_connectionName; }
    /** Lets the server's PostgreSQL role use the schema without owning it; see SqlDialect. */
    storage::Status grantApplicationRole(const QString &role);

    storage::Result<qint64> createTenant(const QString &name);
    /** Every tenant's name, for the server's own chores (tombstone collection); scopes to no tenant. */
    storage::Result<QStringList> tenantNames();
    /** The tenant's id, or nullopt if there is no tenant of that name. */
    storage::Result<std::optional<qint64>> tenantId(const QString &name);

    storage::Result<qint64> createUser(qint64 tenantId, const QString &login, const QByteArray &passwordHash,
                                       Role role);
    storage::Result<std::optional<UserRecord>> findUser(qint64 tenantId, const QString &login);
    /**
     * Replaces the user's password hash with @p newHash if it is still @p oldHash (enters the tenant). False when it
     * was changed meanwhile.
     */
    storage::Result<bool> replacePasswordHash(qint64 tenantId, qint64 userId, const QByteArray &oldHash,
                                              const QByteArray &newHash);

    /** Registers a device for the user and returns its token; only the token's hash is kept. */
    storage::Result<QByteArray> issueDeviceToken(qint64 tenantId, qint64 userId, const QString &deviceName);
    /**
     * The identity behind a token, or nullopt for a malformed, unknown, revoked or expired token. A token expires
     * when its device has not used it for the idle limit; use is recorded at most once an hour, so checking a
     * token rarely writes.
     */
    storage::Result<std::optional<Identity>> authenticate(const QByteArray &token);

    /** A device token unused for longer than this no longer works (its user signs in again): 90 days by default. */
    static constexpr qint64 DefaultTokenIdleMs = 90LL * 24 * 3600 * 1000;
    void setTokenIdleLimit(qint64 ms) { m_tokenIdleMs = ms; }
    /** The clock for token use and expiry (the system's unless a test sets its own; it must outlive the store). */
    void setClock(const sync::Clock &clock) { m_clock = &clock; }
    storage::Status revokeDevice(qint64 tenantId, qint64 deviceId);
    /** Which of @p deviceIds are devices of the tenant that are not revoked (enters the tenant). */
    storage::Result<QSet<qint64>> activeDevices(qint64 tenantId, const QList<qint64> &deviceIds);
    /**
     * Scopes the connection to the tenant (0: none) for row-level security. Requests do it when they authenticate;
     * work that runs outside a request (timers) calls it before touching a tenant's rows.
     */
    storage::Status enterTenant(qint64 tenantId);
    /** Called after enterTenant() replaced a lost session (its LISTEN is gone with it). */
    void setReconnected(std::function<void()> reconnected) { m_reconnected = std::move(reconnected); }

private:
    TenantStore(std::unique_ptr<SqlDialect> dialect, QString connectionName);
    storage::Status migrate(int target = SchemaVersion);
    QSqlDatabase db() const;
    storage::Error sqlError(const QSqlQuery &query, const QString &what) const;

    std::unique_ptr<SqlDialect> m_dialect;
    QString m_connectionName;
    StatementCache m_statements{m_connectionName};
    sync::SystemClock m_systemClock;
    const sync::Clock *m_clock = &m_systemClock;
    qint64 m_tokenIdleMs = DefaultTokenIdleMs;
    std::function<void()> m_reconnected;
};

} // namespace fieldline::server
