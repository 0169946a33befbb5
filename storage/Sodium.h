#pragma once

namespace fieldline::storage {

/** Initialises libsodium once per process (thread-safe); aborts if the CPU/OS cannot provide randomness. */
void ensureSodium();

} // namespace fieldline::storage
