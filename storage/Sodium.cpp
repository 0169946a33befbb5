#include "storage/Sodium.h"

#include <sodium.h>

#include <cstdlib>

namespace fieldline::storage {

void ensureSodium()
{
    static const bool ready = [] { return sodium_init() >= 0; }();
    if (!ready)
        std::abort(); // no safe randomness: nothing may be encrypted
}

} // namespace fieldline::storage
