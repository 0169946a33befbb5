// Built when QtKeychain was not found (see storage/CMakeLists.txt); SystemSecretStoreKeychain.cpp otherwise.
#include "storage/SystemSecretStore.h"

#include "storage/UnavailableSecretStore.h"

namespace fieldline::storage {

std::unique_ptr<SecretStore> makeSystemSecretStore()
{
    return std::make_unique<UnavailableSecretStore>(
        QStringLiteral("This build of Fieldline has no keychain support, so it cannot remember the passphrase."));
}

} // namespace fieldline::storage
