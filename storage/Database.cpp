#include "storage/Database.h"

#include "storage/CryptoVfs.h"
#include "storage/StorageLog.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <sqlite3.h>
#include <unistd.h>

namespace fieldline::storage {

namespace {

QString uriFor(const QString &path, const QByteArray &vfs, int keyHandle)
{
    QString uri = QStringLiteral("file:") + QString::fromLatin1(QUrl::toPercentEncoding(path, "/"));
    uri += QStringLiteral("?vfs=") + QString::fromLatin1(vfs);
    if (keyHandle)
        uri += QStringLiteral("&") + QLatin1StringView(CryptoVfs::KeyParameter) + QStringLiteral("=") +
               QString::number(keyHandle);
    return uri;
}

bool isWriteFailure(int extended)
{
    switch (extended) {
    case SQLITE_IOERR_WRITE:
    case SQLITE_IOERR_FSYNC:
    case SQLITE_IOERR_DIR_FSYNC:
    case SQLITE_IOERR_TRUNCATE:
    case SQLITE_IOERR_NOMEM:
        return true;
    default:
        return false;
    }
}

} // namespace

Database::Database(sqlite3 *db, QString path)
    : m_db(db)
    , m_path(std::move(path))
{}

Database::~Database()
{
    m_cache.clear(); // statements must be finalized before the connection closes
    sqlite3_close_v2(m_db);
    if (m_keyHandle)
        CryptoVfs::unregisterKey(m_keyHandle);
}

Error Database::errorFor(int rc, sqlite3 *db, const QString &context)
{
    const int primary = rc & 0xff;
    // SQLite words a page that failed authentication in the VFS as "disk I/O error"; say what it means.
    const QString detail = rc == SQLITE_IOERR_DATA
                               ? QStringLiteral("a page failed authentication (damaged, or changed outside Fieldline)")
                           : db ? QString::fromUtf8(sqlite3_errmsg(db))
                                : QString::fromUtf8(sqlite3_errstr(rc));
    const QString message = context.isEmpty() ? detail : context + QStringLiteral(": ") + detail;
    ErrorCode code = ErrorCode::Internal;
    switch (primary) {
    case SQLITE_FULL:
        code = ErrorCode::StorageFull;
        break;
    case SQLITE_IOERR:
        code = rc == SQLITE_IOERR_DATA ? ErrorCode::Damaged
               : isWriteFailure(rc)    ? ErrorCode::StorageFull
                                       : ErrorCode::Io;
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        code = ErrorCode::Damaged;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = ErrorCode::Busy;
        break;
    case SQLITE_CONSTRAINT:
        code = ErrorCode::Constraint;
        break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
        code = ErrorCode::Io;
        break;
    default:
        code = ErrorCode::Internal;
        break;
    }
    return Error{code, message, rc};
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const DatabaseKey &key, const Options &options)
{
    if (!key.isValid())
        return Error{ErrorCode::Invalid, QStringLiteral("invalid database key"), 0};
    Result<QByteArray> vfs = CryptoVfs::ensureRegistered(options.baseVfs);
    if (!vfs)
        return vfs.error();
    const int handle = CryptoVfs::registerKey(key);
    auto db = openWith(uriFor(path, *vfs, handle), path, options, true);
    if (db) {
        (*db)->m_keyHandle = handle;
        (*db)->m_vfs = *vfs;
    } else
        CryptoVfs::unregisterKey(handle);
    return db;
}

Result<std::unique_ptr<Database>> Database::openPlain(const QString &path, const Options &options)
{
    const QByteArray vfs =
        options.baseVfs.isEmpty() ? QByteArray(sqlite3_vfs_find(nullptr)->zName) : options.baseVfs.toUtf8();
    return openWith(uriFor(path, vfs, 0), path, options, false);
}

Result<std::unique_ptr<Database>> Database::openWith(const QString &uri, const QString &path, const Options &options,
                                                     bool encrypted)
{
    if (!options.create && !QFileInfo::exists(path))
        return Error{ErrorCode::NotFound, QStringLiteral("no database at %1").arg(path), SQLITE_CANTOPEN};
    sqlite3 *raw = nullptr;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOFOLLOW;
    if (options.create)
        flags |= SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(uri.toUtf8().constData(), &raw, flags, nullptr);
    std::unique_ptr<Database> db(new Database(raw, path));
    if (rc != SQLITE_OK) // sqlite3_open_v2 reads the header; its result code is masked to the primary code
        return errorFor(raw ? sqlite3_extended_errcode(raw) : rc, raw, QStringLiteral("open %1").arg(path));
    sqlite3_extended_result_codes(raw, 1);
    if (Status configured = db->configure(options, encrypted); !configured)
        return configured.error();
    return db;
}

Status Database::configure(const Options &options, bool encrypted)
{
    if (encrypted) {
        // Handled by the SQLite core, never by the VFS: must be set before the first write of a new file.
        int reserve = CryptoVfs::ReserveBytes;
        sqlite3_file_control(m_db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
    }
    // Before the first read: an existing WAL database opens its WAL at that read, and only in exclusive mode does the
    // wal-index stay on the heap instead of a plaintext -shm file. Neither pragma touches the file.
    if (Status s = exec("PRAGMA locking_mode=EXCLUSIVE; PRAGMA temp_store=MEMORY;"); !s)
        return s;
    // Reading the schema forces page 1 through the VFS, so a wrong key or a damaged header fails here.
    if (Result<qint64> pages = queryInt("SELECT count(*) FROM sqlite_schema"); !pages)
        return pages.error();
    const QByteArray pragmas = "PRAGMA page_size=4096;"
                               "PRAGMA journal_mode=WAL;"
                               "PRAGMA synchronous=FULL;"
                               "PRAGMA mmap_size=0;"
                               "PRAGMA foreign_keys=ON;"
                               "PRAGMA cache_size=-" +
                               QByteArray::number(options.cacheSizeKiB) + ";";
    if (Status s = exec(pragmas.constData()); !s)
        return s;
    if (Status wal = requireWal(); !wal)
        return wal;
    if (options.maxPageCount > 0) {
        const QByteArray limit = "PRAGMA max_page_count=" + QByteArray::number(options.maxPageCount) + ";";
        if (Status s = exec(limit.constData()); !s)
            return s;
    }
    return {};
}

Status Database::requireWal()
{
    Result<Statement *> mode = prepare("PRAGMA journal_mode");
    if (!mode)
        return mode.error();
    Result<bool> row = (*mode)->step();
    if (!row)
        return row.error();
    const QString name = *row ? (*mode)->text(0) : QString();
    (*mode)->reset();
    if (name.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Error{ErrorCode::Io, QStringLiteral("%1 could not switch to write-ahead logging (journal mode %2).")
                                        .arg(m_path, name.isEmpty() ? QStringLiteral("unknown") : name)};
    return {};
}

Status Database::exec(const char *sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return {};
    Error error = errorFor(rc, m_db, QString());
    if (message) {
        error.message = QString::fromUtf8(message);
        sqlite3_free(message);
    }
    return error;
}

Result<Statement *> Database::prepare(const char *sql)
{
    auto it = m_cache.find(sql);
    if (it != m_cache.end()) {
        it->second->reset();
        return it->second.get();
    }
    Result<std::unique_ptr<Statement>> fresh = prepareUncached(sql);
    if (!fresh)
        return fresh.error();
    Statement *stmt = fresh->get();
    m_cache.emplace(sql, std::move(*fresh));
    return stmt;
}

Result<std::unique_ptr<Statement>> Database::prepareUncached(const char *sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return errorFor(rc, m_db, QString::fromUtf8(sql));
    return std::make_unique<Statement>(m_db, stmt);
}

Result<qint64> Database::queryInt(const char *sql)
{
    Result<std::unique_ptr<Statement>> stmt = prepareUncached(sql);
    if (!stmt)
        return stmt.error();
    Result<bool> row = (*stmt)->step();
    if (!row)
        return row.error();
    return row.value() ? (*stmt)->int64(0) : qint64(0);
}

Status Database::integrityCheck()
{
    Result<std::unique_ptr<Statement>> stmt = prepareUncached("PRAGMA integrity_check");
    if (!stmt)
        return stmt.error();
    QStringList problems;
    Status checked = (*stmt)->forEachRow([&](const Statement &row) {
        if (row.text(0) != QStringLiteral("ok"))
            problems << row.text(0);
    });
    if (!checked)
        return checked;
    if (problems.isEmpty())
        return {};
    return Error{ErrorCode::Damaged, problems.join(QLatin1Char('\n')), SQLITE_CORRUPT};
}

Status Database::vacuumInto(const QString &path, const DatabaseKey &newKey)
{
    if (!newKey.isValid())
        return Error{ErrorCode::Invalid, QStringLiteral("invalid database key"), 0};
    if (!m_keyHandle)
        return Error{ErrorCode::Invalid, QStringLiteral("vacuumInto needs an encrypted database"), 0};
    // ATTACH parses the target as a URI (the connection was opened with SQLITE_OPEN_URI): same VFS, new key.
    const int handle = CryptoVfs::registerKey(newKey);
    const QString target = uriFor(path, m_vfs, handle);
    Status result;
    if (Result<std::unique_ptr<Statement>> stmt = prepareUncached("VACUUM INTO ?"); !stmt) {
        result = stmt.error();
    } else {
        (*stmt)->bind(1, target);
        result = (*stmt)->run();
    }
    CryptoVfs::unregisterKey(handle);
    if (!result)
        return result;
    QFile written(path); // a new file SQLite no longer holds open: syncing it cannot drop any lock
    if (!written.open(QIODevice::ReadOnly) || ::fsync(written.handle()) != 0)
        return Error{ErrorCode::StorageFull, QStringLiteral("could not sync %1").arg(path), 0};
    return {};
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

Transaction::Transaction(Database &db, bool immediate)
    : m_db(db)
    , m_nested(!sqlite3_get_autocommit(db.handle()))
    , m_begin(db.exec(m_nested    ? "SAVEPOINT fieldline_nested"
                      : immediate ? "BEGIN IMMEDIATE"
                                  : "BEGIN"))
    , m_open(m_begin.ok())
{}

Transaction::~Transaction()
{
    rollback();
}

Status Transaction::commit()
{
    if (!m_open)
        return m_begin.ok() ? Status(Error{ErrorCode::Internal, QStringLiteral("transaction already closed"), 0})
                            : m_begin;
    Status s = m_db.exec(m_nested ? "RELEASE fieldline_nested" : "COMMIT");
    if (s.ok())
        m_open = false;
    else
        rollback(); // a failed COMMIT (disk full) leaves the transaction open: end it so a retry can start clean
    return s;
}

void Transaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    if (m_nested)
        (void)m_db.exec("ROLLBACK TO fieldline_nested; RELEASE fieldline_nested");
    else if (!sqlite3_get_autocommit(m_db.handle()))
        (void)m_db.exec("ROLLBACK");
}

} // namespace fieldline::storage
