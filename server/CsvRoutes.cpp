#include "CsvRoutes.h"

#include "ApiServer.h"
#include "CellParser.h"
#include "CsvExport.h"
#include "CsvImport.h"
#include "CsvReader.h"
#include "HttpSupport.h"
#include "ImportReferences.h"
#include "ImportSchema.h"
#include "SyncStore.h"
#include "UserDirectory.h"
#include "app/telemarketing/PhoneNumbers.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcCsv, "fieldline.server.csv")

namespace fieldline::server {

using namespace http;

namespace {

QHttpServerResponse noSuchTable(const QString &table)
{
    return jsonError(QStringLiteral("There is no table %1 to import or export; the tables are %2.")
                         .arg(table, importTableNames().join(QLatin1String(", "))),
                     Status::NotFound);
}

/** The 400 answer for a file with bad lines: every problem with its line, up to MaxReportedProblems. */
QHttpServerResponse problemsAnswer(const std::vector<CsvProblem> &problems)
{
    QJsonArray errors;
    for (const CsvProblem &problem : problems) {
        if (errors.size() == CsvRoutes::MaxReportedProblems)
            break;
        errors.append(
            QJsonObject{{QStringLiteral("line"), problem.line}, {QStringLiteral("message"), problem.message}});
    }
    const QString summary =
        problems.size() == 1 ? QStringLiteral("The file has a problem; nothing was imported.")
                             : QStringLiteral("The file has %1 problems; nothing was imported.").arg(problems.size());
    return QHttpServerResponse(QJsonObject{{QStringLiteral("error"), summary},
                                           {QStringLiteral("errors"), errors},
                                           {QStringLiteral("more"), qint64(problems.size()) - errors.size()}},
                               Status::BadRequest);
}

} // namespace

CsvRoutes::CsvRoutes(ApiServer &api, UserDirectory &directory, SyncStore &sync, const OperatorToken &operatorToken,
                     const sync::Clock &clock, CursorMoved cursorMoved)
    : m_api(api)
    , m_directory(directory)
    , m_sync(sync)
    , m_access(api, operatorToken)
    , m_clock(clock)
    , m_cursorMoved(std::move(cursorMoved))
{
    using Method = QHttpServerRequest::Method;
    QHttpServer &http = m_api.http();
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/import/<arg>"), Method::Post,
               [this](const QString &tenant, const QString &table, const QHttpServerRequest &request) {
                   return m_api.counted("admin_import", importTable(tenant, table, request));
               });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/export/<arg>"), Method::Get,
               [this](const QString &tenant, const QString &table, const QHttpServerRequest &request) {
                   return m_api.counted("admin_export", exportTable(tenant, table, request));
               });
}

QHttpServerResponse CsvRoutes::importTable(const QString &tenant, const QString &tableName,
                                           const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = m_access.tenantScope(tenant, request, MaxImportBytes, error);
    if (!scope)
        return std::move(*error);
    const ImportTable *table = server::importTable(tableName);
    if (!table)
        return noSuchTable(tableName);
    const QUrlQuery query(request.url());
    const QString region = query.queryItemValue(QStringLiteral("region")).toUpper();
    const QString dryRunValue = query.queryItemValue(QStringLiteral("dry-run"));
    if (query.hasQueryItem(QStringLiteral("dry-run")) && dryRunValue != QLatin1String("1") &&
        dryRunValue != QLatin1String("0"))
        return jsonError(QStringLiteral("dry-run must be 1 (check only) or 0; nothing was imported."),
                         Status::BadRequest);
    const bool dryRun = dryRunValue == QLatin1String("1");
    if (!region.isEmpty() && !telemarketing::PhoneNumbers::isKnownRegion(region))
        return jsonError(QStringLiteral("region must be a country code such as US or DE."), Status::BadRequest);
    auto users = m_directory.users(scope->tenantId);
    if (!users) {
        qCWarning(lcCsv) << "cannot list users:" << users.message();
        return internalError();
    }
    QSet<QString> logins;
    for (const UserSummary &user : users.value())
        logins.insert(user.login);

    QElapsedTimer timer;
    timer.start();
    const CsvDocument document = CsvReader({MaxImportBytes}).read(request.body());
    auto references = loadImportReferences(m_sync, scope->tenantId, *table, document);
    if (!references) {
        qCWarning(lcCsv) << "cannot read the rows an import may name:" << references.message();
        return internalError();
    }
    const CellParser cells(std::move(logins), region, std::move(references.value()));
    CsvImport import(*table, cells);
    if (!import.check(document))
        return problemsAnswer(import.problems());

    const qint64 checkedMs = timer.elapsed();
    // Only the rows the file names by id (given or derived) can change; the others are new.
    auto stored = m_sync.rows(scope->tenantId, table->name, import.namedIds());
    if (!stored) {
        qCWarning(lcCsv) << "cannot read rows:" << stored.message();
        return internalError();
    }
    const ImportPlan plan = import.plan(stored.value(), m_clock);
    if (!plan.problems.empty())
        return problemsAnswer(plan.problems);
    auto before = m_sync.cursor(scope->tenantId);
    if (!before) {
        qCWarning(lcCsv) << "cannot read the cursor:" << before.message();
        return internalError();
    }
    qint64 cursor = before.value();
    if (!plan.changes.empty() && !dryRun) {
        auto written = m_sync.writeAsServer(scope->tenantId, plan.changes);
        if (!written) {
            qCWarning(lcCsv) << "cannot import:" << written.message();
            return internalError();
        }
        cursor = written.value();
    }
    // Devices learn of the rows like they learn of a push: the tenant's live sockets are told to pull.
    if (cursor != before.value() && m_cursorMoved)
        m_cursorMoved(scope->tenantId, cursor);
    qCInfo(lcCsv).noquote() << QStringLiteral("%9 %1 %2 rows into tenant %3 in %4 ms (%5 ms reading and "
                                              "checking): %6 created, %7 updated, %8 unchanged")
                                   .arg(QString::number(import.rowCount()), table->name,
                                        QString::number(scope->tenantId), QString::number(timer.elapsed()),
                                        QString::number(checkedMs), QString::number(plan.created),
                                        QString::number(plan.updated), QString::number(plan.unchanged),
                                        dryRun ? QStringLiteral("checked (dry run)") : QStringLiteral("imported"));
    return QHttpServerResponse(QJsonObject{{QStringLiteral("table"), table->name},
                                           {QStringLiteral("rows"), import.rowCount()},
                                           {QStringLiteral("created"), plan.created},
                                           {QStringLiteral("updated"), plan.updated},
                                           {QStringLiteral("unchanged"), plan.unchanged},
                                           {QStringLiteral("cursor"), cursor},
                                           {QStringLiteral("dryRun"), dryRun}});
}

QHttpServerResponse CsvRoutes::exportTable(const QString &tenant, const QString &tableName,
                                           const QHttpServerRequest &request)
{
    std::optional<QHttpServerResponse> error;
    const std::optional<AdminScope> scope = m_access.tenantScope(tenant, request, m_api.limits().maxBodyBytes, error);
    if (!scope)
        return std::move(*error);
    const ImportTable *table = server::importTable(tableName);
    if (!table)
        return noSuchTable(tableName);
    auto stored = m_sync.rows(scope->tenantId, table->name);
    if (!stored) {
        qCWarning(lcCsv) << "cannot read rows:" << stored.message();
        return internalError();
    }
    const qint64 live = std::count_if(stored->cbegin(), stored->cend(),
                                      [](const SyncStore::StoredRow &row) { return row.state.alive(); });
    QHttpServerResponse response(QByteArrayLiteral("text/csv; charset=utf-8"), exportCsv(*table, stored.value()));
    response.setHeader(QByteArrayLiteral("X-Row-Count"), QByteArray::number(live));
    response.setHeader(QByteArrayLiteral("Content-Disposition"),
                       QByteArrayLiteral("attachment; filename=\"") + table->name.toLatin1() + ".csv\"");
    return response;
}

} // namespace fieldline::server
