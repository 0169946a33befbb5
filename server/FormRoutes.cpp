#include "FormRoutes.h"

#include "ApiServer.h"
#include "HttpSupport.h"
#include "app/forms/LayoutReader.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcForms, "fieldline.server.forms")

namespace fieldline::server {

using namespace http;
using formsync::LayoutRecord;

namespace {

QJsonObject describe(const LayoutRecord &record)
{
    return QJsonObject{{QStringLiteral("form"), record.form},
                       {QStringLiteral("version"), record.version},
                       {QStringLiteral("title"), record.title},
                       {QStringLiteral("status"), record.status},
                       {QStringLiteral("id"), record.id.toHex()}};
}

/** The 400 answer for a layout with problems: every problem with its path (LayoutReader stops at its maximum). */
QHttpServerResponse problemsAnswer(const std::vector<forms::LayoutProblem> &problems)
{
    QJsonArray errors;
    for (const forms::LayoutProblem &problem : problems)
        errors.append(
            QJsonObject{{QStringLiteral("path"), problem.path}, {QStringLiteral("message"), problem.message}});
    const QString summary =
        problems.size() == 1
            ? QStringLiteral("The layout has a problem; nothing was published.")
            : QStringLiteral("The layout has %1 problems; nothing was published.").arg(problems.size());
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), summary}, {QStringLiteral("errors"), errors}},
                               Status::BadRequest);
}

} // namespace

FormRoutes::FormRoutes(ApiServer &api, SyncStore &sync, const OperatorToken &operatorToken, const sync::Clock &clock,
                       CursorMoved cursorMoved)
    : m_api(api)
    , m_access(api, operatorToken)
    , m_publisher(sync, clock)
    , m_cursorMoved(std::move(cursorMoved))
{
    using Method = QHttpServerRequest::Method;
    QHttpServer &http = m_api.http();
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/forms"), Method::Post,
               [this](const QString &tenant, const QHttpServerRequest &request) {
                   return m_api.counted("admin_form_publish", publish(tenant, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/forms"), Method::Get,
               [this](const QString &tenant, const QHttpServerRequest &request) {
                   return m_api.counted("admin_form_list", list(tenant, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/forms/<arg>/retire"), Method::Post,
               [this](const QString &tenant, const QString &form, const QHttpServerRequest &request) {
                   return m_api.counted("admin_form_retire", retire(tenant, form, request));
               });
    http.route(
        QStringLiteral("/v1/admin/tenants/<arg>/forms/<arg>/<arg>"), Method::Get,
        [this](const QString &tenant, const QString &form, const QString &number, const QHttpServerRequest &request) {
            return m_api.counted("admin_form_get", version(tenant, form, number, request));
        });
}

QHttpServerResponse FormRoutes::publish(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = m_access.tenantScope(tenant, request, forms::LayoutReader::MaxBytes, error);
    if (!scope)
        return std::move(*error);
    auto outcome = m_publisher.publish(scope->tenantId, request.body());
    if (!outcome) {
        qCWarning(lcForms) << "cannot publish:" << outcome.message();
        return internalError();
    }
    using Kind = FormPublisher::Outcome::Kind;
    switch (outcome->kind) {
    case Kind::Invalid:
        return problemsAnswer(outcome->problems);
    case Kind::Conflict:
        return jsonError(outcome->message, Status::Conflict);
    case Kind::Unchanged:
        return QHttpServerResponse(describe(outcome->record));
    case Kind::Published:
        break;
    }
    if (m_cursorMoved)
        m_cursorMoved(scope->tenantId, outcome->cursor);
    qCInfo(lcForms).noquote() << QStringLiteral("published version %1 of form %2 in tenant %3")
                                     .arg(outcome->record.version)
                                     .arg(outcome->record.form)
                                     .arg(scope->tenantId);
    return QHttpServerResponse(describe(outcome->record), Status::Created);
}

QHttpServerResponse FormRoutes::list(const QString &tenant, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = m_access.tenantScope(tenant, request, m_api.limits().maxBodyBytes, error);
    if (!scope)
        return std::move(*error);
    auto versions = m_publisher.versions(scope->tenantId);
    if (!versions) {
        qCWarning(lcForms) << "cannot list forms:" << versions.message();
        return internalError();
    }
    QJsonArray out;
    for (const LayoutRecord &record : *versions)
        out.append(describe(record));
    return QHttpServerResponse(out);
}

QHttpServerResponse FormRoutes::version(const QString &tenant, const QString &form, const QString &number,
                                        const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = m_access.tenantScope(tenant, request, m_api.limits().maxBodyBytes, error);
    if (!scope)
        return std::move(*error);
    bool isNumber = false;
    const qint64 wanted = number.toLongLong(&isNumber);
    auto record = isNumber ? m_publisher.version(scope->tenantId, form, wanted)
                           : storage::Result<std::optional<LayoutRecord>>(std::optional<LayoutRecord>());
    if (!record) {
        qCWarning(lcForms) << "cannot read a form:" << record.message();
        return internalError();
    }
    if (*record)
        return QHttpServerResponse(QByteArrayLiteral("application/json"), (*record)->body);
    return jsonError(QStringLiteral("Form %1 has no version %2.").arg(form, number), Status::NotFound);
}

QHttpServerResponse FormRoutes::retire(const QString &tenant, const QString &form, const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = m_access.tenantScope(tenant, request, m_api.limits().maxBodyBytes, error);
    if (!scope)
        return std::move(*error);
    auto retired = m_publisher.retire(scope->tenantId, form);
    if (!retired && retired.error().code == storage::ErrorCode::NotFound)
        return jsonError(retired.message(), Status::NotFound);
    if (!retired) {
        qCWarning(lcForms) << "cannot retire:" << retired.message();
        return internalError();
    }
    if (retired->first > 0 && m_cursorMoved)
        m_cursorMoved(scope->tenantId, retired->second);
    return QHttpServerResponse(
        QJsonObject{{QStringLiteral("form"), form}, {QStringLiteral("retired"), retired->first}});
}

} // namespace fieldline::server
