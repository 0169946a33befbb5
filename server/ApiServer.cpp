#include "ApiServer.h"

#include "HttpSupport.h"
#include "ProtocolAnswers.h"

#include <QDateTime>
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

ApiServer::ApiServer(TenantStore &store, const Credentials &credentials, LoginThrottle &throttle, Limits limits,
                     DurableAnswers::Store durable)
    : m_store(store)
    , m_limits(limits)
    , m_durable(m_http, m_metrics, std::move(durable),
                [](const QString &why) { return answers::internal(QStringLiteral("sync of the store: ") + why); })
    , m_passwords(credentials, PasswordCheck::Limits{})
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
    m_http.route(QStringLiteral("/v1/me"), Method::Get,
                 [this](const QHttpServerRequest &request) { return counted("me", me(request)); });
    m_http.route(QStringLiteral("/v1/tenants/<arg>/me"), Method::Get,
                 [this](const QString &tenant, const QHttpServerRequest &request) {
                     return counted("tenant_me", tenantMe(tenant, request));
                 });
    m_login = std::make_unique<LoginRoute>(*this, throttle, m_passwords);
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

void ApiServer::answerDurably(const char *route, const QHttpServerRequest &request, QHttpServerResponder &&responder,
                              QHttpServerResponse &&response)
{
    answerDurably(route, hold(request, std::move(responder)), std::move(response));
}

HeldAnswer ApiServer::hold(const QHttpServerRequest &request, QHttpServerResponder &&responder) const
{
    const QPointer<QTcpSocket> socket(responder.socket());
    return HeldAnswer{m_accessLog.pending(request), socket, std::move(responder)};
}

void ApiServer::answerDurably(const char *route, HeldAnswer &&held, QHttpServerResponse &&response)
{
    m_durable.answer(held.socket, std::move(held.responder), std::move(response),
                     answered(route, std::move(held.record)));
}

void ApiServer::answerNow(const char *route, HeldAnswer &&held, QHttpServerResponse &&response)
{
    m_durable.sendNow(held.socket, std::move(held.responder), std::move(response),
                      answered(route, std::move(held.record)));
}

void ApiServer::answerWrite(const char *route, HeldAnswer &&held, QHttpServerResponse &&response)
{
    const int status = int(response.statusCode());
    if (status >= 200 && status < 300)
        answerDurably(route, std::move(held), std::move(response));
    else
        answerNow(route, std::move(held), std::move(response));
}

DurableAnswers::Answered ApiServer::answered(const char *route, AccessLog::Record record)
{
    return [this, route, record = std::move(record)](int status) {
        if (status != 0) // the status sent, which a failed sync turns into a 500
            m_metrics.countRequest(QLatin1String(route), status);
        m_accessLog.write(record, status);
    };
}

QHttpServerResponse ApiServer::healthz()
{
    // Migrations only add, so a schema newer than this binary's (migrated for the next release while this one
    // still serves a rolling upgrade) is fine; an older one (or none) is not.
    if (!m_durable.broken().isEmpty())
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")},
                                               {QStringLiteral("reason"), m_durable.broken()}},
                                   Status::ServiceUnavailable);
    const int schema = m_store.schemaVersion();
    if (schema < TenantStore::SchemaVersion)
        return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("unavailable")}},
                                   Status::ServiceUnavailable);
    return QHttpServerResponse(QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                           {QStringLiteral("schema"), schema},
                                           {QStringLiteral("version"), QStringLiteral(FIELDLINE_VERSION)}});
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
