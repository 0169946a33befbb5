#pragma once

#include "DurableAnswers.h"
#include "storage/Error.h"

#include <QString>

#include <memory>

struct sqlite3;

namespace fieldline::server {

/**
 * Group commit for the embedded SQLite store: its commits stop waiting for the disk, and the server makes them
 * durable in batches instead (DurableAnswers).
 *
 * attach() switches the connection to synchronous=NORMAL, so a commit writes its WAL frames without fsync, and
 * counts commits through SQLite's commit hook, which also sees the commit of an autocommit statement that ends only
 * when the statement is reset (an INSERT ... RETURNING whose rows were read). syncWal() then makes every commit
 * counted before the call durable with one fdatasync of the WAL file, from any thread: the data of a file is
 * flushed through any descriptor of it. Until then a commit survives a crash of the server process (its frames are
 * in the page cache) but not a power cut, so nothing may be answered before the sync that covers it.
 *
 * SQLite's automatic checkpoint runs in its WAL hook, which attach() replaces with its own: a passive checkpoint at
 * the same threshold, whose I/O errors it keeps (failure()).
 */
class WalCommits
{
public:
    /** SQLite's default wal_autocheckpoint, in pages. */
    static constexpr int CheckpointFrames = 1000;

    /** Attaches to the open SQLite connection @p connectionName (in WAL mode). Unsupported off Unix. */
    static storage::Result<std::unique_ptr<WalCommits>> attach(const QString &connectionName);
    /** Puts back synchronous=FULL and SQLite's own checkpoint; the connection must still be open. */
    ~WalCommits();
    WalCommits(const WalCommits &) = delete;
    WalCommits &operator=(const WalCommits &) = delete;

    /** Write transactions committed so far. Only on the connection's thread. */
    quint64 commits() const { return m_commits; }
    /** Why a checkpoint failed to write (the store's writes may be lost), or empty. Only on the connection's thread. */
    const QString &failure() const { return m_failure; }
    /** The WAL file, as SQLite names it: what syncWal() flushes. */
    const QString &walPath() const { return m_walPath; }
    /** fdatasync of @p walPath; a WAL that is not there is an error (the open connection keeps it). */
    static storage::Status syncWal(const QString &walPath);
    /** What DurableAnswers needs of this store; it must not outlive this object. */
    DurableAnswers::Store durableStore() const;

private:
    WalCommits(sqlite3 *handle, QString walPath);
    static int committing(void *self);
    static int walWritten(void *self, sqlite3 *handle, const char *database, int frames);

    sqlite3 *m_handle;
    QString m_walPath;
    quint64 m_commits = 0;
    QString m_failure;
};

} // namespace fieldline::server
