#include "tests/support/PowerLossVfs.h"

#include <QRandomGenerator>

#include <sqlite3.h>

#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace fieldline::testsupport {

namespace {

struct Undo
{
    sqlite3_int64 offset;
    std::vector<char> before; // what the bytes were (clipped to the old size)
    sqlite3_int64 written;    // how many bytes the write covered
};

struct Pending
{
    sqlite3_file *real = nullptr; // the most recent handle on this path, used to roll back
    sqlite3_int64 syncedSize = -1;
    std::vector<Undo> undo;
};

struct State
{
    sqlite3_vfs *base = nullptr;
    sqlite3_vfs vfs{};
    std::map<std::string, Pending> files;
    int syncs = 0;
    int crashAt = 0;
    PowerLossVfs::Mode mode = PowerLossVfs::Mode::Drop;
    QRandomGenerator rng;
    bool crashed = false;
} state;

struct File
{
    sqlite3_file base;
    sqlite3_file *real;
    std::string path;
};

File *asFile(sqlite3_file *f)
{
    return reinterpret_cast<File *>(f);
}
constexpr int header = int((sizeof(File) + 7) & ~std::size_t(7));

sqlite3_int64 sizeOf(sqlite3_file *real)
{
    sqlite3_int64 size = 0;
    real->pMethods->xFileSize(real, &size);
    return size;
}

Pending &pendingFor(File *f)
{
    Pending &p = state.files[f->path];
    p.real = f->real;
    if (p.syncedSize < 0)
        p.syncedSize = sizeOf(f->real);
    return p;
}

void rememberBefore(File *f, sqlite3_int64 offset, sqlite3_int64 amount)
{
    Pending &p = pendingFor(f);
    const sqlite3_int64 size = sizeOf(f->real);
    const sqlite3_int64 available = std::max<sqlite3_int64>(0, std::min(amount, size - offset));
    Undo undo{offset, std::vector<char>(std::size_t(available)), amount};
    if (available > 0)
        f->real->pMethods->xRead(f->real, undo.before.data(), int(available), offset);
    p.undo.push_back(std::move(undo));
}

void losePower()
{
    state.crashed = true;
    for (auto &[path, p] : state.files) {
        sqlite3_file *real = p.real;
        if (!real || !real->pMethods)
            continue;
        if (state.mode == PowerLossVfs::Mode::Drop) {
            for (auto it = p.undo.rbegin(); it != p.undo.rend(); ++it) {
                if (!it->before.empty())
                    real->pMethods->xWrite(real, it->before.data(), int(it->before.size()), it->offset);
            }
            real->pMethods->xTruncate(real, p.syncedSize);
        } else {
            for (const Undo &u : p.undo) {
                if (state.rng.bounded(2) == 0)
                    continue; // this write happened to reach the platter intact
                std::vector<char> noise(std::size_t(u.written));
                for (char &c : noise)
                    c = char(state.rng.bounded(256));
                const sqlite3_int64 from = u.offset + sqlite3_int64(state.rng.bounded(int(u.written)));
                real->pMethods->xWrite(real, noise.data(), int(u.offset + u.written - from), from);
            }
        }
        p.undo.clear();
    }
}

int fClose(sqlite3_file *file)
{
    File *f = asFile(file);
    auto it = state.files.find(f->path);
    if (it != state.files.end() && it->second.real == f->real)
        it->second.real = nullptr;
    const int rc = f->real->pMethods->xClose(f->real);
    f->path.~basic_string();
    return rc;
}
int fRead(sqlite3_file *file, void *buf, int amt, sqlite3_int64 off)
{
    if (state.crashed)
        return SQLITE_IOERR_READ;
    return asFile(file)->real->pMethods->xRead(asFile(file)->real, buf, amt, off);
}
int fWrite(sqlite3_file *file, const void *buf, int amt, sqlite3_int64 off)
{
    if (state.crashed)
        return SQLITE_IOERR_WRITE;
    rememberBefore(asFile(file), off, amt);
    return asFile(file)->real->pMethods->xWrite(asFile(file)->real, buf, amt, off);
}
int fTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    if (state.crashed)
        return SQLITE_IOERR_TRUNCATE;
    File *f = asFile(file);
    const sqlite3_int64 current = sizeOf(f->real);
    if (current > size)
        rememberBefore(f, size, current - size);
    return f->real->pMethods->xTruncate(f->real, size);
}
int fSync(sqlite3_file *file, int flags)
{
    if (state.crashed)
        return SQLITE_IOERR_FSYNC;
    if (++state.syncs == state.crashAt) {
        losePower();
        return SQLITE_IOERR_FSYNC;
    }
    File *f = asFile(file);
    const int rc = f->real->pMethods->xSync(f->real, flags);
    if (rc == SQLITE_OK) {
        Pending &p = pendingFor(f);
        p.undo.clear();
        p.syncedSize = sizeOf(f->real);
    }
    return rc;
}
int fFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    if (state.crashed)
        return SQLITE_IOERR_FSTAT;
    return asFile(file)->real->pMethods->xFileSize(asFile(file)->real, size);
}
int fLock(sqlite3_file *file, int level)
{
    return asFile(file)->real->pMethods->xLock(asFile(file)->real, level);
}
int fUnlock(sqlite3_file *file, int level)
{
    return asFile(file)->real->pMethods->xUnlock(asFile(file)->real, level);
}
int fCheckReserved(sqlite3_file *file, int *out)
{
    return asFile(file)->real->pMethods->xCheckReservedLock(asFile(file)->real, out);
}
int fControl(sqlite3_file *file, int op, void *arg)
{
    return asFile(file)->real->pMethods->xFileControl(asFile(file)->real, op, arg);
}
int fSectorSize(sqlite3_file *file)
{
    return asFile(file)->real->pMethods->xSectorSize(asFile(file)->real);
}
int fDevice(sqlite3_file *file)
{
    // Whole unsynced writes are lost or garbled, never their neighbours: power-safe overwrite holds.
    return asFile(file)->real->pMethods->xDeviceCharacteristics(asFile(file)->real) | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

const sqlite3_io_methods methods = {1,       fClose,  fRead,          fWrite,   fTruncate,   fSync,   fFileSize,
                                    fLock,   fUnlock, fCheckReserved, fControl, fSectorSize, fDevice, nullptr,
                                    nullptr, nullptr, nullptr,        nullptr,  nullptr};

int vOpen(sqlite3_vfs *, sqlite3_filename name, sqlite3_file *file, int flags, int *outFlags)
{
    File *f = asFile(file);
    f->base.pMethods = nullptr;
    f->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + header);
    const int rc = state.base->xOpen(state.base, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK)
        return rc;
    new (&f->path) std::string(name ? name : "");
    f->base.pMethods = &methods;
    return SQLITE_OK;
}
int vDelete(sqlite3_vfs *, const char *name, int syncDir)
{
    state.files.erase(name);
    return state.base->xDelete(state.base, name, syncDir);
}
int vAccess(sqlite3_vfs *, const char *name, int flags, int *out)
{
    return state.base->xAccess(state.base, name, flags, out);
}
int vFullPathname(sqlite3_vfs *, const char *name, int n, char *out)
{
    return state.base->xFullPathname(state.base, name, n, out);
}
int vRandomness(sqlite3_vfs *, int n, char *out)
{
    return state.base->xRandomness(state.base, n, out);
}
int vSleep(sqlite3_vfs *, int micros)
{
    return state.base->xSleep(state.base, micros);
}
int vCurrentTime(sqlite3_vfs *, double *out)
{
    return state.base->xCurrentTime(state.base, out);
}
int vLastError(sqlite3_vfs *, int, char *)
{
    return 0;
}

} // namespace

QByteArray PowerLossVfs::install()
{
    if (!state.base) {
        sqlite3_initialize();
        state.base = sqlite3_vfs_find(nullptr);
        sqlite3_vfs &v = state.vfs;
        v.iVersion = 1;
        v.szOsFile = header + state.base->szOsFile;
        v.mxPathname = state.base->mxPathname;
        v.zName = "powerloss";
        v.xOpen = vOpen;
        v.xDelete = vDelete;
        v.xAccess = vAccess;
        v.xFullPathname = vFullPathname;
        v.xRandomness = vRandomness;
        v.xSleep = vSleep;
        v.xCurrentTime = vCurrentTime;
        v.xGetLastError = vLastError;
        sqlite3_vfs_register(&v, 0);
    }
    return state.vfs.zName;
}

void PowerLossVfs::arm(int crashAtSync, Mode mode, quint32 seed)
{
    state.syncs = 0;
    state.crashAt = crashAtSync;
    state.mode = mode;
    state.rng.seed(seed);
    state.crashed = false;
}

bool PowerLossVfs::crashed()
{
    return state.crashed;
}

void PowerLossVfs::reset()
{
    state.crashed = false;
    state.crashAt = 0;
    state.syncs = 0;
    state.files.clear();
}

int PowerLossVfs::syncCount()
{
    return state.syncs;
}

} // namespace fieldline::testsupport
