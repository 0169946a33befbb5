#include "AdminRoutes.h"

#include "AdminRequests.h"
#include "ApiServer.h"
#include "HttpSupport.h"
#include "OperatorToken.h"
#include "UserDirectory.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QPointer>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcAdmin, "fieldline.server.admin")

namespace fieldline::server {

using namespace http;
using storage::ErrorCode;

namespace {

QHttpServerResponse badRequest(const QString &message)
{
    return plainError(message.toUtf8(), Status::BadRequest);
}

} // namespace

AdminRoutes::AdminRoutes(ApiServer &api, UserDirectory &directory, const OperatorToken &operatorToken)
    : m_api(api)
    , m_directory(directory)
    , m_access(api, operatorToken)
{
    using Method = QHttpServerRequest::Method;
    QHttpServer &http = m_api.http();
    http.route(QStringLiteral("/v1/admin/tenants"), Method::Post, [this](const QHttpServerRequest &request) {
        return m_api.counted("admin_tenant_create", createTenant(request));
    });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/users"), Method::Post,
               [this](const QString &tenant, const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   createUser(tenant, request, std::move(responder));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/users"), Method::Get,
               [this](const QString &tenant, const QHttpServerRequest &request) {
                   return m_api.counted("admin_user_list", listUsers(tenant, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/users/<arg>/password"), Method::Post,
               [this](const QString &tenant, const QString &login, const QHttpServerRequest &request,
                      QHttpServerResponder &&responder) { setPassword(tenant, login, request, std::move(responder)); });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/users/<arg>/territories"), Method::Post,
               [this](const QString &tenant, const QString &login, const QHttpServerRequest &request) {
                   return m_api.counted("admin_user_territories", setTerritories(tenant, login, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/devices"), Method::Get,
               [this](const QString &tenant, const QHttpServerRequest &request) {
                   return m_api.counted("admin_device_list", listDevices(tenant, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/devices/<arg>/revoke"), Method::Post,
               [this](const QString &tenant, const QString &device, const QHttpServerRequest &request) {
                   return m_api.counted("admin_device_revoke", revokeDevice(tenant, device, request));
               });
}

void AdminRoutes::answerWithHash(const char *route, const QHttpServerRequest &request, QHttpServerResponder &&responder,
                                 const AdminScope &scope, const QString &password, WithHash then)
{
    auto held = std::make_shared<HeldAnswer>(m_api.hold(request, std::move(responder)));
    const bool queued = m_api.passwords().hash(
        password, [this, route, held, scope, then = std::move(then)](const storage::Result<QByteArray> &hash) {
            QHttpServerResponse response = internalError();
            // The admin's device may have been revoked while the password was hashed.
            std::optional<QHttpServerResponse> refused;
            if (!hash)
                qCWarning(lcAdmin) << "cannot hash a password:" << hash.message();
            else if (!m_access.confirm(scope, refused))
                response = std::move(*refused);
            else
                response = then(hash.value());
            // A success wrote to the store: answered once that is on disk, like a login's token.
            m_api.answerWrite(route, std::move(*held), std::move(response));
        });
    if (!queued) {
        QHttpServerResponse busy =
            jsonError(QStringLiteral("The server is hashing many passwords at once. Try again in 1 second."),
                      Status::TooManyRequests);
        busy.setHeader(QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1"));
        m_api.answerNow(route, std::move(*held), std::move(busy));
    }
}

void AdminRoutes::answerNow(const char *route, const QHttpServerRequest &request, QHttpServerResponder &&responder,
                            QHttpServerResponse &&response)
{
    m_api.answerNow(route, m_api.hold(request, std::move(responder)), std::move(response));
}

std::optional<AdminScope> AdminRoutes::tenantScope(const QString &tenant, const QHttpServerRequest &request,
                                                   std::optional<QHttpServerResponse> &error)
{
    return m_access.tenantScope(tenant, request, MaxBodyBytes, error);
}

QHttpServerResponse AdminRoutes::createTenant(const QHttpServerRequest &request)
{
    if (auto refused = refuseOversized(request, MaxBodyBytes))
        return std::move(*refused);
    if (!m_access.isOperator(request)) {
        std::optional<QHttpServerResponse> error;
        if (!m_api.bearerIdentity(request, error, MaxBodyBytes))
            return std::move(*error);
        return jsonError(QStringLiteral("Only the server operator may create tenants."), Status::Forbidden);
    }
    auto body = admin::parseTenantCreate(request.body());
    if (!body)
        return badRequest(body.message());
    const QString name = body->name;
    auto created = m_api.store().createTenant(name);
    if (!created && created.code() == ErrorCode::Constraint)
        return jsonError(QStringLiteral("A tenant named %1 already exists.").arg(name), Status::Conflict);
    if (!created) {
        qCWarning(lcAdmin) << "cannot create a tenant:" << created.message();
        return internalError();
    }
    qCInfo(lcAdmin) << "operator created tenant" << created.value() << name;
    return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), created.value()}, {QStringLiteral("name"), name}},
                               Status::Created);
}

void AdminRoutes::createUser(const QString &tenant, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    constexpr const char *route = "admin_user_create";
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return answerNow(route, request, std::move(responder), std::move(*error));
    auto body = admin::parseUserCreate(request.body());
    if (!body)
        return answerNow(route, request, std::move(responder), badRequest(body.message()));
    const qint64 tenantId = scope->tenantId;
    const QString login = body->login;
    const Role role = body->role;
    answerWithHash(
        route, request, std::move(responder), *scope, body->password,
        [this, tenantId, login, role](const QByteArray &hash) {
            auto created = m_directory.createUser(tenantId, login, hash, role);
            if (!created && created.code() == ErrorCode::Constraint)
                return jsonError(QStringLiteral("User %1 already exists in this tenant.").arg(login), Status::Conflict);
            if (!created) {
                qCWarning(lcAdmin) << "cannot create a user:" << created.message();
                return internalError();
            }
            qCInfo(lcAdmin) << "created user" << created.value() << "in tenant" << tenantId << "as" << roleName(role);
            return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), created.value()},
                                                   {QStringLiteral("login"), login},
                                                   {QStringLiteral("role"), roleName(role)}},
                                       Status::Created);
        });
}

QHttpServerResponse AdminRoutes::listUsers(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return std::move(*error);
    auto users = m_directory.users(scope->tenantId);
    if (!users) {
        qCWarning(lcAdmin) << "cannot list users:" << users.message();
        return internalError();
    }
    QJsonArray list;
    for (const UserSummary &user : users.value()) {
        list.append(QJsonObject{{QStringLiteral("id"), user.id},
                                {QStringLiteral("login"), user.login},
                                {QStringLiteral("role"), roleName(user.role)},
                                {QStringLiteral("territories"), QJsonArray::fromStringList(user.territories)}});
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("users"), list}});
}

void AdminRoutes::setPassword(const QString &tenant, const QString &login, const QHttpServerRequest &request,
                              QHttpServerResponder &&responder)
{
    constexpr const char *route = "admin_user_password";
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return answerNow(route, request, std::move(responder), std::move(*error));
    auto body = admin::parsePasswordChange(request.body());
    if (!body)
        return answerNow(route, request, std::move(responder), badRequest(body.message()));
    const qint64 tenantId = scope->tenantId;
    // Two resets of one user may finish hashing out of order: the one that arrived last is the one kept.
    std::shared_ptr<LatestRequestWins::Ticket> ticket =
        m_passwordOrder->begin(QString::number(tenantId) + QLatin1Char('/') + login);
    answerWithHash(route, request, std::move(responder), *scope, body->password,
                   [this, tenantId, login, ticket](const QByteArray &hash) {
                       if (!ticket->mayWrite()) {
                           qCInfo(lcAdmin) << "a later reset of the same password in tenant" << tenantId
                                           << "was stored first; this one is not";
                           return QHttpServerResponse(Status::NoContent);
                       }
                       const storage::Status changed = m_directory.setPasswordHash(tenantId, login, hash);
                       if (!changed && changed.code() == ErrorCode::NotFound)
                           return notFound();
                       if (!changed) {
                           qCWarning(lcAdmin) << "cannot change a password:" << changed.message();
                           return internalError();
                       }
                       ticket->wrote();
                       qCInfo(lcAdmin) << "changed a password in tenant" << tenantId;
                       return QHttpServerResponse(Status::NoContent);
                   });
}

QHttpServerResponse AdminRoutes::setTerritories(const QString &tenant, const QString &login,
                                                const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return std::move(*error);
    auto body = admin::parseTerritoriesChange(request.body());
    if (!body)
        return badRequest(body.message());
    const storage::Status changed = m_directory.setTerritories(scope->tenantId, login, body->territories);
    if (!changed && changed.code() == ErrorCode::NotFound)
        return notFound();
    if (!changed) {
        qCWarning(lcAdmin) << "cannot change territories:" << changed.message();
        return internalError();
    }
    qCInfo(lcAdmin) << "changed a user's territories in tenant" << scope->tenantId;
    if (m_scopesChanged)
        m_scopesChanged(scope->tenantId);
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse AdminRoutes::listDevices(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return std::move(*error);
    auto devices = m_directory.devices(scope->tenantId);
    if (!devices) {
        qCWarning(lcAdmin) << "cannot list devices:" << devices.message();
        return internalError();
    }
    QJsonArray list;
    for (const DeviceSummary &device : devices.value()) {
        list.append(QJsonObject{{QStringLiteral("id"), device.id},
                                {QStringLiteral("login"), device.login},
                                {QStringLiteral("name"), device.name},
                                {QStringLiteral("created"), device.created},
                                {QStringLiteral("revoked"), device.revoked.isEmpty() ? QJsonValue(QJsonValue::Null)
                                                                                     : QJsonValue(device.revoked)}});
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("devices"), list}});
}

QHttpServerResponse AdminRoutes::revokeDevice(const QString &tenant, const QString &deviceId,
                                              const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return std::move(*error);
    bool numeric = false;
    const qint64 id = deviceId.toLongLong(&numeric);
    if (!numeric || id <= 0)
        return notFound();
    const storage::Status revoked = m_directory.revokeDevice(scope->tenantId, id);
    if (!revoked && revoked.code() == ErrorCode::NotFound)
        return jsonError(QStringLiteral("No such active device."), Status::NotFound);
    if (!revoked) {
        qCWarning(lcAdmin) << "cannot revoke a device:" << revoked.message();
        return internalError();
    }
    qCInfo(lcAdmin) << "revoked device" << id << "in tenant" << scope->tenantId;
    if (m_deviceRevoked)
        m_deviceRevoked(scope->tenantId, id);
    return QHttpServerResponse(Status::NoContent);
}

} // namespace fieldline::server
