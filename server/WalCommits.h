#pragma once

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
 * counts commits through SQLite's WAL hook. syncWal() then makes every commit counted before the call durable
 * with one fdatasync of the WAL file, from any thread: the data of a file is flushed through any descriptor of
 * it. Until then a commit survives a crash of the server process (its frames are in the page cache) but not a
 * power cut, so nothing may be answered before the sync that covers it.
 *
 * The hook replaces SQLite's automatic checkpoint, so it checkpoints itself at the same threshold.
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

    /** Commits so far (each one that wrote WAL frames). Only on the connection's thread. */
    quint64 commits() const { return m_commits; }
    /** The WAL file: what syncWal() flushes. */
    const QString &walPath() const { return m_walPath; }
    /** fdatasync of @p walPath; a WAL that does not exist (nothing written since a checkpoint) is durable. */
    static storage::Status syncWal(const QString &walPath);

private:
    WalCommits(sqlite3 *handle, QString walPath);
    static int committed(void *self, sqlite3 *handle, const char *database, int frames);

    sqlite3 *m_handle;
    QString m_walPath;
    quint64 m_commits = 0;
};

} // namespace fieldline::server
