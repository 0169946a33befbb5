#pragma once

#include "HttpSupport.h"
#include "storage/Error.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QHttpServerResponse>
#include <QLoggingCategory>

/**
 * Answers of the CBOR routes (sync, blobs): every failure is a protocol error message with the matching HTTP
 * status, so a device can show the server's words whatever went wrong.
 */
namespace fieldline::server::answers {

Q_DECLARE_LOGGING_CATEGORY(lcProtocolRoutes)

inline QHttpServerResponse cbor(const QByteArray &body, http::Status status = http::Status::Ok)
{
    return QHttpServerResponse(QByteArrayLiteral("application/cbor"), body, status);
}

inline QHttpServerResponse error(sync::protocol::ErrorCode code, const QString &message, http::Status status)
{
    return cbor(sync::protocol::encode(sync::protocol::ErrorMessage{code, message, 0}), status);
}

/** 500 with words fit for a user; @p logged, which may name internals, goes only to the log. */
inline QHttpServerResponse internal(const QString &logged)
{
    qCWarning(lcProtocolRoutes) << logged;
    return error(sync::protocol::ErrorCode::Internal, QStringLiteral("Internal error; see the server log."),
                 http::Status::InternalServerError);
}

/** The same refusal as the JSON routes give (401, 413, 500), as a protocol error; the status stays. */
inline QHttpServerResponse asProtocolError(QHttpServerResponse refused)
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

/** A body that does not decode: an unsupported protocol version, or anything else malformed. */
inline QHttpServerResponse undecodable(const storage::Error &failure)
{
    using sync::protocol::ErrorCode;
    return failure.code == storage::ErrorCode::Unsupported
               ? error(ErrorCode::UnsupportedVersion, failure.message, http::Status::BadRequest)
               : error(ErrorCode::Invalid, failure.message, http::Status::BadRequest);
}

} // namespace fieldline::server::answers
