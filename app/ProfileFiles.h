#pragma once

#include "storage/Error.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace fieldline::app {

/**
 * The files of one profile folder and the file-level steps ProfileService builds on; no keys live here.
 *
 *     fieldline.db          the encrypted database (SQLite, WAL mode)
 *     fieldline.db-wal      its write-ahead log, present while open or after a crash
 *     fieldline.key         the key file (storage::KeyFile)
 *     fieldline.db.rotate   a data-key rotation in progress: the database re-sealed under the new key
 *     fieldline.key.next    a data-key rotation in progress: the key file for the new key
 *
 * Rotation protocol (ProfileService::rotateDataKey): write db.rotate, fsync; write key.next atomically; close
 * the database; rename db.rotate over db; rename key.next over key. Invariant: key.next only exists once
 * db.rotate is complete, and discarding removes key.next before db.rotate. So on the next start:
 * key.next with db.rotate = the swap never happened, discard both; key.next alone = the database was swapped,
 * promote key.next; db.rotate alone = the rotation died early, discard it. Every crash point leaves a pair of
 * files that opens.
 */
class ProfileFiles
{
public:
    explicit ProfileFiles(QString directory);

    QString directory() const { return m_directory; }
    QString database() const;
    QString wal() const;
    QString keyFile() const;
    QString rotatingDatabase() const;
    QString pendingKeyFile() const;

    bool exists(const QString &path) const;
    /** Every profile file present, rotation leftovers included. */
    QStringList existing() const;

    /** Creates the folder (owner-only) if needed. */
    storage::Status ensureDirectory() const;
    /** Finishes or rolls back a rotation a crash interrupted; see the class comment. No-op when none. */
    storage::Status recoverInterruptedRotation() const;
    /** Removes rotation leftovers, pending key file first so the invariant holds at every step. */
    storage::Status discardRotation() const;
    /** Removes the database, its WAL and the key file: only to roll back a create() that failed half-way. */
    void removeProfile() const;
    /** Moves every profile file into a new "damaged-<yyyyMMdd-HHmmss>" folder beside them; returns it. */
    storage::Result<QString> quarantine(const QDateTime &now) const;

private:
    QString path(const char *name) const;
    storage::Status remove(const QString &path) const;

    QString m_directory;
};

} // namespace fieldline::app
