#pragma once

#include "storage/Error.h"
#include "storage/SecretBytes.h"

#include <QString>

namespace fieldline::storage {

/**
 * Where "remember on this computer" keeps its secret: the OS keychain (QtKeychain: Secret Service on Linux,
 * Credential Manager on Windows), or nothing. Calls block until the keychain answers or a timeout passes.
 */
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    /** False when no keychain service runs; unavailableReason() then says why in plain words. */
    virtual bool isAvailable() const = 0;
    virtual QString unavailableReason() const = 0;
    virtual Status store(const QString &id, const SecretBytes &secret) = 0;
    /** NotFound when nothing is stored under id. */
    virtual Result<SecretBytes> load(const QString &id) = 0;
    virtual Status remove(const QString &id) = 0;
};

} // namespace fieldline::storage
