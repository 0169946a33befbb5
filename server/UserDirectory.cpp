#include "UserDirectory.h"

#include "SqlSupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;

namespace {} // namespace

UserDirectory::UserDirectory(TenantStore &store)
    : m_store(store)
{}

Result<QList<UserSummary>> UserDirectory::users(qint64 tenantId)
{
    QSqlQuery query(QSqlDatabase::database(m_store.connectionName(), false));
    query.prepare(QStringLiteral("SELECT id, login, role, territories FROM users WHERE tenant_id = ? ORDER BY login"));
    query.addBindValue(tenantId);
    if (!query.exec())
        return queryError(query, QStringLiteral("Cannot list users"));
    QList<UserSummary> users;
    while (query.next()) {
        const std::optional<Role> role = roleFromName(query.value(2).toString());
        if (!role)
            return Error{ErrorCode::Damaged,
                         QStringLiteral("User %1 has an unknown role.").arg(query.value(1).toString())};
        users.append(UserSummary{query.value(0).toLongLong(), query.value(1).toString(), *role,
                                 query.value(3).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)});
    }
    return users;
}

Result<qint64> UserDirectory::createUser(qint64 tenantId, const QString &login, const QByteArray &passwordHash,
                                         Role role)
{
    // The caller waited for the hash while other requests scoped the connection elsewhere.
    if (Status entered = m_store.enterTenant(tenantId); !entered)
        return entered.error();
    return m_store.createUser(tenantId, login, passwordHash, role);
}

Status UserDirectory::setPasswordHash(qint64 tenantId, const QString &login, const QByteArray &passwordHash)
{
    if (Status entered = m_store.enterTenant(tenantId); !entered)
        return entered;
    QSqlQuery query(QSqlDatabase::database(m_store.connectionName(), false));
    query.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE tenant_id = ? AND login = ?"));
    query.addBindValue(QString::fromLatin1(passwordHash));
    query.addBindValue(tenantId);
    query.addBindValue(login);
    if (!query.exec())
        return queryError(query, QStringLiteral("Cannot change a password"));
    if (query.numRowsAffected() == 0)
        return Error{ErrorCode::NotFound, QStringLiteral("No such user.")};
    return {};
}

Status UserDirectory::setTerritories(qint64 tenantId, const QString &login, const QStringList &territories)
{
    const QSqlDatabase db = QSqlDatabase::database(m_store.connectionName(), false);
    SqlTransaction tx(db);
    if (!tx.begun())
        return Error{ErrorCode::Busy, QStringLiteral("Cannot start a transaction: ") + db.lastError().text()};
    QSqlQuery user(db);
    user.prepare(QStringLiteral("UPDATE users SET territories = ? WHERE tenant_id = ? AND login = ?"));
    const QString joined = territories.join(QLatin1Char(','));
    user.addBindValue(joined.isNull() ? QStringLiteral("") : joined); // a null QString would bind as NULL
    user.addBindValue(tenantId);
    user.addBindValue(login);
    if (!user.exec())
        return queryError(user, QStringLiteral("Cannot change territories"));
    if (user.numRowsAffected() == 0)
        return Error{ErrorCode::NotFound, QStringLiteral("No such user.")};
    QSqlQuery devices(db);
    devices.prepare(QStringLiteral("UPDATE devices SET rescope = 1 WHERE tenant_id = ? AND revoked IS NULL AND"
                                   " user_id = (SELECT id FROM users WHERE tenant_id = ? AND login = ?)"));
    devices.addBindValue(tenantId);
    devices.addBindValue(tenantId);
    devices.addBindValue(login);
    if (!devices.exec())
        return queryError(devices, QStringLiteral("Cannot mark the user's devices"));
    if (!tx.commit())
        return Error{ErrorCode::Io, QStringLiteral("Cannot commit: ") + db.lastError().text()};
    return {};
}

Result<QList<DeviceSummary>> UserDirectory::devices(qint64 tenantId)
{
    QSqlQuery query(QSqlDatabase::database(m_store.connectionName(), false));
    query.prepare(QStringLiteral("SELECT d.id, u.login, d.name, d.created, d.revoked"
                                 " FROM devices d"
                                 " JOIN users u ON u.tenant_id = d.tenant_id AND u.id = d.user_id"
                                 " WHERE d.tenant_id = ?"
                                 " ORDER BY d.id"));
    query.addBindValue(tenantId);
    if (!query.exec())
        return queryError(query, QStringLiteral("Cannot list devices"));
    QList<DeviceSummary> devices;
    while (query.next()) {
        devices.append(DeviceSummary{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                                     query.value(3).toString(), query.value(4).toString()});
    }
    return devices;
}

Status UserDirectory::revokeDevice(qint64 tenantId, qint64 deviceId)
{
    // Through the store, so whatever else revocation has to do (closing live sockets) happens in one place.
    return m_store.revokeDevice(tenantId, deviceId);
}

} // namespace fieldline::server
