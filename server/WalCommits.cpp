#include "WalCommits.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;

namespace {

Status setSynchronous(const QSqlDatabase &db, const char *level)
{
    QSqlQuery pragma(db);
    if (!pragma.exec(QLatin1String("PRAGMA synchronous=") + QLatin1String(level)))
        return Error{ErrorCode::Io, QStringLiteral("Cannot set synchronous=%1 on the tenant store: %2")
                                        .arg(QLatin1String(level), pragma.lastError().text())};
    return {};
}

} // namespace

Result<std::unique_ptr<WalCommits>> WalCommits::attach(const QString &connectionName)
{
#ifndef Q_OS_UNIX
    return Error{ErrorCode::Unsupported, QStringLiteral("Group commit needs fdatasync (Unix).")};
#endif
    const QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    // Qt's SQLite driver on Debian uses the system libsqlite3, the library this process links: its handle is ours.
    const QVariant handle = db.isOpen() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return Error{ErrorCode::Invalid,
                     QStringLiteral("Connection %1 is not an open SQLite one.").arg(connectionName)};
    sqlite3 *raw = *static_cast<sqlite3 *const *>(handle.constData());
    QSqlQuery mode(db);
    if (!mode.exec(QStringLiteral("PRAGMA journal_mode")) || !mode.next() ||
        mode.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
        return Error{ErrorCode::Invalid, QStringLiteral("The tenant store is not in WAL mode.")};
    if (Status normal = setSynchronous(db, "NORMAL"); !normal)
        return normal.error();
    // SQLite's own name: a symlinked database keeps its WAL next to the file the link points to.
    const char *wal = sqlite3_filename_wal(sqlite3_db_filename(raw, "main"));
    std::unique_ptr<WalCommits> commits(new WalCommits(raw, QFile::decodeName(wal)));
    sqlite3_commit_hook(raw, &WalCommits::committing, commits.get());
    sqlite3_wal_hook(raw, &WalCommits::walWritten, commits.get());
    return commits;
}

WalCommits::WalCommits(sqlite3 *handle, QString walPath)
    : m_handle(handle)
    , m_walPath(std::move(walPath))
{}

WalCommits::~WalCommits()
{
    sqlite3_commit_hook(m_handle, nullptr, nullptr);
    sqlite3_wal_autocheckpoint(m_handle, CheckpointFrames); // SQLite's own WAL hook again, in place of ours
    sqlite3_exec(m_handle, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
}

int WalCommits::committing(void *self)
{
    // Called just before the commit writes; whoever reads the count does so after the commit returned.
    ++static_cast<WalCommits *>(self)->m_commits;
    return 0; // let it commit
}

int WalCommits::walWritten(void *self, sqlite3 *handle, const char *database, int frames)
{
    // What SQLite's automatic checkpoint does: a passive one, which never waits for readers. With synchronous=NORMAL
    // it still syncs the WAL before copying it, and the database file after.
    if (frames < CheckpointFrames)
        return SQLITE_OK;
    const int rc = sqlite3_wal_checkpoint_v2(handle, database, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    // Busy readers only postpone it; an I/O error means pages the disk may not hold.
    if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
        auto *commits = static_cast<WalCommits *>(self);
        if (commits->m_failure.isEmpty())
            commits->m_failure =
                QStringLiteral("A checkpoint of the tenant store failed: ") + QString::fromUtf8(sqlite3_errstr(rc));
    }
    return SQLITE_OK;
}

DurableAnswers::Store WalCommits::durableStore() const
{
    DurableAnswers::Store store;
    store.position = [this] { return m_commits; };
    store.sync = [path = m_walPath](quint64 target) -> Result<quint64> {
        if (Status synced = syncWal(path); !synced)
            return synced.error();
        return target;
    };
    store.failure = [this] { return m_failure; };
    store.syncOtherRoutes = true; // every commit on the connection skips the disk
    return store;
}

Status WalCommits::syncWal(const QString &walPath)
{
#ifdef Q_OS_UNIX
    const QByteArray path = QFile::encodeName(walPath);
    const int fd = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return Error{ErrorCode::Io,
                     QStringLiteral("Cannot open %1 to sync it: %2").arg(walPath, qt_error_string(errno))};
    int synced = 0;
    do {
        synced = ::fdatasync(fd);
    } while (synced != 0 && errno == EINTR);
    const int error = errno;
    ::close(fd);
    if (synced != 0)
        return Error{ErrorCode::Io, QStringLiteral("Cannot sync %1: %2").arg(walPath, qt_error_string(error))};
    return {};
#else
    return Error{ErrorCode::Unsupported, QStringLiteral("Cannot sync %1 here.").arg(walPath)};
#endif
}

} // namespace fieldline::server
