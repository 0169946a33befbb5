#pragma once

#include <QByteArray>
#include <QHttpServerResponse>
#include <QString>

#include <optional>

class QHttpServerRequest;

/** Small pieces every route group of fieldline-server shares: header lookup, error answers, the body limit. */
namespace fieldline::server::http {

using Status = QHttpServerResponse::StatusCode;

/** Header lookup that ignores case, as HTTP requires. */
QByteArray header(const QHttpServerRequest &request, const QByteArray &name);

/** The token of an "Authorization: Bearer <token>" value (scheme in any case, at most 512 bytes), or empty. */
QByteArray bearerToken(const QByteArray &authorization);

QHttpServerResponse jsonError(const QString &message, Status status);
QHttpServerResponse plainError(const QByteArray &message, Status status);
QHttpServerResponse internalError();
/** {"error": "Not found."}: also what a tenant admin gets for another tenant's paths. */
QHttpServerResponse notFound();
QHttpServerResponse unauthorized();

/**
 * 413 when the body, or the length the request declares, is over @p limit. QHttpServer 6.4 has already
 * buffered the body; what matters is that nothing parses it.
 */
std::optional<QHttpServerResponse> refuseOversized(const QHttpServerRequest &request, qint64 limit);

} // namespace fieldline::server::http
