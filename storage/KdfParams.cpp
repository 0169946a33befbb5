#include "storage/KdfParams.h"

#include <sodium.h>

namespace fieldline::storage {

namespace {
// The ceiling keeps a doctored key file from making every unlock allocate gigabytes or spin for minutes.
constexpr quint64 MaxOpsLimit = 16;
constexpr quint64 MaxMemLimit = quint64(1) << 30; // 1 GiB
} // namespace

KdfParams KdfParams::moderate()
{
    return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

KdfParams KdfParams::interactive()
{
    return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

bool KdfParams::isAcceptable() const
{
    const KdfParams floor = interactive();
    return opsLimit >= floor.opsLimit && opsLimit <= MaxOpsLimit && memLimit >= floor.memLimit &&
           memLimit <= MaxMemLimit;
}

} // namespace fieldline::storage
