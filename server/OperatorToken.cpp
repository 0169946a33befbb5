#include "OperatorToken.h"

#include "Credentials.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QTemporaryFile>

#include <sodium.h>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcOperator, "fieldline.server.operator")

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;

namespace {

constexpr qsizetype MinimumTokenLength = 32;

/**
 * Writes a fresh token next to @p path and renames it into place. QTemporaryFile creates the file 0600, so the
 * secret is never readable by others, not even for a moment; QFile::rename does not replace an existing file, so
 * when two servers start on one folder at once the first token stays and the second server reads it.
 */
Status writeNewToken(const QString &path)
{
    QTemporaryFile file(path + QStringLiteral(".XXXXXX"));
    if (!file.open())
        return Error{ErrorCode::Io,
                     QStringLiteral("Cannot create %1: %2").arg(file.fileTemplate(), file.errorString())};
    const QByteArray token = Credentials::newToken() + '\n';
    if (file.write(token) != token.size() || !file.flush() || ::fsync(file.handle()) != 0)
        return Error{ErrorCode::Io, QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString())};
    if (file.rename(path)) {
        file.setAutoRemove(false); // it now carries the final name
        return {};
    }
    if (QFileInfo::exists(path))
        return {};
    return Error{ErrorCode::Io, QStringLiteral("Cannot create %1: %2").arg(path, file.errorString())};
}

} // namespace

OperatorToken::OperatorToken(QString path, QByteArray hash)
    : m_path(std::move(path))
    , m_hash(std::move(hash))
{}

Result<OperatorToken> OperatorToken::loadOrCreate(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return Error{ErrorCode::Io, QStringLiteral("Cannot create the data folder %1.").arg(dataDir)};
    const QString path = QDir(dataDir).filePath(QLatin1String(FileName));
    if (!QFileInfo::exists(path)) {
        if (const Status written = writeNewToken(path); !written)
            return written.error();
        qCInfo(lcOperator) << "created the operator token in" << path;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{ErrorCode::Io, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString())};
    if (file.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        qCWarning(lcOperator) << path << "is readable by other users; it should be mode 0600";
    const QByteArray token = file.read(4096).trimmed();
    if (token.size() < MinimumTokenLength || token.contains('.'))
        return Error{ErrorCode::Damaged, QStringLiteral("%1 does not hold an operator token (at least %2 characters, "
                                                        "no dot). Delete it to have a new one written.")
                                             .arg(path)
                                             .arg(MinimumTokenLength)};
    return OperatorToken(path, Credentials::tokenHash(token));
}

bool OperatorToken::matches(const QByteArray &presented) const
{
    // Both sides are fixed-size BLAKE2b hashes, so the comparison's time says nothing about the secret.
    const QByteArray hash = Credentials::tokenHash(presented.trimmed());
    return hash.size() == m_hash.size() &&
           sodium_memcmp(hash.constData(), m_hash.constData(), size_t(hash.size())) == 0;
}

QByteArray OperatorToken::derivedKey(const QByteArray &purpose) const
{
    QByteArray key(32, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(key.data()), size_t(key.size()),
                       reinterpret_cast<const unsigned char *>(purpose.constData()), size_t(purpose.size()),
                       reinterpret_cast<const unsigned char *>(m_hash.constData()), size_t(m_hash.size()));
    return key;
}

} // namespace fieldline::server
