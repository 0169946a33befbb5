#pragma once

#include "storage/Error.h"

#include <QByteArrayView>
#include <QString>

namespace fieldline::storage {

/**
 * Durable, all-or-nothing file replacement for small files (key files, rotation markers).
 *
 * write() puts the bytes in a temporary file beside the target (same directory, so the rename cannot cross
 * file systems), fsyncs it, renames it over the target and fsyncs the directory. A failure or crash at any
 * point leaves the target with either its old or its new contents, never a mix, and removes the temporary
 * file unless the process died. New files get owner-only permissions (0600).
 *
 * Not for SQLite databases: closing any descriptor on a database drops SQLite's locks (see DESIGN.md §2).
 */
class AtomicFile
{
public:
    static Status write(const QString &path, QByteArrayView contents);
    /**
     * rename(2) then fsync of the target's directory, so the new name survives power loss. Fails only when the
     * rename did not happen: a directory that cannot be synced after it is logged, not reported.
     */
    static Status rename(const QString &from, const QString &to);
    /** Makes the directory's entries (creations, renames, removals) durable. */
    static Status syncDirectory(const QString &directory);
};

} // namespace fieldline::storage
