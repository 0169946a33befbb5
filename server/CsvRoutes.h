#pragma once

#include "AdminAccess.h"
#include "CellParser.h"
#include "WorkerQueue.h"

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

class QHttpServerRequest;

namespace fieldline::sync {
class Clock;
}

namespace fieldline::server {

class ApiServer;
class OperatorToken;
class SyncStore;
class UserDirectory;

/**
 * CSV import and export of a tenant's reference data (contacts, accounts, products) under /v1/admin, with the
 * access rules of the other admin routes (AdminAccess):
 *
 * - POST /v1/admin/tenants/<tenant>/import/<table>[?region=US][&dry-run=1]: the body is the CSV file. 413 over
 *   MaxImportBytes before anything is parsed; 400 with {"error", "errors": [{"line", "message"}], "more"} when
 *   any line is bad, and then nothing is written; else 200 with the counts. The rows are server writes through
 *   SyncStore in one transaction, so devices get them by their normal pull, and the tenant's live sockets are
 *   told to pull at once. With dry-run=1 everything is checked and counted, and nothing is written.
 *   Reading the file and checking its cells (phone numbers above all) run on a worker thread, so the event loop
 *   serves the other routes meanwhile; only the reads and the write of the store are on the event loop. At most
 *   MaxImportsUnderWay imports are read or checked at once; another gets 429 with Retry-After. Before the write,
 *   the rows the file names are read again: when any changed meanwhile, 409 and nothing is written.
 * - GET /v1/admin/tenants/<tenant>/export/<table>: text/csv of the live rows, ordered by id.
 */
class CsvRoutes
{
public:
    static constexpr qint64 MaxImportBytes = 8 << 20;
    /** Enough for an admin to see the pattern; the rest are counted, so a wrong file does not make a 10 MB answer. */
    static constexpr qsizetype MaxReportedProblems = 1000;
    /** Each holds its file and its parsed rows (several times the file's size) until it is written. */
    static constexpr int MaxImportsUnderWay = 2;
    static constexpr int BusyRetryAfterSeconds = 10;

    using CursorMoved = std::function<void(qint64 tenantId, qint64 cursor)>;

    CsvRoutes(ApiServer &api, UserDirectory &directory, SyncStore &sync, const OperatorToken &operatorToken,
              const sync::Clock &clock, CursorMoved cursorMoved);

    /** Imports between their request and their answer. */
    int importsUnderWay() const { return m_underWay; }
    /** Imports whose cells are being checked on the worker: the rows their files name have been read. */
    int importsBeingChecked() const { return m_checking; }

private:
    struct Import;
    using ImportPtr = std::shared_ptr<Import>;

    void importTable(const QString &tenant, const QString &table, const QHttpServerRequest &request,
                     QHttpServerResponder &&responder);
    /** The import @p request asks for, or the answer that refuses it before the file is read. */
    std::variant<ImportPtr, QHttpServerResponse> prepare(const QString &tenant, const QString &table,
                                                         const QHttpServerRequest &request);
    /** Runs @p work for @p import on the worker, then @p then on the event loop; false when the worker is full. */
    template <typename Work, typename Then> bool onWorker(const ImportPtr &import, Work work, Then then);
    /** After the file is read: loads the rows it names and has its cells checked. */
    void read(const ImportPtr &import);
    /** After the cells are checked: the plan against the stored rows, and the write. */
    QHttpServerResponse write(Import &import);
    /** The logins of the tenant's users, for owner columns; nullopt, logged, when they cannot be read. */
    std::optional<QSet<QString>> tenantLogins(qint64 tenantId);
    /** The rows the import's file names (loadImportReferences); nullopt, logged, when they cannot be read. */
    std::optional<ReferenceIndex> namedRows(const Import &import);
    /** Scopes the store's connection to the import's tenant again; false, logged, when it cannot. */
    bool enterTenant(const Import &import);
    void answer(Import &import, QHttpServerResponse &&response);
    QHttpServerResponse exportTable(const QString &tenant, const QString &table, const QHttpServerRequest &request);

    ApiServer &m_api;
    UserDirectory &m_directory;
    SyncStore &m_sync;
    AdminAccess m_access;
    const sync::Clock &m_clock;
    CursorMoved m_cursorMoved;
    int m_underWay = 0;
    int m_checking = 0;
    WorkerQueue m_worker{{1, MaxImportsUnderWay}}; // last: destroyed first, it waits for the job running
};

} // namespace fieldline::server
