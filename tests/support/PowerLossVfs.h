#pragma once

#include <QByteArray>

namespace fieldline::testsupport {

/**
 * A SQLite VFS over the default one that simulates power loss: armed with N, the N-th xSync does not
 * happen; instead every write since each file's last sync is undone (Drop) or partly overwritten with random
 * bytes (Garble), files return to their last synced size (Drop), and all further I/O fails, as if the
 * machine had lost power. After reset() the files can be reopened through any VFS.
 */
class PowerLossVfs
{
public:
    enum class Mode { Drop, Garble };

    /** Registers the VFS (once) and returns its name, for Database::Options::baseVfs. */
    static QByteArray install();
    static void arm(int crashAtSync, Mode mode, quint32 seed);
    static bool crashed();
    /** Forgets the crash and every unsynced-write record ("the machine rebooted"). */
    static void reset();
    static int syncCount();
};

} // namespace fieldline::testsupport
