#include "AdminAccess.h"

#include "ApiServer.h"
#include "HttpSupport.h"
#include "OperatorToken.h"

#include <QHttpServerRequest>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAdminAccess, "fieldline.server.admin.access")

namespace fieldline::server {

using namespace http;

AdminAccess::AdminAccess(ApiServer &api, const OperatorToken &operatorToken)
    : m_api(api)
    , m_operatorToken(operatorToken)
{}

bool AdminAccess::isOperator(const QHttpServerRequest &request) const
{
    const QByteArray token = bearerToken(header(request, QByteArrayLiteral("Authorization")));
    return !token.isEmpty() && m_operatorToken.matches(token);
}

std::optional<AdminScope> AdminAccess::tenantScope(const QString &tenant, const QHttpServerRequest &request,
                                                   qint64 bodyLimit, std::optional<QHttpServerResponse> &error) const
{
    if (auto refused = refuseOversized(request, bodyLimit)) {
        error = std::move(refused);
        return std::nullopt;
    }
    if (isOperator(request)) {
        auto tenantId = m_api.store().tenantId(tenant);
        if (!tenantId) {
            qCWarning(lcAdminAccess) << "tenant lookup failed:" << tenantId.message();
            error = internalError();
            return std::nullopt;
        }
        if (!tenantId.value()) {
            error = notFound();
            return std::nullopt;
        }
        return AdminScope{*tenantId.value(), tenant};
    }
    const std::optional<Identity> identity = m_api.bearerIdentity(request, error, bodyLimit);
    if (!identity)
        return std::nullopt;
    return tenantAdminScope(tenant, *identity, bearerToken(header(request, QByteArrayLiteral("Authorization"))), error);
}

bool AdminAccess::confirm(const AdminScope &scope, std::optional<QHttpServerResponse> &error) const
{
    if (scope.deviceToken.isEmpty())
        return true;
    auto identity = m_api.store().authenticate(scope.deviceToken);
    if (!identity) {
        qCWarning(lcAdminAccess) << "token check failed:" << identity.message();
        error = internalError();
        return false;
    }
    if (!identity.value()) {
        error = unauthorized();
        return false;
    }
    return tenantAdminScope(scope.tenant, *identity.value(), scope.deviceToken, error).has_value();
}

std::optional<AdminScope> AdminAccess::tenantAdminScope(const QString &tenant, const Identity &identity,
                                                        const QByteArray &token,
                                                        std::optional<QHttpServerResponse> &error)
{
    // Checked before the role: another tenant's path must look like a missing one to every caller.
    if (identity.tenant != tenant) {
        error = notFound();
        return std::nullopt;
    }
    if (identity.role != Role::Admin) {
        error = jsonError(QStringLiteral("Only a tenant administrator may do this."), Status::Forbidden);
        return std::nullopt;
    }
    return AdminScope{identity.tenantId, identity.tenant, token};
}

} // namespace fieldline::server
