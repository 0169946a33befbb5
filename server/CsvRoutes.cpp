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

QHttpServerResponse importsBusy()
{
    QHttpServerResponse response(
        jsonError(QStringLiteral("The server is checking other imported files. Try again in %1 seconds; nothing was "
                                 "imported.")
                      .arg(CsvRoutes::BusyRetryAfterSeconds),
                  Status::TooManyRequests));
    response.setHeader(QByteArrayLiteral("Retry-After"), QByteArray::number(CsvRoutes::BusyRetryAfterSeconds));
    return response;
}

} // namespace

/** One import from its request to its answer. Its parts are used by one thread at a time: the worker or the loop. */
struct CsvRoutes::Import
{
    Import(const ImportTable &table, AdminScope scope, QString region, bool dryRun, QSet<QString> logins,
           QByteArray body)
        : table(table)
        , scope(std::move(scope))
        , region(std::move(region))
        , dryRun(dryRun)
        , logins(std::move(logins))
        , body(std::move(body))
    {
        timer.start();
    }

    const ImportTable &table;
    const AdminScope scope;
    const QString region;
    const bool dryRun;
    QSet<QString> logins;      ///< until checked
    NamedReferences named;     ///< the ids of the rows the file names
    ReferenceIndex references; ///< those rows, as the file was checked against them
    QByteArray body;           ///< until read
    CsvDocument document;      ///< until checked
    std::optional<HeldAnswer> held;
    std::optional<CellParser> cells;
    std::optional<CsvImport> csv; ///< uses *cells
    QElapsedTimer timer;
    qint64 checkedMs = 0;
};

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
               [this](const QString &tenant, const QString &table, const QHttpServerRequest &request,
                      QHttpServerResponder &&responder) { importTable(tenant, table, request, std::move(responder)); });
    http.route(QStringLiteral("/v1/admin/tenants/<arg>/export/<arg>"), Method::Get,
               [this](const QString &tenant, const QString &table, const QHttpServerRequest &request) {
                   return m_api.counted("admin_export", exportTable(tenant, table, request));
               });
}

void CsvRoutes::importTable(const QString &tenant, const QString &tableName, const QHttpServerRequest &request,
                            QHttpServerResponder &&responder)
{
    std::variant<ImportPtr, QHttpServerResponse> prepared = prepare(tenant, tableName, request);
    if (auto *refused = std::get_if<QHttpServerResponse>(&prepared))
        return m_api.answerNow("admin_import", m_api.hold(request, std::move(responder)), std::move(*refused));
    const ImportPtr import = std::get<ImportPtr>(std::move(prepared));
    import->held.emplace(m_api.hold(request, std::move(responder)));
    ++m_underWay;
    const bool queued = onWorker(
        import,
        [](Import &work) {
            work.document = CsvReader({MaxImportBytes}).read(work.body);
            work.body.clear();
            work.named = namedReferences(work.table, work.document);
        },
        [this](const ImportPtr &read) { this->read(read); });
    if (!queued)
        answer(*import, importsBusy());
}

std::variant<CsvRoutes::ImportPtr, QHttpServerResponse>
CsvRoutes::prepare(const QString &tenant, const QString &tableName, const QHttpServerRequest &request)
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
    if (!region.isEmpty() && !telemarketing::PhoneNumbers::isKnownRegion(region))
        return jsonError(QStringLiteral("region must be a country code such as US or DE."), Status::BadRequest);
    if (m_underWay >= MaxImportsUnderWay)
        return importsBusy();
    std::optional<QSet<QString>> logins = tenantLogins(scope->tenantId);
    if (!logins)
        return internalError();
    return std::make_shared<Import>(*table, *scope, region, dryRunValue == QLatin1String("1"), std::move(*logins),
                                    request.body());
}

template <typename Work, typename Then> bool CsvRoutes::onWorker(const ImportPtr &import, Work work, Then then)
{
    return m_worker.run(
        [import, work = std::move(work)] {
            work(*import);
            return import;
        },
        std::move(then));
}

void CsvRoutes::read(const ImportPtr &import)
{
    if (!enterTenant(*import))
        return answer(*import, internalError());
    std::optional<ReferenceIndex> references = namedRows(*import);
    if (!references)
        return answer(*import, internalError());
    import->references = std::move(*references);
    import->cells.emplace(std::move(import->logins), import->region, import->references);
    import->csv.emplace(import->table, *import->cells);
    const bool queued = onWorker(
        import,
        [](Import &work) {
            work.csv->check(work.document);
            work.document = {};
            work.checkedMs = work.timer.elapsed();
        },
        [this](const ImportPtr &checked) {
            --m_checking;
            answer(*checked, write(*checked));
        });
    if (queued)
        ++m_checking;
    else
        answer(*import, importsBusy());
}

QHttpServerResponse CsvRoutes::write(Import &import)
{
    // The admin's token may have been revoked while the file was checked.
    std::optional<QHttpServerResponse> refused;
    if (!m_access.confirm(import.scope, refused))
        return std::move(*refused);
    const CsvImport &csv = *import.csv;
    if (!csv.problems().empty())
        return problemsAnswer(csv.problems());
    if (!enterTenant(import))
        return internalError();
    // The rows the file names must still be as it was checked against: a campaign or contact deleted, or a contact
    // given another zone (which its campaign members keep for their calling hours), while it was on the worker.
    const std::optional<ReferenceIndex> references = namedRows(import);
    if (!references)
        return internalError();
    if (*references != import.references)
        return jsonError(QStringLiteral("Rows this file names changed while it was checked; nothing was imported. "
                                        "Send it again."),
                         Status::Conflict);
    const qint64 tenantId = import.scope.tenantId;
    // Only the rows the file names by id (given or derived) can change; the others are new.
    auto stored = m_sync.rows(tenantId, import.table.name, csv.namedIds());
    if (!stored) {
        qCWarning(lcCsv) << "cannot read rows:" << stored.message();
        return internalError();
    }
    const ImportPlan plan = csv.plan(stored.value(), m_clock);
    if (!plan.problems.empty())
        return problemsAnswer(plan.problems);
    auto before = m_sync.cursor(tenantId);
    if (!before) {
        qCWarning(lcCsv) << "cannot read the cursor:" << before.message();
        return internalError();
    }
    qint64 cursor = before.value();
    if (!plan.changes.empty() && !import.dryRun) {
        auto written = m_sync.writeAsServer(tenantId, plan.changes);
        if (!written) {
            qCWarning(lcCsv) << "cannot import:" << written.message();
            return internalError();
        }
        cursor = written.value();
    }
    // Devices learn of the rows like they learn of a push: the tenant's live sockets are told to pull.
    if (cursor != before.value() && m_cursorMoved)
        m_cursorMoved(tenantId, cursor);
    qCInfo(lcCsv).noquote() << QStringLiteral("%9 %1 %2 rows into tenant %3 in %4 ms (checked after %5 ms): %6 "
                                              "created, %7 updated, %8 unchanged")
                                   .arg(QString::number(csv.rowCount()), import.table.name, QString::number(tenantId),
                                        QString::number(import.timer.elapsed()), QString::number(import.checkedMs),
                                        QString::number(plan.created), QString::number(plan.updated),
                                        QString::number(plan.unchanged),
                                        import.dryRun ? QStringLiteral("checked (dry run)")
                                                      : QStringLiteral("imported"));
    return QHttpServerResponse(QJsonObject{{QStringLiteral("table"), import.table.name},
                                           {QStringLiteral("rows"), csv.rowCount()},
                                           {QStringLiteral("created"), plan.created},
                                           {QStringLiteral("updated"), plan.updated},
                                           {QStringLiteral("unchanged"), plan.unchanged},
                                           {QStringLiteral("cursor"), cursor},
                                           {QStringLiteral("dryRun"), import.dryRun}});
}

std::optional<QSet<QString>> CsvRoutes::tenantLogins(qint64 tenantId)
{
    auto users = m_directory.users(tenantId);
    if (!users) {
        qCWarning(lcCsv) << "cannot list users:" << users.message();
        return std::nullopt;
    }
    QSet<QString> logins;
    for (const UserSummary &user : users.value())
        logins.insert(user.login);
    return logins;
}

std::optional<ReferenceIndex> CsvRoutes::namedRows(const Import &import)
{
    auto references = loadImportReferences(m_sync, import.scope.tenantId, import.named);
    if (!references) {
        qCWarning(lcCsv) << "cannot read the rows an import may name:" << references.message();
        return std::nullopt;
    }
    return std::move(references.value());
}

bool CsvRoutes::enterTenant(const Import &import)
{
    // While the file was on the worker, other requests scoped the connection to their own tenants (row-level
    // security on PostgreSQL).
    if (storage::Status entered = m_api.store().enterTenant(import.scope.tenantId); !entered) {
        qCWarning(lcCsv) << "cannot enter the tenant:" << entered.message();
        return false;
    }
    return true;
}

void CsvRoutes::answer(Import &import, QHttpServerResponse &&response)
{
    --m_underWay;
    // A 200 wrote to the store (unless a dry run): answered once that is on disk.
    m_api.answerWrite("admin_import", std::move(*import.held), std::move(response));
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
