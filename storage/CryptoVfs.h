#pragma once

#include "storage/DatabaseKey.h"
#include "storage/Error.h"

#include <QByteArray>
#include <QString>

namespace fieldline::storage {

/**
 * The encrypting VFS shim: a sqlite3_vfs layered over a base VFS (the platform's by default) that seals every
 * page of the database, WAL and rollback journal with PageCipher and refuses temp files (Debian's SQLite
 * writes them in plaintext). Keys reach xOpen through a process-wide registry named by a URI parameter,
 * never through a PRAGMA: SQLite reads the header before any PRAGMA could run.
 */
class CryptoVfs
{
public:
    static constexpr int ReserveBytes = 40;
    static constexpr const char *KeyParameter = "flkey";

    /** Registers (once) the shim over baseVfs (empty: the default VFS) and returns its name. */
    static Result<QByteArray> ensureRegistered(const QString &baseVfs);
    /** Makes a key available to xOpen; returns the handle to put in the URI. */
    static int registerKey(const DatabaseKey &key);
    static void unregisterKey(int handle);
};

} // namespace fieldline::storage
