#include "app/ProfileFiles.h"

#include "storage/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using fieldline::storage::AtomicFile;
using fieldline::storage::Error;
using fieldline::storage::ErrorCode;
using fieldline::storage::Result;
using fieldline::storage::Status;

namespace fieldline::app {

ProfileFiles::ProfileFiles(QString directory)
    : m_directory(std::move(directory))
{}

QString ProfileFiles::path(const char *name) const
{
    return QDir(m_directory).filePath(QString::fromLatin1(name));
}

QString ProfileFiles::database() const
{
    return path("fieldline.db");
}

QString ProfileFiles::wal() const
{
    return path("fieldline.db-wal");
}

QString ProfileFiles::keyFile() const
{
    return path("fieldline.key");
}

QString ProfileFiles::rotatingDatabase() const
{
    return path("fieldline.db.rotate");
}

QString ProfileFiles::pendingKeyFile() const
{
    return path("fieldline.key.next");
}

bool ProfileFiles::exists(const QString &path) const
{
    // QFileInfo::exists follows symlinks; a dangling link still occupies the name, so ask lstat-like too.
    const QFileInfo info(path);
    return info.exists() || info.isSymLink();
}

QStringList ProfileFiles::existing() const
{
    QStringList found;
    const QString rotatingJournal = rotatingDatabase() + QStringLiteral("-journal");
    for (const QString &file : {database(), wal(), keyFile(), rotatingDatabase(), rotatingJournal, pendingKeyFile()})
        if (exists(file))
            found << file;
    return found;
}

Status ProfileFiles::ensureDirectory() const
{
    QDir dir(m_directory);
    if (dir.exists())
        return {};
    if (!QDir().mkpath(m_directory))
        return Error{ErrorCode::Io, QStringLiteral("Could not create the folder %1.").arg(m_directory), 0};
    QFile::setPermissions(m_directory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return {};
}

Status ProfileFiles::remove(const QString &file) const
{
    if (!exists(file))
        return {};
    if (!QFile::remove(file))
        return Error{ErrorCode::Io, QStringLiteral("Could not remove %1.").arg(file), 0};
    return AtomicFile::syncDirectory(m_directory);
}

Status ProfileFiles::discardRotation() const
{
    if (Status s = remove(pendingKeyFile()); !s)
        return s;
    if (Status s = remove(rotatingDatabase() + QStringLiteral("-journal")); !s)
        return s;
    return remove(rotatingDatabase());
}

Status ProfileFiles::recoverInterruptedRotation() const
{
    const bool pendingKey = exists(pendingKeyFile());
    const bool rotatingDb = exists(rotatingDatabase());
    if (pendingKey && !rotatingDb) // the database was already swapped: the new key belongs to it
        return AtomicFile::rename(pendingKeyFile(), keyFile());
    if (pendingKey || rotatingDb)
        return discardRotation();
    return {};
}

void ProfileFiles::removeProfile() const
{
    for (const QString &file : {keyFile(), wal(), database()})
        QFile::remove(file);
    (void)AtomicFile::syncDirectory(m_directory);
}

Result<QString> ProfileFiles::quarantine(const QDateTime &now) const
{
    const QStringList files = existing();
    if (files.isEmpty())
        return Error{ErrorCode::NotFound, QStringLiteral("There are no profile files to set aside."), 0};
    const QString stamp = QStringLiteral("damaged-") + now.toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QDir parent(m_directory);
    QString name = stamp;
    for (int n = 2; parent.exists(name); ++n) // two quarantines within one second must not merge
        name = stamp + QLatin1Char('-') + QString::number(n);
    if (!parent.mkdir(name))
        return Error{ErrorCode::Io, QStringLiteral("Could not create the folder %1.").arg(parent.filePath(name)), 0};
    const QString target = parent.filePath(name);
    for (const QString &file : files) {
        if (Status s = AtomicFile::rename(file, QDir(target).filePath(QFileInfo(file).fileName())); !s)
            return s.error();
    }
    if (Status s = AtomicFile::syncDirectory(m_directory); !s)
        return s.error();
    return target;
}

} // namespace fieldline::app
