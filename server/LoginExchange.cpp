#include "LoginExchange.h"

#include "ProtocolAnswers.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>

namespace fieldline::server::login {

using http::Status;
namespace protocol = sync::protocol;

namespace {

Refused badRequest(const QString &message)
{
    return Refused{Status::BadRequest, message, 0};
}

std::variant<Attempt, Refused> checked(Attempt attempt)
{
    if (attempt.tenant.isEmpty() || attempt.login.isEmpty() || attempt.device.isEmpty() || attempt.tenant.size() > 64 ||
        attempt.login.size() > 128 || attempt.device.size() > 128 || attempt.password.size() > 1024)
        return badRequest(QStringLiteral("Tenant, login and device must be 1-64, 1-128 and 1-128 characters."));
    return attempt;
}

std::variant<Attempt, Refused> parseJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return badRequest(QStringLiteral("The body is not valid JSON: ") + parseError.errorString());
    const QJsonObject object = document.object();
    const QJsonValue tenant = object.value(QLatin1String("tenant"));
    const QJsonValue login = object.value(QLatin1String("login"));
    const QJsonValue password = object.value(QLatin1String("password"));
    const QJsonValue device = object.value(QLatin1String("device"));
    if (!document.isObject() || !tenant.isString() || !login.isString() || !password.isString() || !device.isString())
        return badRequest(QStringLiteral("A login needs tenant, login, password and device, each a string."));
    return checked(Attempt{tenant.toString(), login.toString(), password.toString(), device.toString()});
}

std::variant<Attempt, Refused> parseCbor(const QByteArray &body)
{
    auto decoded = protocol::decode<protocol::LoginRequest>(body);
    if (!decoded)
        return badRequest(decoded.message());
    return checked(Attempt{decoded->tenant, decoded->user, decoded->password, decoded->deviceName});
}

protocol::ErrorCode codeFor(Status status)
{
    switch (status) {
    case Status::BadRequest:
        return protocol::ErrorCode::Invalid;
    case Status::Unauthorized:
        return protocol::ErrorCode::Unauthorized;
    case Status::TooManyRequests:
        return protocol::ErrorCode::RateLimited;
    case Status::PayloadTooLarge:
        return protocol::ErrorCode::TooLarge;
    default:
        return protocol::ErrorCode::Internal;
    }
}

} // namespace

bool isCbor(const QHttpServerRequest &request)
{
    return request.value(QByteArrayLiteral("Content-Type")).trimmed().startsWith("application/cbor");
}

std::variant<Attempt, Refused> parse(const QHttpServerRequest &request)
{
    return isCbor(request) ? parseCbor(request.body()) : parseJson(request.body());
}

QHttpServerResponse answer(bool cbor, const Outcome &outcome, qint64 serverTimeMs)
{
    if (const Granted *granted = std::get_if<Granted>(&outcome)) {
        if (cbor)
            return answers::cbor(protocol::encode(
                protocol::LoginResponse{QString::fromLatin1(granted->token), roleName(granted->role), serverTimeMs}));
        return QHttpServerResponse(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(granted->token)},
                                               {QStringLiteral("tenant"), granted->tenant},
                                               {QStringLiteral("login"), granted->login},
                                               {QStringLiteral("role"), roleName(granted->role)}});
    }
    const Refused &refused = std::get<Refused>(outcome);
    QHttpServerResponse response =
        cbor ? answers::cbor(protocol::encode(protocol::ErrorMessage{codeFor(refused.status), refused.message,
                                                                     qint64(refused.retryAfterSeconds) * 1000}),
                             refused.status)
        : refused.status == Status::BadRequest ? http::plainError(refused.message.toUtf8(), refused.status)
                                               : http::jsonError(refused.message, refused.status);
    if (refused.retryAfterSeconds > 0)
        response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(refused.retryAfterSeconds));
    return response;
}

} // namespace fieldline::server::login
