#include "storage/CryptoFile.h"

#include "storage/StorageLog.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace fieldline::storage {

namespace {

using Role = PageCipher::Role;
constexpr sqlite3_int64 PageSize = PageCipher::PageSize;
constexpr sqlite3_int64 WalHeaderSize = 32;
constexpr sqlite3_int64 WalFrameHeaderSize = 24;
constexpr sqlite3_int64 WalFrameSize = WalFrameHeaderSize + PageSize;

struct File
{
    sqlite3_file base;
    sqlite3_file *real;
    PageCipher *cipher;
    Role role;
    unsigned char *sealed; // scratch: never encrypt in place (SQLite may reuse its buffer)
    unsigned char *plain;
};

constexpr int alignedHeader = int((sizeof(File) + 7) & ~std::size_t(7));

File *asFile(sqlite3_file *file)
{
    return reinterpret_cast<File *>(file);
}

/** A stretch of the file that is either stored as-is or sealed as one page. */
struct Region
{
    sqlite3_int64 start;
    sqlite3_int64 size;
    bool sealed;
    std::uint64_t position; // page number (database) or byte offset of the page (WAL, journal)
};

Region regionAt(Role role, sqlite3_int64 offset, sqlite3_int64 amount)
{
    switch (role) {
    case Role::Database: {
        const sqlite3_int64 index = offset / PageSize;
        return {index * PageSize, PageSize, true, std::uint64_t(index + 1)};
    }
    case Role::Wal: {
        if (offset < WalHeaderSize)
            return {0, WalHeaderSize, false, 0};
        const sqlite3_int64 frameStart = WalHeaderSize + (offset - WalHeaderSize) / WalFrameSize * WalFrameSize;
        if (offset < frameStart + WalFrameHeaderSize)
            return {frameStart, WalFrameHeaderSize, false, 0};
        const sqlite3_int64 pageStart = frameStart + WalFrameHeaderSize;
        return {pageStart, PageSize, true, std::uint64_t(pageStart)};
    }
    case Role::Journal:
        // Journal records are pgno(4) | page | checksum(4); only whole-page transfers are page images.
        if (amount == PageSize)
            return {offset, PageSize, true, std::uint64_t(offset)};
        return {offset, amount, false, 0};
    }
    return {offset, amount, false, 0};
}

bool allZero(const unsigned char *data, sqlite3_int64 size)
{
    return std::all_of(data, data + size, [](unsigned char c) { return c == 0; });
}

/** SQLite's header must say 4096-byte pages with 40 reserve bytes, or the layout cannot hold nonce and tag. */
bool headerIsOurs(const unsigned char *page)
{
    const int pageSize = (page[16] << 8) | page[17];
    return pageSize == PageSize && page[20] == PageCipher::ReserveBytes;
}

/** How to treat a page that fails authentication, depending on who is reading. */
enum class OnAuthFailure {
    Damage,     ///< an ordinary page read: report damage
    TornFrame,  ///< WAL recovery: zeros, so the frame checksum fails and recovery stops there
    HeaderOnly, ///< sub-page read of page 1 at open: SQLite wants the plaintext header only
};

int readRegion(File *f, const Region &region, OnAuthFailure onFailure, bool *shortRead)
{
    const int rc = f->real->pMethods->xRead(f->real, f->sealed, int(PageSize), region.start);
    if (rc == SQLITE_IOERR_SHORT_READ && allZero(f->sealed, PageSize)) {
        std::memset(f->plain, 0, PageSize);
        *shortRead = true;
        return SQLITE_OK;
    }
    if (rc == SQLITE_IOERR_SHORT_READ)
        return SQLITE_IOERR_DATA; // a partial page is damage, not an absent page
    if (rc != SQLITE_OK)
        return rc;
    const bool ours = !PageCipher::hasPlainHeader(f->role, region.position) || headerIsOurs(f->sealed);
    if (ours && f->cipher->open(f->sealed, f->plain, f->role, region.position))
        return SQLITE_OK;
    if (onFailure == OnAuthFailure::HeaderOnly) {
        // sqlite3_open_v2 reads 100 bytes of page 1 from the database file before it looks at the WAL, and
        // takes only hints from them (page size, reserve), which it corrects from the authoritative page 1.
        // After a power loss the file's page 1 may be a torn checkpoint write whose good copy is in the WAL.
        // So hand over the plaintext header and zeros; the full-page read that follows is authenticated.
        std::memset(f->plain, 0, PageSize);
        std::memcpy(f->plain, f->sealed, PageCipher::PlainHeaderSize);
        return SQLITE_OK;
    }
    if (!ours) {
        qCWarning(lcStorage) << "page 1 does not have Fieldline's page size and reserve bytes";
        return SQLITE_IOERR_DATA;
    }
    if (onFailure == OnAuthFailure::TornFrame) {
        // WAL recovery reads header and page together and stops at the first frame whose checksum fails:
        // a torn or garbled tail frame must look like one, not like an I/O error that aborts recovery.
        qCWarning(lcStorage) << "WAL frame at" << region.start << "does not authenticate; treating it as torn";
        return SQLITE_OK;
    }
    qCWarning(lcStorage) << "page at position" << region.position << "failed authentication";
    return SQLITE_IOERR_DATA;
}

int fileRead(sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
    File *f = asFile(file);
    auto *out = static_cast<unsigned char *>(buffer);
    OnAuthFailure onFailure = OnAuthFailure::Damage;
    if (f->role == Role::Wal && amount == WalFrameSize)
        onFailure = OnAuthFailure::TornFrame;
    else if (f->role == Role::Database && offset < PageSize && amount < PageSize)
        onFailure = OnAuthFailure::HeaderOnly;
    bool shortRead = false;
    sqlite3_int64 pos = offset;
    sqlite3_int64 remaining = amount;
    while (remaining > 0) {
        const Region region = regionAt(f->role, pos, remaining);
        const sqlite3_int64 take = std::min(region.start + region.size - pos, remaining);
        if (!region.sealed) {
            const int rc = f->real->pMethods->xRead(f->real, out, int(take), pos);
            if (rc == SQLITE_IOERR_SHORT_READ)
                shortRead = true;
            else if (rc != SQLITE_OK)
                return rc;
        } else {
            if (const int rc = readRegion(f, region, onFailure, &shortRead); rc != SQLITE_OK)
                return rc;
            std::memcpy(out, f->plain + (pos - region.start), std::size_t(take));
        }
        pos += take;
        out += take;
        remaining -= take;
    }
    return shortRead ? SQLITE_IOERR_SHORT_READ : SQLITE_OK;
}

int fileWrite(sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
    File *f = asFile(file);
    const auto *in = static_cast<const unsigned char *>(buffer);
    sqlite3_int64 pos = offset;
    sqlite3_int64 remaining = amount;
    while (remaining > 0) {
        const Region region = regionAt(f->role, pos, remaining);
        const sqlite3_int64 take = std::min(region.start + region.size - pos, remaining);
        int rc = SQLITE_OK;
        if (!region.sealed) {
            rc = f->real->pMethods->xWrite(f->real, in, int(take), pos);
        } else {
            if (pos != region.start || take != PageSize) {
                qCWarning(lcStorage) << "refusing a partial page write at" << pos << "of" << take << "bytes";
                return SQLITE_IOERR_WRITE;
            }
            if (PageCipher::hasPlainHeader(f->role, region.position) && !headerIsOurs(in)) {
                qCWarning(lcStorage) << "refusing to write page 1 without 40 reserve bytes at page size 4096";
                return SQLITE_IOERR_WRITE;
            }
            f->cipher->seal(in, f->sealed, f->role, region.position);
            rc = f->real->pMethods->xWrite(f->real, f->sealed, int(PageSize), pos);
        }
        if (rc != SQLITE_OK)
            return rc;
        pos += take;
        in += take;
        remaining -= take;
    }
    return SQLITE_OK;
}

int fileClose(sqlite3_file *file)
{
    File *f = asFile(file);
    const int rc = f->real->pMethods ? f->real->pMethods->xClose(f->real) : SQLITE_OK;
    delete f->cipher;
    delete[] f->sealed;
    delete[] f->plain;
    f->cipher = nullptr;
    f->sealed = f->plain = nullptr;
    return rc;
}

int fileTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xTruncate(real, size);
}
int fileSync(sqlite3_file *file, int flags)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xSync(real, flags);
}
int fileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xFileSize(real, size);
}
int fileLock(sqlite3_file *file, int level)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xLock(real, level);
}
int fileUnlock(sqlite3_file *file, int level)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xUnlock(real, level);
}
int fileCheckReservedLock(sqlite3_file *file, int *out)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xCheckReservedLock(real, out);
}
int fileControl(sqlite3_file *file, int op, void *arg)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xFileControl(real, op, arg);
}
int fileSectorSize(sqlite3_file *file)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xSectorSize(real);
}
int fileDeviceCharacteristics(sqlite3_file *file)
{
    sqlite3_file *real = asFile(file)->real;
    // Atomic batch writes would bypass the journal/WAL layout this shim relies on.
    return real->pMethods->xDeviceCharacteristics(real) & ~SQLITE_IOCAP_BATCH_ATOMIC;
}
int fileShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **out)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xShmMap(real, region, size, extend, out);
}
int fileShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xShmLock(real, offset, n, flags);
}
void fileShmBarrier(sqlite3_file *file)
{
    sqlite3_file *real = asFile(file)->real;
    real->pMethods->xShmBarrier(real);
}
int fileShmUnmap(sqlite3_file *file, int deleteFlag)
{
    sqlite3_file *real = asFile(file)->real;
    return real->pMethods->xShmUnmap(real, deleteFlag);
}

// Version 2: shared memory is forwarded, and there is no xFetch, so SQLite never memory-maps ciphertext.
const sqlite3_io_methods methods = {
    2,
    fileClose,
    fileRead,
    fileWrite,
    fileTruncate,
    fileSync,
    fileSize,
    fileLock,
    fileUnlock,
    fileCheckReservedLock,
    fileControl,
    fileSectorSize,
    fileDeviceCharacteristics,
    fileShmMap,
    fileShmLock,
    fileShmBarrier,
    fileShmUnmap,
    nullptr,
    nullptr,
};

} // namespace

int CryptoFile::sizeFor(const sqlite3_vfs *base)
{
    return alignedHeader + base->szOsFile;
}

int CryptoFile::open(sqlite3_vfs *base, const char *name, sqlite3_file *file, int flags, int *outFlags, Role role,
                     std::unique_ptr<PageCipher> cipher)
{
    File *f = asFile(file);
    std::memset(f, 0, sizeof(File));
    f->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + alignedHeader);
    const int rc = base->xOpen(base, name, f->real, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (f->real->pMethods)
            f->real->pMethods->xClose(f->real);
        return rc;
    }
    f->cipher = cipher.release();
    f->role = role;
    f->sealed = new unsigned char[PageSize];
    f->plain = new unsigned char[PageSize];
    f->base.pMethods = &methods;
    return SQLITE_OK;
}

} // namespace fieldline::storage
