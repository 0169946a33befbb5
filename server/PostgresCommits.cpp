#include "PostgresCommits.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;

namespace {

/** The sync's own connection, used only on the worker thread. */
const QString SyncConnection = QStringLiteral("fieldline-durability");

/**
 * A Busy error when the statement failed because the session or the server went (libpq's own failures carry no
 * SQLSTATE; class 08 is a connection exception, 57 an operator intervention such as a shutdown or a cancel), so the
 * next sync may work; any other is a refusal that will not go away by itself (class 42: no privilege or no such
 * function; class 25: a read-only standby), which breaks the store until someone fixes it and restarts.
 */
Error unavailable(const QString &what, const QSqlQuery &query)
{
    const QString state = query.lastError().nativeErrorCode();
    const bool gone = state.isEmpty() || state.startsWith(QLatin1String("08")) || state.startsWith(QLatin1String("57"));
    return Error{gone ? ErrorCode::Busy : ErrorCode::Internal, what + QStringLiteral(": ") + query.lastError().text()};
}

} // namespace

PostgresCommits::PostgresCommits(QString connectionName, std::unique_ptr<SqlDialect> dialect)
    : m_connectionName(std::move(connectionName))
    , m_dialect(std::move(dialect))
{}

DurableAnswers::Store PostgresCommits::durableStore() const
{
    DurableAnswers::Store store;
    store.position = [this] { return position(); };
    store.sync = [this](quint64 target) { return sync(target); };
    store.finish = [this] { finish(); };
    store.syncOtherRoutes = false; // they commit with synchronous_commit on
    return store;
}

std::optional<quint64> PostgresCommits::parseLsn(const QString &text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash <= 0 || slash > 8 || text.size() - slash - 1 < 1 || text.size() - slash - 1 > 8)
        return std::nullopt;
    bool highOk = false;
    bool lowOk = false;
    const quint64 high = text.left(slash).toULongLong(&highOk, 16);
    const quint64 low = text.mid(slash + 1).toULongLong(&lowOk, 16);
    if (!highOk || !lowOk)
        return std::nullopt;
    return (high << 32) | low;
}

quint64 PostgresCommits::position() const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("SELECT pg_current_wal_insert_lsn()::text")) || !query.next())
        return DurableAnswers::Store::Unknown;
    return parseLsn(query.value(0).toString()).value_or(DurableAnswers::Store::Unknown);
}

Result<quint64> PostgresCommits::flushedLsn(QSqlQuery &query) const
{
    if (!query.exec(QStringLiteral("SELECT pg_current_wal_flush_lsn()::text")) || !query.next())
        return unavailable(QStringLiteral("Cannot read how far PostgreSQL flushed its WAL"), query);
    const std::optional<quint64> lsn = parseLsn(query.value(0).toString());
    if (!lsn)
        return Error{ErrorCode::Internal, QStringLiteral("Unexpected WAL location %1.").arg(query.value(0).toString())};
    return *lsn;
}

Result<quint64> PostgresCommits::sync(quint64 target) const
{
    const bool wasOpen = QSqlDatabase::database(SyncConnection, false).isOpen();
    Result<quint64> flushed = flush(target);
    if (!flushed && wasOpen && flushed.code() == ErrorCode::Busy) {
        // The session may only have ended (terminated, an idle timeout): once more on a new one, which refuses to
        // go on if PostgreSQL restarted meanwhile (connect()).
        finish();
        flushed = flush(target);
    }
    if (!flushed)
        finish(); // a connection in an unknown state is opened again at the next sync
    return flushed;
}

storage::Status PostgresCommits::connect(quint64 target) const
{
    finish();
    if (storage::Status opened = m_dialect->open(SyncConnection); !opened)
        return Error{ErrorCode::Busy, opened.message()};
    QSqlQuery query(QSqlDatabase::database(SyncConnection, false));
    if (!query.exec(QStringLiteral("SELECT pg_postmaster_start_time()::text, pg_current_wal_insert_lsn()::text,"
                                   " current_setting('synchronous_standby_names')")) ||
        !query.next())
        return unavailable(QStringLiteral("Cannot ask PostgreSQL how long it has run"), query);
    const QString startTime = query.value(0).toString();
    const bool restarted = !m_startTime.isEmpty() && startTime != m_startTime;
    m_startTime = startTime;
    m_synchronousStandbys = !query.value(2).toString().trimmed().isEmpty();
    // A restart (or a failover to another server) may have lost commits that were not flushed, and so may a crash
    // that PostgreSQL recovered from without restarting, which shows when its WAL ends before what was waited for.
    const quint64 end = parseLsn(query.value(1).toString()).value_or(0);
    if (restarted || end < target)
        return Error{ErrorCode::Busy,
                     QStringLiteral("PostgreSQL restarted, or another server answers: commits not yet flushed may "
                                    "be lost")};
    return {};
}

Result<quint64> PostgresCommits::flush(quint64 target) const
{
    if (!QSqlDatabase::database(SyncConnection, false).isOpen()) {
        if (storage::Status connected = connect(target); !connected)
            return connected.error();
    }
    QSqlQuery query(QSqlDatabase::database(SyncConnection, false));
    Result<quint64> flushed = flushedLsn(query);
    // With synchronous standbys a commit also waits for them, which a flush on this server alone does not show.
    if (!flushed || (flushed.value() >= target && !m_synchronousStandbys))
        return flushed;
    // A commit waits for the WAL flush up to its own record, so for every record before it, but only if the
    // transaction wrote WAL before it (an xid alone is not enough): a transactional logical message is such a write,
    // open to any role, that changes no table.
    for (const char *statement : {"BEGIN", "SET LOCAL synchronous_commit = on",
                                  "SELECT pg_logical_emit_message(true, 'fieldline-sync', '')", "COMMIT"}) {
        if (!query.exec(QLatin1String(statement)))
            return unavailable(QStringLiteral("Cannot flush PostgreSQL's WAL"), query);
    }
    return flushedLsn(query);
}

void PostgresCommits::finish() const
{
    if (!QSqlDatabase::contains(SyncConnection))
        return;
    QSqlDatabase::database(SyncConnection, false).close();
    QSqlDatabase::removeDatabase(SyncConnection);
}

} // namespace fieldline::server
