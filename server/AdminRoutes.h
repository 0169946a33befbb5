#pragma once

#include "AdminAccess.h"
#include "LatestRequestWins.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QString>

#include <functional>
#include <optional>

class QHttpServerRequest;

namespace fieldline::server {

class ApiServer;
class OperatorToken;
class UserDirectory;

/**
 * The JSON administration API under /v1/admin: tenants (server operator only), and the users and devices of one
 * tenant (the operator, or a device token of an admin of that same tenant).
 *
 * A tenant admin naming another tenant is answered exactly like a tenant that does not exist (404), so the API
 * does not tell which tenant names are taken; other roles get 403 and a missing or unknown token 401. Every body
 * is refused over MaxBodyBytes before it is parsed. Passwords are hashed off the event loop (ApiServer::passwords(),
 * 0.2-0.4 s each at the interactive cost), so creating a shift of users does not stall every tenant's sync.
 */
class AdminRoutes
{
public:
    static constexpr qint64 MaxBodyBytes = 16 << 10;

    AdminRoutes(ApiServer &api, UserDirectory &directory, const OperatorToken &operatorToken);

    /** Called after a device was revoked, so its open live sockets can be closed. */
    void setDeviceRevoked(std::function<void(qint64 tenantId, qint64 deviceId)> callback)
    {
        m_deviceRevoked = std::move(callback);
    }

    /** Called after a user's territories changed, so the tenant's devices can be told to pull (and reload). */
    void setScopesChanged(std::function<void(qint64 tenantId)> callback) { m_scopesChanged = std::move(callback); }

private:
    QHttpServerResponse createTenant(const QHttpServerRequest &request);
    void createUser(const QString &tenant, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    QHttpServerResponse listUsers(const QString &tenant, const QHttpServerRequest &request);
    void setPassword(const QString &tenant, const QString &login, const QHttpServerRequest &request,
                     QHttpServerResponder &&responder);
    QHttpServerResponse setTerritories(const QString &tenant, const QString &login, const QHttpServerRequest &request);
    QHttpServerResponse listDevices(const QString &tenant, const QHttpServerRequest &request);
    QHttpServerResponse revokeDevice(const QString &tenant, const QString &deviceId, const QHttpServerRequest &request);

    using WithHash = std::function<QHttpServerResponse(const QByteArray &passwordHash)>;
    /**
     * Hashes @p password on the password threads, then answers with what @p then makes of the hash (on the event
     * loop; a write there must enter its tenant first, as other requests ran meanwhile). @p scope's token is checked
     * again before @p then runs (AdminAccess::confirm). A full queue gets 429.
     */
    void answerWithHash(const char *route, const QHttpServerRequest &request, QHttpServerResponder &&responder,
                        const AdminScope &scope, const QString &password, WithHash then);
    /** Sends a response decided while the route runs. */
    void answerNow(const char *route, const QHttpServerRequest &request, QHttpServerResponder &&responder,
                   QHttpServerResponse &&response);

    /** Checks size (MaxBodyBytes), token and role for a route on @p tenant; on refusal fills @p error. */
    std::optional<AdminScope> tenantScope(const QString &tenant, const QHttpServerRequest &request,
                                          std::optional<QHttpServerResponse> &error);

    ApiServer &m_api;
    UserDirectory &m_directory;
    AdminAccess m_access;
    std::shared_ptr<LatestRequestWins> m_passwordOrder = std::make_shared<LatestRequestWins>();
    std::function<void(qint64, qint64)> m_deviceRevoked;
    std::function<void(qint64)> m_scopesChanged;
};

} // namespace fieldline::server
