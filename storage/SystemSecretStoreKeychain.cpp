// Built when QtKeychain was found (see storage/CMakeLists.txt); SystemSecretStoreStub.cpp otherwise.
#include "storage/SystemSecretStore.h"

#include "storage/KeychainSecretStore.h"

namespace fieldline::storage {

std::unique_ptr<SecretStore> makeSystemSecretStore()
{
    return std::make_unique<KeychainSecretStore>();
}

} // namespace fieldline::storage
