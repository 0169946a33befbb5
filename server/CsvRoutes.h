#pragma once

#include "AdminAccess.h"

#include <QHttpServerResponse>
#include <QString>

#include <functional>

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
 * - GET /v1/admin/tenants/<tenant>/export/<table>: text/csv of the live rows, ordered by id.
 */
class CsvRoutes
{
public:
    static constexpr qint64 MaxImportBytes = 8 << 20;
    /** Enough for an admin to see the pattern; the rest are counted, so a wrong file does not make a 10 MB answer. */
    static constexpr qsizetype MaxReportedProblems = 1000;

    using CursorMoved = std::function<void(qint64 tenantId, qint64 cursor)>;

    CsvRoutes(ApiServer &api, UserDirectory &directory, SyncStore &sync, const OperatorToken &operatorToken,
              const sync::Clock &clock, CursorMoved cursorMoved);

private:
    QHttpServerResponse importTable(const QString &tenant, const QString &table, const QHttpServerRequest &request);
    QHttpServerResponse exportTable(const QString &tenant, const QString &table, const QHttpServerRequest &request);

    ApiServer &m_api;
    UserDirectory &m_directory;
    SyncStore &m_sync;
    AdminAccess m_access;
    const sync::Clock &m_clock;
    CursorMoved m_cursorMoved;
};

} // namespace fieldline::server
