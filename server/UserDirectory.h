#pragma once

#include "TenantStore.h"
#include "storage/Error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace fieldline::server {

/** A user as administration shows it: never the password hash. */
struct UserSummary
{
    qint64 id = 0;
    QString login;
    Role role = Role::Agent;
    QStringList territories;
};

/** A registered device as administration shows it: never the token hash. */
struct DeviceSummary
{
    qint64 id = 0;
    QString login;
    QString name;
    QString created;
    QString revoked; ///< empty while the device is active
};

/**
 * Administration queries on the users and devices of one tenant, on the TenantStore's connection.
 *
 * Every query takes the tenant id and carries it in its WHERE clause, so a caller that resolved the tenant from
 * the request's path cannot reach rows of another tenant whatever ids it is given.
 */
class UserDirectory
{
public:
    explicit UserDirectory(TenantStore &store);

    storage::Result<QList<UserSummary>> users(qint64 tenantId);
    /** ErrorCode::Constraint when the login is taken in that tenant. */
    storage::Result<qint64> createUser(qint64 tenantId, const QString &login, const QByteArray &passwordHash,
                                       Role role);
    /** ErrorCode::NotFound when the tenant has no such user. */
    storage::Status setPasswordHash(qint64 tenantId, const QString &login, const QByteArray &passwordHash);
    /**
     * Replaces the user's territories (ReplicationScope) and, in the same transaction, has each of the user's
     * devices pull everything again on its next sync, since rows that came into scope are older than its cursor.
     * ErrorCode::NotFound when the tenant has no such user.
     */
    storage::Status setTerritories(qint64 tenantId, const QString &login, const QStringList &territories);
    storage::Result<QList<DeviceSummary>> devices(qint64 tenantId);
    /** ErrorCode::NotFound when the tenant has no such device or it is already revoked. */
    storage::Status revokeDevice(qint64 tenantId, qint64 deviceId);

private:
    TenantStore &m_store;
};

} // namespace fieldline::server
