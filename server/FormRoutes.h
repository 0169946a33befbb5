#pragma once

#include "AdminAccess.h"
#include "FormPublisher.h"

#include <QHttpServerResponse>

#include <functional>

class QHttpServerRequest;

namespace fieldline::server {

class ApiServer;
class OperatorToken;

/**
 * Form layouts under /v1/admin, with the access rules of the other admin routes (AdminAccess):
 *
 * - POST /v1/admin/tenants/<tenant>/forms: the body is a layout (docs/forms.md). 413 over LayoutReader::MaxBytes
 *   before it is parsed; 400 with {"error", "errors": [{"path", "message"}]} (at most LayoutJson::MaxProblems) when it
 * is invalid; 409 when its version is taken by other JSON or older than the newest; 201 when published, 200 when that
 * exact layout was already published. Devices receive it by their normal pull, told to pull at once by the live
 * channel.
 * - GET /v1/admin/tenants/<tenant>/forms: every version, [{"form", "version", "title", "status", "id"}].
 * - GET /v1/admin/tenants/<tenant>/forms/<form>/<version>: that version's JSON, exactly as published.
 * - POST /v1/admin/tenants/<tenant>/forms/<form>/retire: no new submissions of the form; drafts stay renderable.
 */
class FormRoutes
{
public:
    using CursorMoved = std::function<void(qint64 tenantId, qint64 cursor)>;

    FormRoutes(ApiServer &api, SyncStore &sync, const OperatorToken &operatorToken, const sync::Clock &clock,
               CursorMoved cursorMoved);

private:
    QHttpServerResponse publish(const QString &tenant, const QHttpServerRequest &request);
    QHttpServerResponse list(const QString &tenant, const QHttpServerRequest &request);
    QHttpServerResponse version(const QString &tenant, const QString &form, const QString &version,
                                const QHttpServerRequest &request);
    QHttpServerResponse retire(const QString &tenant, const QString &form, const QHttpServerRequest &request);

    ApiServer &m_api;
    AdminAccess m_access;
    FormPublisher m_publisher;
    CursorMoved m_cursorMoved;
};

} // namespace fieldline::server
