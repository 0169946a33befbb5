#pragma once

#include "storage/DatabaseKey.h"
#include "storage/Error.h"
#include "storage/Statement.h"

#include <QString>

#include <map>
#include <memory>
#include <string>

struct sqlite3;

namespace fieldline::storage {

/**
 * One SQLite connection, encrypted by the Fieldline VFS unless opened plain (benchmark baselines only).
 * Opening applies the pragmas every Fieldline database needs: 40 reserve bytes before the first write,
 * exclusive locking then WAL (no -shm file), temp_store=MEMORY, no mmap, foreign keys on.
 */
class Database
{
public:
    struct Options
    {
        bool create = false;     ///< create the file when missing (otherwise NotFound)
        qint64 maxPageCount = 0; ///< 0: no limit; otherwise PRAGMA max_page_count (disk-full tests, quotas)
        QString baseVfs;         ///< VFS below the encryption layer; empty = platform default
        int cacheSizeKiB = 8192; ///< PRAGMA cache_size, in KiB
    };

    static Result<std::unique_ptr<Database>> open(const QString &path, const DatabaseKey &key, const Options &options);
    static Result<std::unique_ptr<Database>> open(const QString &path, const DatabaseKey &key)
    {
        return open(path, key, Options{});
    }
    /** Unencrypted, same pragmas: only for benchmark baselines and tests that compare with plain SQLite. */
    static Result<std::unique_ptr<Database>> openPlain(const QString &path, const Options &options);

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    Status exec(const char *sql);
    /** A cached prepared statement, reset and ready to bind. Valid until the Database is closed. */
    Result<Statement *> prepare(const char *sql);
    Result<std::unique_ptr<Statement>> prepareUncached(const char *sql);
    /** Runs a query expected to return a single integer (e.g. PRAGMA user_version). */
    Result<qint64> queryInt(const char *sql);

    Status integrityCheck();
    /** Writes a compacted copy to path, sealed with newKey (DEK rotation, backups). */
    Status vacuumInto(const QString &path, const DatabaseKey &newKey);

    qint64 lastInsertRowId() const;
    int changes() const;
    QString path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }

    /** Maps a SQLite result code (with the connection's message) to an Error. */
    static Error errorFor(int rc, sqlite3 *db, const QString &context);

private:
    Database(sqlite3 *db, QString path);
    static Result<std::unique_ptr<Database>> openWith(const QString &uri, const QString &path, const Options &options,
                                                      bool encrypted);
    Status configure(const Options &options, bool encrypted);
    /** Fails unless the journal mode is WAL (the switch can fail, and the database would stay in rollback mode). */
    Status requireWal();

    sqlite3 *m_db = nullptr;
    QString m_path;
    std::map<std::string, std::unique_ptr<Statement>> m_cache;
    int m_keyHandle = 0;
    QByteArray m_vfs;
};

/**
 * RAII transaction: rolls back unless commit() succeeded. Begun inside another transaction it is a savepoint, so
 * several writes that each open their own (Replica's) can be made one: the outer transaction keeps or drops all.
 */
class Transaction
{
public:
    explicit Transaction(Database &db, bool immediate = true);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    Status begun() const { return m_begin; }
    Status commit();
    void rollback();

private:
    Database &m_db;
    bool m_nested; ///< inside another Transaction: a savepoint, so the outer one decides what is kept
    Status m_begin;
    bool m_open = false;
};

} // namespace fieldline::storage
