#include "HttpSupport.h"

#include <QHttpServerRequest>
#include <QJsonObject>

namespace fieldline::server::http {

QByteArray header(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QByteArray bearerToken(const QByteArray &authorization)
{
    const QByteArray value = authorization.trimmed();
    const QByteArray scheme = QByteArrayLiteral("bearer ");
    if (value.size() <= scheme.size() || value.size() > 512 || value.left(scheme.size()).toLower() != scheme)
        return {};
    return value.mid(scheme.size()).trimmed();
}

QHttpServerResponse jsonError(const QString &message, Status status)
{
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), message}}, status);
}

QHttpServerResponse plainError(const QByteArray &message, Status status)
{
    return QHttpServerResponse(QByteArrayLiteral("text/plain; charset=utf-8"), message + '\n', status);
}

QHttpServerResponse internalError()
{
    return jsonError(QStringLiteral("Internal error; see the server log."), Status::InternalServerError);
}

QHttpServerResponse notFound()
{
    return jsonError(QStringLiteral("Not found."), Status::NotFound);
}

QHttpServerResponse unauthorized()
{
    QHttpServerResponse response = jsonError(QStringLiteral("A valid device token is required."), Status::Unauthorized);
    response.setHeader(QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer"));
    return response;
}

std::optional<QHttpServerResponse> refuseOversized(const QHttpServerRequest &request, qint64 limit)
{
    // A declared length over the limit is refused even if the body is shorter, so a client learns the limit
    // from its header alone.
    bool declared = false;
    const qint64 contentLength = header(request, QByteArrayLiteral("Content-Length")).trimmed().toLongLong(&declared);
    if (request.body().size() > limit || (declared && contentLength > limit))
        return plainError("The request body is larger than this endpoint accepts (" + QByteArray::number(limit) +
                              " bytes).",
                          Status::PayloadTooLarge);
    return std::nullopt;
}

} // namespace fieldline::server::http
