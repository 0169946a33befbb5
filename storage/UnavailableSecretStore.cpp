#include "storage/UnavailableSecretStore.h"

namespace fieldline::storage {

UnavailableSecretStore::UnavailableSecretStore(QString reason)
    : m_reason(std::move(reason))
{}

QString UnavailableSecretStore::defaultReason()
{
    return QStringLiteral("This computer has no keychain service, so Fieldline cannot remember the passphrase here.");
}

Status UnavailableSecretStore::store(const QString &, const SecretBytes &)
{
    return error();
}

Result<SecretBytes> UnavailableSecretStore::load(const QString &)
{
    return error();
}

Status UnavailableSecretStore::remove(const QString &)
{
    return error();
}

} // namespace fieldline::storage
