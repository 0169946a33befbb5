#include "tests/support/MemorySecretStore.h"

using namespace fieldline::storage;

namespace fieldline::testsupport {

Status MemorySecretStore::store(const QString &id, const SecretBytes &secret)
{
    if (m_failNextStore) {
        m_failNextStore = false;
        return Error{ErrorCode::Io, QStringLiteral("The keychain refused to store the secret (test)."), 0};
    }
    m_entries.insert(id, secret.view().toByteArray());
    return {};
}

Result<SecretBytes> MemorySecretStore::load(const QString &id)
{
    auto it = m_entries.constFind(id);
    if (it == m_entries.constEnd())
        return Error{ErrorCode::NotFound, QStringLiteral("Nothing is stored in the keychain for this profile."), 0};
    return SecretBytes::copyOf(*it);
}

Status MemorySecretStore::remove(const QString &id)
{
    m_entries.remove(id);
    return {};
}

} // namespace fieldline::testsupport
