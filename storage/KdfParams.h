#pragma once

#include <QtGlobal>

namespace fieldline::storage {

/**
 * Argon2id cost parameters (libsodium crypto_pwhash). Stored in the key file and bounds-checked when read:
 * anything below the floor (INTERACTIVE: 2 passes, 64 MiB) or above the ceiling (SENSITIVE: 4 passes... up
 * to 16 passes, 1 GiB) is refused, so a doctored key file can neither weaken nor exhaust the machine.
 */
struct KdfParams
{
    quint64 opsLimit = 0;
    quint64 memLimit = 0; ///< bytes

    static KdfParams moderate();    ///< the default for new profiles (3 passes, 256 MiB)
    static KdfParams interactive(); ///< the floor; tests use it to stay fast
    bool isAcceptable() const;
    bool operator==(const KdfParams &) const = default;
};

} // namespace fieldline::storage
