#include "ApiServer.h"

#include "HttpSupport.h"

#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslServer>

Q_LOGGING_CATEGORY(lcServer, "fieldline.server")

namespace fieldline::server {

using namespace http;

namespace {

QJsonObject identityJson(const Identity &identity)
{
    return QJsonObject{{QStringLiteral("tenant"), identity.tenant},
                       {QStringLiteral("login"), identity.login},
                       {QStringLiteral("role"), roleName(identity.role)}};
}

} // namespace

ApiServer::ApiServer(TenantStore &store, const Credentials &credentials, LoginThrottle &throttle, Limits limits)
    : m_store(store)
    , m_credentials(credentials)
    , m_throttle(throttle)
    , m_limits(limits)
{
    using Method = QHttpServerRequest::Method;
    m_http.route(QStringLiteral("/healthz"), Method::Get, [this](const QHttpServerRequest &request) {
        if (auto refused = refuseOversized(request, m_limits.maxBodyBytes))
            return counted("healthz", std::move(*refused));
        return counted("healthz", healthz());
    });
    // Liveness only: the process answers. Readiness is /healthz, which also needs the database.
    m_http.route(QStringLiteral("/livez"), Method::Get, [this](const QHttpServerRequest &request) {
        if (auto refused = refuseOversized(request, m_limits.maxBodyBytes))
            return counted("livez", std::move(*refused));
        return counted("livez", QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("alive")}}));
    });
    m_http.route(QStringLiteral("/metrics"), Method::Get, [this](const QHttpServerRequest &request) {
        if (auto refused = refuseOversized(request, m_limits.maxBodyBytes))
            return counted("metrics", std::move(*refused));
        // Counted before rendering so a scrape sees itself, like every other route's answer.
        m_metrics.countRequest(QStringLiteral("metrics"), 200);
        return QHttpServerResponse(QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"), m_metrics.render());
    });
    m_http.route(QStringLiteral("/v1/login"), Method::Post,
                 [this](const QHttpServerRequest &request) { return counted("login", login(request)); });
    m_http.route(QStringLiteral("/v1/me"), Method::Get,
                 [this](const QHttpServerRequest &request) { return counted("me", me(request)); });
    m_http.route(QStringLiteral("/v1/tenants/<arg>/me"), Method::Get,
                 [this](const QString &tenant, const QHttpServerRequest &request) {
                     return counted("tenant_me", tenantMe(tenant, request));
                 });
}

ApiServer::~ApiServer() = default;

quint16 ApiServer::listen(const QHostAddress &address, quint16 port)
{
    return m_http.listen(address, port);
}

quint16 ApiServer::listen(const QHostAddress &address, quint16 port, const QSslConfiguration &tls)
{
    // Owned by the HTTP server once bound; the handshake finishes before QHttpServer sees the connection.
    auto *server = new QSslServer(&m_http);
    server->setSslConfiguration(tls);
    server->setHandshakeTimeout(10000);
    if (!server->listen(address, port)) {
        delete server;
        return 0;
    }
    m_http.bind(server);
    return server->serverPort();
}

QHttpServerResponse ApiServer::counted(const char *route, QHttpServerResponse response)
{
    m_metrics.countRequest(QLatin1String(route), int(response.statusCode()));
    return response;
}

QHttpServerResponse ApiServer::healthz()
{
    // Migrations only add, so a schema newer than this binary's (migrated for the next release while this one
    // still serves a rolling upgrade) is fine; an older one (or none) is not.
    const int schema = m_store.schemaVersion();
    if (schema < TenantStore::SchemaVersion)
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")}},
                                   Status::ServiceUnavailable);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                           {QStringLiteral("schema"), schema},
                                           {QStringLiteral("version"), QStringLiteral(FIELDLINE_VERSION)}});
}

QHttpServerResponse ApiServer::login(const QHttpServerRequest &request)
{
    if (auto refused = refuseOversized(request, m_limits.maxLoginBodyBytes))
        return std::move(*refused);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return plainError("The body is not valid JSON: " + parseError.errorString().toUtf8(), Status::BadRequest);
    const QJsonObject body = document.object();
    const QJsonValue tenantValue = body.value(QLatin1String("tenant"));
    const QJsonValue loginValue = body.value(QLatin1String("login"));
    const QJsonValue passwordValue = body.value(QLatin1String("password"));
    const QJsonValue deviceValue = body.value(QLatin1String("device"));
    if (!document.isObject() || !tenantValue.isString() || !loginValue.isString() || !passwordValue.isString() ||
        !deviceValue.isString())
        return plainError("A login needs tenant, login, password and device, each a string.", Status::BadRequest);
    const QString tenant = tenantValue.toString();
    const QString login = loginValue.toString();
    const QString password = passwordValue.toString();
    const QString device = deviceValue.toString();
    if (tenant.isEmpty() || login.isEmpty() || device.isEmpty() || tenant.size() > 64 || login.size() > 128 ||
        device.size() > 128 || password.size() > 1024)
        return plainError("Tenant, login and device must be 1-64, 1-128 and 1-128 characters.", Status::BadRequest);

    const QString account = tenant + u'\n' + login;
    const QString address = request.remoteAddress().toString();
    if (const int wait = m_throttle.retryAfter(account, address); wait > 0) {
        m_metrics.countLoginThrottled();
        QHttpServerResponse response = jsonError(
            QStringLiteral("Too many failed logins. Try again in %1 seconds.").arg(wait), Status::TooManyRequests);
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(wait));
        return response;
    }

    // Unknown tenant, unknown user and wrong password take the same path through one Argon2id verification
    // and end in the same answer, so neither the body nor the timing says which one it was.
    std::optional<UserRecord> user;
    auto tenantId = m_store.tenantId(tenant);
    if (!tenantId) {
        qCWarning(lcServer) << "login: tenant lookup failed:" << tenantId.message();
        return internalError();
    }
    if (tenantId.value()) {
        auto found = m_store.findUser(*tenantId.value(), login);
        if (!found) {
            qCWarning(lcServer) << "login: user lookup failed:" << found.message();
            return internalError();
        }
        user = found.value();
    }
    const bool verified = user ? m_credentials.verifyPassword(user->passwordHash, password)
                               : (m_credentials.verifyDummy(password), false);
    if (!verified) {
        m_throttle.recordFailure(account, address);
        m_metrics.countLoginFailure();
        qCInfo(lcServer) << "login failed from" << address;
        return jsonError(QStringLiteral("Wrong tenant, login or password."), Status::Unauthorized);
    }
    m_throttle.recordSuccess(account);
    m_accessLog.noteTenant(user->tenantId);
    auto token = m_store.issueDeviceToken(user->tenantId, user->id, device);
    if (!token) {
        qCWarning(lcServer) << "login: cannot issue a token:" << token.message();
        return internalError();
    }
    qCInfo(lcServer) << "login ok, tenant" << user->tenantId << "user" << user->id;
    return QHttpServerResponse(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token.value())},
                                           {QStringLiteral("tenant"), tenant},
                                           {QStringLiteral("login"), login},
                                           {QStringLiteral("role"), roleName(user->role)}});
}

std::optional<Identity> ApiServer::bearerIdentity(const QHttpServerRequest &request,
                                                  std::optional<QHttpServerResponse> &error, qint64 bodyLimit)
{
    if (auto refused = refuseOversized(request, bodyLimit > 0 ? bodyLimit : m_limits.maxBodyBytes)) {
        error = std::move(refused);
        return std::nullopt;
    }
    const QByteArray token = bearerToken(header(request, QByteArrayLiteral("Authorization")));
    if (token.isEmpty()) {
        error = unauthorized();
        return std::nullopt;
    }
    auto identity = m_store.authenticate(token);
    if (!identity) {
        qCWarning(lcServer) << "token check failed:" << identity.message();
        error = internalError();
        return std::nullopt;
    }
    if (!identity.value())
        error = unauthorized();
    else
        m_accessLog.noteTenant(identity.value()->tenantId);
    return identity.value();
}

QHttpServerResponse ApiServer::me(const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<Identity> identity = bearerIdentity(request, error);
    if (!identity)
        return std::move(*error);
    return QHttpServerResponse(identityJson(*identity));
}

QHttpServerResponse ApiServer::tenantMe(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<Identity> identity = bearerIdentity(request, error);
    if (!identity)
        return std::move(*error);
    // Another tenant's path looks exactly like a path that does not exist.
    if (identity->tenant != tenant)
        return jsonError(QStringLiteral("Not found."), Status::NotFound);
    return QHttpServerResponse(identityJson(*identity));
}

} // namespace fieldline::server
