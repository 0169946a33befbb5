#include "StatementCache.h"

#include <QSqlDatabase>

namespace fieldline::server {

namespace {

std::map<QString, quint64> &generations()
{
    static std::map<QString, quint64> byConnection;
    return byConnection;
}

} // namespace

StatementCache::StatementCache(QString connectionName)
    : m_connectionName(std::move(connectionName))
{}

void StatementCache::connectionReopened(const QString &connectionName)
{
    ++generations()[connectionName];
}

void StatementCache::finishAll()
{
    for (auto &[sql, entry] : m_queries)
        entry.query.finish();
}

QSqlQuery &StatementCache::get(const char *sql)
{
    const quint64 generation = generations()[m_connectionName];
    if (generation != m_generation) {
        m_queries.clear();
        m_generation = generation;
    }
    Entry &entry = m_queries[sql];
    if (!entry.prepared) { // new, or its preparation failed (then it fails again, with the driver's words)
        const QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        entry.query = QSqlQuery(db);
        // Not on PostgreSQL: a kept forward-only query there stopped the connection's LISTEN notifications from
        // arriving (tst_livecrossinstance), so its results are read whole instead.
        entry.query.setForwardOnly(db.driverName() != QLatin1String("QPSQL"));
        entry.prepared = entry.query.prepare(QLatin1String(sql));
    } else {
        entry.query.finish(); // a SELECT read halfway is released before the query runs again
    }
    return entry.query;
}

} // namespace fieldline::server
