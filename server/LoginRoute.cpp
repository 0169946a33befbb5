#include "LoginRoute.h"

#include "ApiServer.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace fieldline::server {

using http::Status;

namespace {

const login::Refused &internalError()
{
    static const login::Refused refused{Status::InternalServerError,
                                        QStringLiteral("Internal error; see the server log.")};
    return refused;
}

/** Too many checks waiting: the client tries again. */
login::Refused busy()
{
    return login::Refused{Status::TooManyRequests,
                          QStringLiteral("The server is checking many logins at once. Try again in 1 second."), 1};
}

/** Unknown tenant, unknown user, wrong password, or a password reset meanwhile: one answer for all. */
login::Refused wrongCredentials()
{
    return login::Refused{Status::Unauthorized, QStringLiteral("Wrong tenant, login or password.")};
}

} // namespace

LoginRoute::Pending::Pending(HeldAnswer held, bool cbor)
    : held(std::move(held))
    , cbor(cbor)
{}

LoginRoute::LoginRoute(ApiServer &api, LoginThrottle &throttle, PasswordCheck &checks)
    : m_api(api)
    , m_throttle(throttle)
    , m_checks(checks)
{
    m_api.http().route(QStringLiteral("/v1/login"), QHttpServerRequest::Method::Post,
                       [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                           handle(request, std::move(responder));
                       });
}

void LoginRoute::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    auto pending = std::make_shared<Pending>(m_api.hold(request, std::move(responder)), login::isCbor(request));
    if (std::optional<QHttpServerResponse> now = start(request, pending))
        answer(*pending, std::move(*now));
}

std::optional<QHttpServerResponse> LoginRoute::start(const QHttpServerRequest &request,
                                                     const std::shared_ptr<Pending> &pending)
{
    const bool cbor = pending->cbor;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (auto refused = http::refuseOversized(request, m_api.limits().maxLoginBodyBytes)) {
        if (!cbor)
            return std::move(*refused);
        return login::answer(cbor, login::Refused{refused->statusCode(), QString::fromUtf8(refused->data()).trimmed()},
                             now);
    }
    std::variant<login::Attempt, login::Refused> parsed = login::parse(request);
    if (const login::Refused *refused = std::get_if<login::Refused>(&parsed))
        return login::answer(cbor, *refused, now);
    pending->attempt = std::get<login::Attempt>(std::move(parsed));
    pending->account = pending->attempt.tenant + u'\n' + pending->attempt.login;
    pending->address = request.remoteAddress().toString();
    if (const int wait = m_throttle.retryAfter(pending->account, pending->address); wait > 0) {
        m_api.metrics().countLoginThrottled();
        return login::answer(
            cbor,
            login::Refused{Status::TooManyRequests,
                           QStringLiteral("Too many failed logins. Try again in %1 seconds.").arg(wait), wait},
            now);
    }
    TenantStore &store = m_api.store();
    auto tenantId = store.tenantId(pending->attempt.tenant);
    if (!tenantId) {
        qCWarning(lcServer) << "login: tenant lookup failed:" << tenantId.message();
        return login::answer(cbor, internalError(), now);
    }
    if (tenantId.value()) {
        auto found = store.findUser(*tenantId.value(), pending->attempt.login);
        if (!found) {
            qCWarning(lcServer) << "login: user lookup failed:" << found.message();
            return login::answer(cbor, internalError(), now);
        }
        pending->user = found.value();
    }
    if (!check(pending)) {
        m_api.metrics().countLoginThrottled();
        return login::answer(cbor, busy(), now);
    }
    m_throttle.started(pending->account);
    return std::nullopt;
}

bool LoginRoute::check(const std::shared_ptr<Pending> &pending)
{
    const QByteArray hash = pending->user ? pending->user->passwordHash : QByteArray();
    return m_checks.verify(hash, pending->attempt.password, [this, pending](bool matches, const QByteArray &rehashed) {
        pending->rehashed = rehashed;
        checked(pending, matches);
    });
}

void LoginRoute::checked(const std::shared_ptr<Pending> &pending, bool matches)
{
    login::Outcome outcome = wrongCredentials();
    if (matches && pending->user) {
        // The check may have waited behind others for seconds: read the user again.
        auto found = m_api.store().findUser(pending->user->tenantId, pending->attempt.login);
        if (!found) {
            qCWarning(lcServer) << "login: user lookup failed:" << found.message();
            m_throttle.abandoned(pending->account);
            return answer(*pending, login::answer(pending->cbor, internalError(), QDateTime::currentMSecsSinceEpoch()));
        }
        const std::optional<UserRecord> &current = found.value();
        const bool changed = current && current->passwordHash != pending->user->passwordHash;
        if (changed && !pending->checkedAgain) {
            // A reset (which this password then fails) or another login's rehash at a new cost (which it passes).
            pending->checkedAgain = true;
            pending->user = current;
            if (check(pending))
                return;
            m_throttle.abandoned(pending->account);
            m_api.metrics().countLoginThrottled();
            return answer(*pending, login::answer(pending->cbor, busy(), QDateTime::currentMSecsSinceEpoch()));
        }
        if (current && !changed)
            outcome = grant(*pending, *current);
    }
    if (std::holds_alternative<login::Refused>(outcome) &&
        std::get<login::Refused>(outcome).status == Status::Unauthorized) {
        m_throttle.recordFailure(pending->account, pending->address);
        m_api.metrics().countLoginFailure();
        qCInfo(lcServer) << "login failed from" << pending->address;
    }
    answer(*pending, login::answer(pending->cbor, outcome, QDateTime::currentMSecsSinceEpoch()));
}

login::Outcome LoginRoute::grant(Pending &pending, const UserRecord &user)
{
    m_throttle.recordSuccess(pending.account);
    pending.held.record.tenantId = user.tenantId;
    if (!pending.held.socket) // the client left while its password was checked: nobody would get the token
        return internalError();
    if (!pending.rehashed.isEmpty()) {
        // Only over the hash just checked: a reset that lands first wins.
        auto replaced = m_api.store().replacePasswordHash(user.tenantId, user.id, user.passwordHash, pending.rehashed);
        if (!replaced)
            qCWarning(lcServer) << "login: cannot store the password at the current cost:" << replaced.message();
        else if (*replaced)
            qCInfo(lcServer) << "login: stored user" << user.id << "of tenant" << user.tenantId
                             << "'s password at the current cost";
    }
    auto token = m_api.store().issueDeviceToken(user.tenantId, user.id, pending.attempt.device);
    if (!token) {
        qCWarning(lcServer) << "login: cannot issue a token:" << token.message();
        return internalError();
    }
    qCInfo(lcServer) << "login ok, tenant" << user.tenantId << "user" << user.id;
    return login::Granted{token.value(), pending.attempt.tenant, pending.attempt.login, user.role};
}

void LoginRoute::answer(Pending &pending, QHttpServerResponse &&response)
{
    // Only a token is a write the answer must wait for; a refusal goes at once.
    m_api.answerWrite("login", std::move(pending.held), std::move(response));
}

} // namespace fieldline::server
