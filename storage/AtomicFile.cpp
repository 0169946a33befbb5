#include "storage/AtomicFile.h"
#include "storage/StorageLog.h"

#include <QFileInfo>
#include <QTemporaryFile>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fieldline::storage {

namespace {

Error errnoError(int error, const QString &what)
{
    // EFBIG/EDQUOT/ENOSPC are all "no room" to the user; see DESIGN.md §2 on storage full.
    const bool full = error == ENOSPC || error == EDQUOT || error == EFBIG;
    return Error{full ? ErrorCode::StorageFull : ErrorCode::Io,
                 what + QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(error)), 0};
}

Status writeAll(int fd, QByteArrayView contents, const QString &path)
{
    const char *data = contents.data();
    qsizetype left = contents.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, data, std::size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return errnoError(n < 0 ? errno : ENOSPC, QStringLiteral("could not write %1").arg(path));
        data += n;
        left -= n;
    }
    return {};
}

} // namespace

Status AtomicFile::write(const QString &path, QByteArrayView contents)
{
    const QFileInfo target(path);
    // A leading dot keeps the temporary out of casual listings; QTemporaryFile opens it O_EXCL with mode 0600.
    QTemporaryFile temp(target.absolutePath() + QStringLiteral("/.") + target.fileName() +
                        QStringLiteral(".tmp-XXXXXX"));
    if (!temp.open())
        return Error{ErrorCode::Io,
                     QStringLiteral("could not create a file in %1: %2").arg(target.absolutePath(), temp.errorString()),
                     0};
    const int fd = temp.handle();
    if (Status s = writeAll(fd, contents, temp.fileName()); !s)
        return s; // QTemporaryFile removes the partial file
    if (::fsync(fd) != 0)
        return errnoError(errno, QStringLiteral("could not sync %1").arg(temp.fileName()));
    temp.close();
    if (Status s = rename(temp.fileName(), path); !s)
        return s;
    temp.setAutoRemove(false); // the temporary name no longer exists; never let a later remove hit anything
    return {};
}

Status AtomicFile::rename(const QString &from, const QString &to)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return errnoError(errno, QStringLiteral("could not rename %1 to %2").arg(from, to));
    // The rename has happened: reporting a failure now would have callers undo what is no longer undoable (a key
    // rotation would delete the only copy of the new key). Only durability across a power loss is at stake, and
    // SQLite treats a directory it cannot sync the same way.
    if (Status synced = syncDirectory(QFileInfo(to).absolutePath()); !synced)
        qCWarning(lcStorage, "renamed %s, but %s", qPrintable(to), qPrintable(synced.message()));
    return {};
}

Status AtomicFile::syncDirectory(const QString &directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return errnoError(errno, QStringLiteral("could not open folder %1").arg(directory));
    const int rc = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (rc != 0)
        return errnoError(error, QStringLiteral("could not sync folder %1").arg(directory));
    return {};
}

} // namespace fieldline::storage
