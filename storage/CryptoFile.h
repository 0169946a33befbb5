#pragma once

#include "storage/PageCipher.h"

#include <memory>

struct sqlite3_file;
struct sqlite3_vfs;

namespace fieldline::storage {

/**
 * The sqlite3_file behind CryptoVfs: splits every read and write into plaintext regions (WAL and frame
 * headers, journal bookkeeping) and page regions, which it seals or opens whole, copying out the slice
 * SQLite asked for. Only CryptoVfs creates these.
 */
class CryptoFile
{
public:
    static int sizeFor(const sqlite3_vfs *base);
    static int open(sqlite3_vfs *base, const char *name, sqlite3_file *file, int flags, int *outFlags,
                    PageCipher::Role role, std::unique_ptr<PageCipher> cipher);
};

} // namespace fieldline::storage
