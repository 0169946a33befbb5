#pragma once

#include "storage/SecretStore.h"

namespace fieldline::storage {

/**
 * The SecretStore used where no keychain exists (not built, or no service running): never available, every
 * call fails with Unsupported and the reason, so callers need no special case and the UI can say why.
 */
class UnavailableSecretStore final : public SecretStore
{
public:
    explicit UnavailableSecretStore(QString reason = defaultReason());

    bool isAvailable() const override { return false; }
    QString unavailableReason() const override { return m_reason; }
    Status store(const QString &id, const SecretBytes &secret) override;
    Result<SecretBytes> load(const QString &id) override;
    Status remove(const QString &id) override;

    static QString defaultReason();

private:
    Error error() const { return Error{ErrorCode::Unsupported, m_reason, 0}; }

    QString m_reason;
};

} // namespace fieldline::storage
