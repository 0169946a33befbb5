#pragma once

#include "HttpSupport.h"
#include "storage/Error.h"
#include "sync/protocol/ProtocolMessages.h"

#include <QHttpServerResponse>

/**
 * Answers of the CBOR routes (sync, blobs): every failure is a protocol error message with the matching HTTP
 * status, so a device can show the server's words whatever went wrong.
 */
namespace fieldline::server::answers {

QHttpServerResponse cbor(const QByteArray &body, http::Status status = http::Status::Ok);
QHttpServerResponse error(sync::protocol::ErrorCode code, const QString &message, http::Status status);
/** 500 with words fit for a user; @p logged, which may name internals, goes only to the log. */
QHttpServerResponse internal(const QString &logged);
/** The same refusal as the JSON routes give (401, 413, 500), as a protocol error; the status stays. */
QHttpServerResponse asProtocolError(QHttpServerResponse refused);
/** A body that does not decode: an unsupported protocol version, or anything else malformed. */
QHttpServerResponse undecodable(const storage::Error &failure);

} // namespace fieldline::server::answers
