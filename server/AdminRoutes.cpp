#include "AdminRoutes.h"

#include "ApiServer.h"
#include "Credentials.h"
#include "HttpSupport.h"
#include "OperatorToken.h"
#include "UserDirectory.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>

Q_LOGGING_CATEGORY(lcAdmin, "fieldline.server.admin")

namespace fieldline::server {

using namespace http;
using storage::ErrorCode;

namespace {

constexpr qsizetype MinPasswordLength = 8;
constexpr qsizetype MaxPasswordLength = 1024;

QHttpServerResponse notFound()
{
    return jsonError(QStringLiteral("Not found."), Status::NotFound);
}

QHttpServerResponse badRequest(const QByteArray &message)
{
    return plainError(message, Status::BadRequest);
}

bool validTenantName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

/** Logins travel in URL paths, so '/' is refused along with control characters. */
bool validLogin(const QString &login)
{
    if (login.isEmpty() || login.size() > 128)
        return false;
    return std::none_of(login.cbegin(), login.cend(),
                        [](QChar c) { return c == u'/' || c.category() == QChar::Other_Control; });
}

bool validPassword(const QString &password)
{
    return password.size() >= MinPasswordLength && password.size() <= MaxPasswordLength;
}

QByteArray passwordRule()
{
    return "A password must be " + QByteArray::number(MinPasswordLength) + " to " +
           QByteArray::number(MaxPasswordLength) + " characters.";
}

} // namespace

AdminRoutes::AdminRoutes(ApiServer &api, UserDirectory &directory, const OperatorToken &operatorToken,
                         const Credentials &credentials)
    : m_api(api)
    , m_directory(directory)
    , m_operatorToken(operatorToken)
    , m_credentials(credentials)
{
    using Method = QHttpServerRequest::Method;
    QHttpServer &http = m_api.http();
    http.route(QStringLiteral("/v1/admin/tenants"), Method::Post, [this](const QHttpServerRequest &request) {
        return m_api.counted("admin_tenant_create", createTenant(request));
    });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/users"), Method::Post,
               [this](const QString &tenant, const QHttpServerRequest &request) {
                   return m_api.counted("admin_user_create", createUser(tenant, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/users"), Method::Get,
               [this](const QString &tenant, const QHttpServerRequest &request) {
                   return m_api.counted("admin_user_list", listUsers(tenant, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/users/<arg>/password"), Method::Post,
               [this](const QString &tenant, const QString &login, const QHttpServerRequest &request) {
                   return m_api.counted("admin_user_password", setPassword(tenant, login, request));
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

bool AdminRoutes::isOperator(const QHttpServerRequest &request) const
{
    const QByteArray token = bearerToken(header(request, QByteArrayLiteral("Authorization")));
    return !token.isEmpty() && m_operatorToken.matches(token);
}

std::optional<AdminRoutes::Scope> AdminRoutes::tenantScope(const QString &tenant, const QHttpServerRequest &request,
                                                           std::optional<QHttpServerResponse> &error)
{
    if (auto refused = refuseOversized(request, MaxBodyBytes)) {
        error = std::move(refused);
        return std::nullopt;
    }
    if (isOperator(request)) {
        auto tenantId = m_api.store().tenantId(tenant);
        if (!tenantId) {
            qCWarning(lcAdmin) << "tenant lookup failed:" << tenantId.message();
            error = internalError();
            return std::nullopt;
        }
        if (!tenantId.value()) {
            error = notFound();
            return std::nullopt;
        }
        return Scope{*tenantId.value(), tenant};
    }
    const std::optional<Identity> identity = m_api.bearerIdentity(request, error, MaxBodyBytes);
    if (!identity)
        return std::nullopt;
    // Checked before the role: another tenant's path must look like a missing one to every caller.
    if (identity->tenant != tenant) {
        error = notFound();
        return std::nullopt;
    }
    if (identity->role != Role::Admin) {
        error = jsonError(QStringLiteral("Only a tenant administrator may do this."), Status::Forbidden);
        return std::nullopt;
    }
    return Scope{identity->tenantId, identity->tenant};
}

std::optional<QJsonObject> AdminRoutes::jsonBody(const QHttpServerRequest &request,
                                                 std::optional<QHttpServerResponse> &error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = badRequest("The body is not valid JSON: " + parseError.errorString().toUtf8());
        return std::nullopt;
    }
    if (!document.isObject()) {
        error = badRequest("The body must be a JSON object.");
        return std::nullopt;
    }
    return document.object();
}

QHttpServerResponse AdminRoutes::createTenant(const QHttpServerRequest &request)
{
    if (auto refused = refuseOversized(request, MaxBodyBytes))
        return std::move(*refused);
    if (!isOperator(request)) {
        std::optional<QHttpServerResponse> error;
        if (!m_api.bearerIdentity(request, error, MaxBodyBytes))
            return std::move(*error);
        return jsonError(QStringLiteral("Only the server operator may create tenants."), Status::Forbidden);
    }
    std::optional<QHttpServerResponse> error;
    const std::optional<QJsonObject> body = jsonBody(request, error);
    if (!body)
        return std::move(*error);
    const QJsonValue nameValue = body->value(QLatin1String("name"));
    if (!nameValue.isString() || !validTenantName(nameValue.toString()))
        return badRequest("A tenant needs a name of 1 to 64 letters, digits, dots, dashes or underscores.");
    const QString name = nameValue.toString();
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

QHttpServerResponse AdminRoutes::createUser(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<Scope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return std::move(*error);
    const std::optional<QJsonObject> body = jsonBody(request, error);
    if (!body)
        return std::move(*error);
    const QJsonValue loginValue = body->value(QLatin1String("login"));
    const QJsonValue passwordValue = body->value(QLatin1String("password"));
    const QJsonValue roleValue = body->value(QLatin1String("role"));
    if (!loginValue.isString() || !passwordValue.isString() || !roleValue.isString())
        return badRequest("A user needs login, password and role, each a string.");
    const QString login = loginValue.toString();
    if (!validLogin(login))
        return badRequest("A login must be 1 to 128 characters, without '/' or control characters.");
    if (!validPassword(passwordValue.toString()))
        return badRequest(passwordRule());
    const std::optional<Role> role = roleFromName(roleValue.toString());
    if (!role)
        return badRequest("The role must be agent, field, manager or admin.");

    auto hash = m_credentials.hashPassword(passwordValue.toString());
    if (!hash) {
        qCWarning(lcAdmin) << "cannot hash a password:" << hash.message();
        return internalError();
    }
    auto created = m_directory.createUser(scope->tenantId, login, hash.value(), *role);
    if (!created && created.code() == ErrorCode::Constraint)
        return jsonError(QStringLiteral("User %1 already exists in this tenant.").arg(login), Status::Conflict);
    if (!created) {
        qCWarning(lcAdmin) << "cannot create a user:" << created.message();
        return internalError();
    }
    qCInfo(lcAdmin) << "created user" << created.value() << "in tenant" << scope->tenantId << "as" << roleName(*role);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("id"), created.value()},
                                           {QStringLiteral("login"), login},
                                           {QStringLiteral("role"), roleName(*role)}},
                               Status::Created);
}

QHttpServerResponse AdminRoutes::listUsers(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<Scope> scope = tenantScope(tenant, request, error);
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
                                {QStringLiteral("role"), roleName(user.role)}});
    }
    return QHttpServerResponse(QJsonObject{{QStringLiteral("users"), list}});
}

QHttpServerResponse AdminRoutes::setPassword(const QString &tenant, const QString &login,
                                             const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<Scope> scope = tenantScope(tenant, request, error);
    if (!scope)
        return std::move(*error);
    const std::optional<QJsonObject> body = jsonBody(request, error);
    if (!body)
        return std::move(*error);
    const QJsonValue passwordValue = body->value(QLatin1String("password"));
    if (!passwordValue.isString())
        return badRequest("A password change needs password, a string.");
    if (!validPassword(passwordValue.toString()))
        return badRequest(passwordRule());
    auto hash = m_credentials.hashPassword(passwordValue.toString());
    if (!hash) {
        qCWarning(lcAdmin) << "cannot hash a password:" << hash.message();
        return internalError();
    }
    const storage::Status changed = m_directory.setPasswordHash(scope->tenantId, login, hash.value());
    if (!changed && changed.code() == ErrorCode::NotFound)
        return notFound();
    if (!changed) {
        qCWarning(lcAdmin) << "cannot change a password:" << changed.message();
        return internalError();
    }
    qCInfo(lcAdmin) << "changed a password in tenant" << scope->tenantId;
    return QHttpServerResponse(Status::NoContent);
}

QHttpServerResponse AdminRoutes::listDevices(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<Scope> scope = tenantScope(tenant, request, error);
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
    const std::optional<Scope> scope = tenantScope(tenant, request, error);
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
