#include "storage/CryptoVfs.h"

#include "storage/CryptoFile.h"
#include "storage/StorageLog.h"

#include <sqlite3.h>

#include <map>
#include <memory>
#include <mutex>

namespace fieldline::storage {

namespace {

std::mutex registryMutex;
std::map<int, DatabaseKey> keys;
int nextHandle = 1;
std::map<QByteArray, std::unique_ptr<sqlite3_vfs>> shims; // registered for the life of the process

sqlite3_vfs *baseOf(sqlite3_vfs *vfs)
{
    return static_cast<sqlite3_vfs *>(vfs->pAppData);
}

std::unique_ptr<PageCipher> cipherFor(const char *name)
{
    const char *value = sqlite3_uri_parameter(name, CryptoVfs::KeyParameter);
    if (!value)
        return {};
    const int handle = QByteArray(value).toInt();
    std::lock_guard lock(registryMutex);
    auto it = keys.find(handle);
    return it == keys.end() ? nullptr : std::make_unique<PageCipher>(it->second);
}

int shimOpen(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    file->pMethods = nullptr;
    PageCipher::Role role;
    if (flags & SQLITE_OPEN_MAIN_DB)
        role = PageCipher::Role::Database;
    else if (flags & SQLITE_OPEN_WAL)
        role = PageCipher::Role::Wal;
    else if (flags & SQLITE_OPEN_MAIN_JOURNAL)
        role = PageCipher::Role::Journal;
    else {
        // Temp databases, temp and statement journals, super-journals: SQLite would write them in plaintext.
        qCWarning(lcStorage) << "refusing to open a temporary file (flags" << Qt::hex << flags << ")";
        return SQLITE_CANTOPEN;
    }
    if (!name) {
        qCWarning(lcStorage) << "refusing to open an unnamed file";
        return SQLITE_CANTOPEN;
    }
    std::unique_ptr<PageCipher> cipher = cipherFor(name);
    if (!cipher) {
        qCWarning(lcStorage) << "no key registered for" << name;
        return SQLITE_CANTOPEN;
    }
    return CryptoFile::open(baseOf(vfs), name, file, flags, outFlags, role, std::move(cipher));
}

int shimDelete(sqlite3_vfs *vfs, const char *name, int syncDir)
{
    return baseOf(vfs)->xDelete(baseOf(vfs), name, syncDir);
}
int shimAccess(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    return baseOf(vfs)->xAccess(baseOf(vfs), name, flags, out);
}
int shimFullPathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    return baseOf(vfs)->xFullPathname(baseOf(vfs), name, n, out);
}
void *shimDlOpen(sqlite3_vfs *vfs, const char *path)
{
    return baseOf(vfs)->xDlOpen(baseOf(vfs), path);
}
void shimDlError(sqlite3_vfs *vfs, int n, char *out)
{
    baseOf(vfs)->xDlError(baseOf(vfs), n, out);
}
void (*shimDlSym(sqlite3_vfs *vfs, void *handle, const char *symbol))(void)
{
    return baseOf(vfs)->xDlSym(baseOf(vfs), handle, symbol);
}
void shimDlClose(sqlite3_vfs *vfs, void *handle)
{
    baseOf(vfs)->xDlClose(baseOf(vfs), handle);
}
int shimRandomness(sqlite3_vfs *vfs, int n, char *out)
{
    return baseOf(vfs)->xRandomness(baseOf(vfs), n, out);
}
int shimSleep(sqlite3_vfs *vfs, int micros)
{
    return baseOf(vfs)->xSleep(baseOf(vfs), micros);
}
int shimCurrentTime(sqlite3_vfs *vfs, double *out)
{
    return baseOf(vfs)->xCurrentTime(baseOf(vfs), out);
}
int shimGetLastError(sqlite3_vfs *vfs, int n, char *out)
{
    return baseOf(vfs)->xGetLastError ? baseOf(vfs)->xGetLastError(baseOf(vfs), n, out) : 0;
}
int shimCurrentTimeInt64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    sqlite3_vfs *base = baseOf(vfs);
    if (base->iVersion >= 2 && base->xCurrentTimeInt64)
        return base->xCurrentTimeInt64(base, out);
    double days = 0;
    const int rc = base->xCurrentTime(base, &days);
    *out = sqlite3_int64(days * 86400000.0);
    return rc;
}

} // namespace

Result<QByteArray> CryptoVfs::ensureRegistered(const QString &baseVfs)
{
    sqlite3_initialize();
    const QByteArray baseName = baseVfs.toUtf8();
    sqlite3_vfs *base = sqlite3_vfs_find(baseName.isEmpty() ? nullptr : baseName.constData());
    if (!base)
        return Error{ErrorCode::Unsupported, QStringLiteral("no SQLite VFS named %1").arg(baseVfs), 0};
    const QByteArray name = "fieldline-" + QByteArray(base->zName);
    std::lock_guard lock(registryMutex);
    if (shims.count(name))
        return name;
    auto vfs = std::make_unique<sqlite3_vfs>();
    vfs->iVersion = 2;
    vfs->szOsFile = CryptoFile::sizeFor(base);
    vfs->mxPathname = base->mxPathname;
    vfs->zName = shims.emplace(name, nullptr).first->first.constData();
    vfs->pAppData = base;
    vfs->xOpen = shimOpen;
    vfs->xDelete = shimDelete;
    vfs->xAccess = shimAccess;
    vfs->xFullPathname = shimFullPathname;
    vfs->xDlOpen = shimDlOpen;
    vfs->xDlError = shimDlError;
    vfs->xDlSym = shimDlSym;
    vfs->xDlClose = shimDlClose;
    vfs->xRandomness = shimRandomness;
    vfs->xSleep = shimSleep;
    vfs->xCurrentTime = shimCurrentTime;
    vfs->xGetLastError = shimGetLastError;
    vfs->xCurrentTimeInt64 = shimCurrentTimeInt64;
    if (int rc = sqlite3_vfs_register(vfs.get(), 0); rc != SQLITE_OK) {
        shims.erase(name);
        return Error{ErrorCode::Internal, QStringLiteral("could not register the encrypting VFS"), rc};
    }
    shims[name] = std::move(vfs);
    return name;
}

int CryptoVfs::registerKey(const DatabaseKey &key)
{
    std::lock_guard lock(registryMutex);
    const int handle = nextHandle++;
    keys.emplace(handle, key.clone());
    return handle;
}

void CryptoVfs::unregisterKey(int handle)
{
    std::lock_guard lock(registryMutex);
    keys.erase(handle);
}

} // namespace fieldline::storage
