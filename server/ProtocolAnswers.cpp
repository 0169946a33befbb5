#include "ProtocolAnswers.h"

#include "sync/protocol/ProtocolCodec.h"

#include <QLoggingCategory>

namespace fieldline::server::answers {

Q_LOGGING_CATEGORY(lcProtocolRoutes, "fieldline.server.protocol")

QHttpServerResponse cbor(const QByteArray &body, http::Status status)
{
    return QHttpServerResponse(QByteArrayLiteral("application/cbor"), body, status);
}

QHttpServerResponse error(sync::protocol::ErrorCode code, const QString &message, http::Status status)
{
    return cbor(sync::protocol::encode(sync::protocol::ErrorMessage{code, message, 0}), status);
}

QHttpServerResponse internal(const QString &logged)
{
    qCWarning(lcProtocolRoutes) << logged;
    return error(sync::protocol::ErrorCode::Internal, QStringLiteral("Internal error; see the server log."),
                 http::Status::InternalServerError);
}

QHttpServerResponse asProtocolError(QHttpServerResponse refused)
{
    using http::Status;
    using sync::protocol::ErrorCode;
    const Status status = refused.statusCode();
    QHttpServerResponse response =
        status == Status::Unauthorized
            ? error(ErrorCode::Unauthorized, QStringLiteral("Log in again: the device token is not valid."), status)
        : status == Status::PayloadTooLarge
            ? error(ErrorCode::TooLarge, QString::fromUtf8(refused.data()).trimmed(), status)
            : error(ErrorCode::Internal, QStringLiteral("Internal error; see the server log."), status);
    if (status == Status::Unauthorized)
        response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    return response;
}

QHttpServerResponse undecodable(const storage::Error &failure)
{
    using sync::protocol::ErrorCode;
    return failure.code == storage::ErrorCode::Unsupported
               ? error(ErrorCode::UnsupportedVersion, failure.message, http::Status::BadRequest)
               : error(ErrorCode::Invalid, failure.message, http::Status::BadRequest);
}

} // namespace fieldline::server::answers
