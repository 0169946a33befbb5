#pragma once

#include "HeldAnswer.h"
#include "LoginExchange.h"
#include "LoginThrottle.h"
#include "PasswordCheck.h"
#include "TenantStore.h"

#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

#include <memory>
#include <optional>

class QHttpServerRequest;

namespace fieldline::server {

class ApiServer;

/**
 * POST /v1/login, in either form (LoginExchange): size limit, throttling, the user look-up, the password check on
 * PasswordCheck's threads, and a device token. The event loop serves other requests while the password is checked;
 * the answer goes once the token is on disk (ApiServer::answerDurably).
 *
 * Unknown tenant, unknown user and wrong password take the same path through one Argon2id verification and end in
 * the same answer, so neither the body nor the timing says which one it was. A password that matches a hash of
 * another cost (the server's --password-cost changed) is stored again at the current cost.
 */
class LoginRoute
{
public:
    LoginRoute(ApiServer &api, LoginThrottle &throttle, PasswordCheck &checks);

private:
    /** A login whose password is being checked. */
    struct Pending
    {
        Pending(HeldAnswer held, bool cbor);
        HeldAnswer held;
        bool cbor;
        login::Attempt attempt;
        QString account;
        QString address;
        std::optional<UserRecord> user;
        QByteArray rehashed;       ///< the password at the current cost, when its stored hash has another
        bool checkedAgain = false; ///< the stored hash changed during the first check, and was checked too
    };

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    /** The answer when it is known without a password check; nullopt once a check is under way for @p pending. */
    std::optional<QHttpServerResponse> start(const QHttpServerRequest &request,
                                             const std::shared_ptr<Pending> &pending);
    /** Queues the password check against pending->user's hash (the dummy without one); false when full. */
    bool check(const std::shared_ptr<Pending> &pending);
    void checked(const std::shared_ptr<Pending> &pending, bool matches);
    /** The token for @p user, whose stored hash the password matched, or the refusal. */
    login::Outcome grant(Pending &pending, const UserRecord &user);
    void answer(Pending &pending, QHttpServerResponse &&response);

    ApiServer &m_api;
    LoginThrottle &m_throttle;
    PasswordCheck &m_checks;
};

} // namespace fieldline::server
