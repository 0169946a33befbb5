#pragma once

#include "DurableAnswers.h"
#include "SqlDialect.h"

#include <QString>

#include <memory>
#include <optional>

class QSqlQuery;

namespace fieldline::server {

/**
 * Group commit for PostgreSQL: the sync routes' transactions commit without waiting for the WAL flush (AsyncCommit,
 * run first in each), and DurableAnswers holds their answers until a flush covers them.
 *
 * The position is the server's WAL insert location, read on the store's connection after a route ran: it covers
 * that route's commit and every commit it may have read, this instance's or another's. A sync runs on the worker
 * thread over a connection of its own: when the WAL is not flushed that far yet, a transaction that writes a
 * logical message (WAL, no table) commits with synchronous_commit on, so its commit waits for the flush of every
 * record before it; the sync then returns the flushed location. Every other statement keeps PostgreSQL's default and
 * waits at its own commit.
 *
 * A session found ended (terminated, an idle timeout) is opened again at once, and the sync goes on if the same
 * PostgreSQL still runs and its WAL reaches what was waited for. Otherwise it is a Busy error, and DurableAnswers
 * fails what waited: PostgreSQL stops on a failed flush of its own and recovers from what is on disk, so commits
 * not flushed may be gone. With synchronous standbys (synchronous_standby_names), every sync commits, so that it
 * also waits for them.
 */
class PostgresCommits
{
public:
    /** Run first in a transaction whose commit must not wait for the disk. */
    static constexpr char AsyncCommit[] = "SET LOCAL synchronous_commit = off";

    /** @p connectionName: the store's open connection; @p dialect opens the sync's own connection (same address). */
    PostgresCommits(QString connectionName, std::unique_ptr<SqlDialect> dialect);
    PostgresCommits(const PostgresCommits &) = delete;
    PostgresCommits &operator=(const PostgresCommits &) = delete;

    /** What DurableAnswers needs of PostgreSQL; it must not outlive this object. */
    DurableAnswers::Store durableStore() const;

    /** The WAL insert location on the store's connection, or Store::Unknown when it cannot be read. */
    quint64 position() const;
    /** Flushes the WAL up to @p target at least, over the sync's own connection; the flushed location. */
    storage::Result<quint64> sync(quint64 target) const;
    /** Closes the sync's connection; on the thread that synced. */
    void finish() const;

    /** "16/B374D848" as a number, or nullopt. */
    static std::optional<quint64> parseLsn(const QString &text);

private:
    /** Opens the sync's connection; a Busy error if PostgreSQL restarted since the last one, or lost WAL. */
    storage::Status connect(quint64 target) const;
    storage::Result<quint64> flush(quint64 target) const;
    storage::Result<quint64> flushedLsn(QSqlQuery &query) const;

    QString m_connectionName;
    std::unique_ptr<SqlDialect> m_dialect;
    // Known on the worker thread only.
    mutable QString m_startTime;                ///< pg_postmaster_start_time() when the connection was opened
    mutable bool m_synchronousStandbys = false; ///< a commit also waits for standbys: always commit to sync
};

} // namespace fieldline::server
