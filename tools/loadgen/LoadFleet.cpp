#include "LoadFleet.h"

#include "../admin/AdminClient.h"

#include <QDateTime>
#include <QFile>
#include <QJsonObject>

namespace fieldline::loadgen {

namespace {

constexpr int RequestTimeoutMs = 30'000;

storage::Error failure(const QString &what, const admin::AdminReply &reply, const QUrl &server)
{
    return storage::Error{storage::ErrorCode::Invalid, what + QStringLiteral(": ") + reply.failureMessage(server)};
}

/** Creates a tenant with one field user; the password only lives in this run. */
storage::Status createTenant(admin::AdminClient &client, const QString &tenant, const QString &login,
                             const QString &password)
{
    auto reply = client.post({QStringLiteral("v1"), QStringLiteral("admin"), QStringLiteral("tenants")},
                             QJsonObject{{QStringLiteral("name"), tenant}});
    if (!reply.succeeded())
        return failure(QStringLiteral("creating tenant ") + tenant, reply, client.server());
    reply = client.post(
        {QStringLiteral("v1"), QStringLiteral("admin"), QStringLiteral("tenants"), tenant, QStringLiteral("users")},
        QJsonObject{{QStringLiteral("login"), login},
                    {QStringLiteral("password"), password},
                    {QStringLiteral("role"), QStringLiteral("field")}});
    if (!reply.succeeded())
        return failure(QStringLiteral("creating a user in ") + tenant, reply, client.server());
    return {};
}

storage::Result<QByteArray> logIn(admin::AdminClient &client, const QString &tenant, const QString &login,
                                  const QString &password, int device)
{
    const auto reply = client.post({QStringLiteral("v1"), QStringLiteral("login")},
                                   QJsonObject{{QStringLiteral("tenant"), tenant},
                                               {QStringLiteral("login"), login},
                                               {QStringLiteral("password"), password},
                                               {QStringLiteral("device"), QStringLiteral("loadgen %1").arg(device)}});
    const QByteArray token = reply.json().value(QLatin1String("token")).toString().toUtf8();
    if (!reply.succeeded() || token.isEmpty())
        return failure(QStringLiteral("logging in to ") + tenant, reply, client.server());
    return token;
}

} // namespace

storage::Result<LoadFleet> prepareFleet(const LoadOptions &options)
{
    LoadFleet fleet;
    QString login = options.login;
    QString password;
    QByteArray operatorToken;
    if (!options.operatorTokenFile.isEmpty()) {
        QFile file(options.operatorTokenFile);
        if (!file.open(QIODevice::ReadOnly))
            return storage::Error{storage::ErrorCode::Invalid, QStringLiteral("cannot read the operator token %1: %2")
                                                                   .arg(options.operatorTokenFile, file.errorString())};
        operatorToken = file.readAll().trimmed();
        login = QStringLiteral("loadgen");
        password = sync::ByteId::generate().toHex();
        // A run's own tenant names, so runs against one server never collide.
        const QString run = QString::number(QDateTime::currentMSecsSinceEpoch(), 36);
        for (int t = 0; t < options.tenants; ++t)
            fleet.tenants.append(QStringLiteral("loadgen-%1-%2").arg(run).arg(t));
    } else {
        password = qEnvironmentVariable(options.passwordEnv.toLocal8Bit().constData());
        if (password.isEmpty())
            return storage::Error{
                storage::ErrorCode::Invalid,
                QStringLiteral("the environment variable %1 holds no password").arg(options.passwordEnv)};
        fleet.tenants.append(options.tenant);
    }

    admin::AdminClient client(options.server, operatorToken, RequestTimeoutMs);
    if (!operatorToken.isEmpty()) {
        for (const QString &tenant : std::as_const(fleet.tenants)) {
            if (auto created = createTenant(client, tenant, login, password); !created)
                return created.error();
        }
    }
    fleet.login = login;
    fleet.password = password;
    for (int d = 0; d < options.devicesPerTenant; ++d) {
        for (int t = 0; t < fleet.tenants.size(); ++t) {
            auto token = logIn(client, fleet.tenants[t], login, password, d);
            if (!token)
                return token.error();
            fleet.devices.push_back(LoadDevice{t, *token, sync::SiteId::generate()});
        }
    }
    return fleet;
}

} // namespace fieldline::loadgen
