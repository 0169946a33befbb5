#pragma once

#include <QHttpServerResponse>
#include <QString>

#include <optional>

class QHttpServerRequest;

namespace fieldline::server {

class ApiServer;
class OperatorToken;
struct Identity;

/** The tenant an administration request may act on, once authentication and authorisation have passed. */
struct AdminScope
{
    qint64 tenantId = 0;
    QString tenant;
    QByteArray deviceToken; ///< the tenant admin's token, to confirm it later; empty for the server operator
};

/**
 * Who may administer a tenant: the server operator (any tenant that exists), or a device token of an admin of
 * that same tenant. Shared by every /v1/admin route group so the rules cannot drift apart.
 *
 * A tenant admin naming another tenant is answered exactly like a tenant that does not exist (404), so the API
 * does not tell which tenant names are taken; other roles get 403 and a missing or unknown token 401. The body
 * size is checked first, before the token, so an oversized request costs no database lookup.
 */
class AdminAccess
{
public:
    AdminAccess(ApiServer &api, const OperatorToken &operatorToken);

    bool isOperator(const QHttpServerRequest &request) const;
    /** The scope for a route on @p tenant, or nullopt with @p error filled (413 over @p bodyLimit, 401, 403, 404). */
    std::optional<AdminScope> tenantScope(const QString &tenant, const QHttpServerRequest &request, qint64 bodyLimit,
                                          std::optional<QHttpServerResponse> &error) const;
    /**
     * Checks @p scope's token again, for a route that waited (a password hash) before it writes: a tenant admin's
     * device revoked, signed out by idleness or moved to another role meanwhile is refused (401 or 403) like a new
     * request would be. The operator's token is the server's own and stays valid.
     */
    bool confirm(const AdminScope &scope, std::optional<QHttpServerResponse> &error) const;

private:
    /** A tenant admin's scope on @p tenant, or nullopt with @p error filled (404 for another tenant, 403). */
    static std::optional<AdminScope> tenantAdminScope(const QString &tenant, const Identity &identity,
                                                      const QByteArray &token,
                                                      std::optional<QHttpServerResponse> &error);

    ApiServer &m_api;
    const OperatorToken &m_operatorToken;
};

} // namespace fieldline::server
