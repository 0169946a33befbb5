#pragma once

#include <QSqlQuery>
#include <QString>

#include <map>

namespace fieldline::server {

/**
 * Prepared queries kept for the life of a Qt SQL connection. Qt's PostgreSQL driver turns every prepared
 * QSqlQuery into PREPARE, EXECUTE and, when the object goes, DEALLOCATE: three round trips for one statement.
 * Kept, a statement costs one EXECUTE per use (docs/benchmarks.md counts the statements of a push).
 *
 * Closing a connection invalidates its queries, so whoever reopens one calls connectionReopened(); every cache
 * of that connection then prepares afresh on its next use. Single-threaded, like the server's event loop.
 */
class StatementCache
{
public:
    explicit StatementCache(QString connectionName);

    /**
     * The query for @p sql, prepared on first use (or after a reopen) and reset for new bound values; forward-only
     * except on PostgreSQL. Its address is the key: @p sql lives as long as the process (a string literal, or a text
     * of a static BatchStatements).
     */
    QSqlQuery &get(const char *sql);

    /**
     * Releases every query's result. A SELECT left halfway would hold SQLite's read snapshot (and stall WAL
     * checkpoints) until its next use, so a store calls this when a request is done with it (see Finished).
     */
    void finishAll();

    /** Calls finishAll() when it goes out of scope. */
    class Finished
    {
    public:
        explicit Finished(StatementCache &cache)
            : m_cache(cache)
        {}
        ~Finished() { m_cache.finishAll(); }
        Finished(const Finished &) = delete;
        Finished &operator=(const Finished &) = delete;

    private:
        StatementCache &m_cache;
    };

    /** Drops every query, before the connection is closed for good. */
    void clear() { m_queries.clear(); }

    /** Every cache of @p connectionName forgets its queries. */
    static void connectionReopened(const QString &connectionName);

private:
    QString m_connectionName;
    quint64 m_generation = 0;
    struct Entry
    {
        QSqlQuery query;
        bool prepared = false;
    };
    std::map<const char *, Entry> m_queries;
};

} // namespace fieldline::server
