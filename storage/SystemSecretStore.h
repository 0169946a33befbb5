#pragma once

#include "storage/SecretStore.h"

#include <memory>

namespace fieldline::storage {

/**
 * The OS keychain when Fieldline was built with QtKeychain (KeychainSecretStore), otherwise an
 * UnavailableSecretStore saying so. The build picks the implementation, so callers need no #ifdef.
 */
std::unique_ptr<SecretStore> makeSystemSecretStore();

} // namespace fieldline::storage
