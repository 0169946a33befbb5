#pragma once

#include "storage/SecretStore.h"

#include <QByteArray>

#include <chrono>
#include <optional>

namespace QKeychain {
class Job;
}

namespace fieldline::storage {

/**
 * SecretStore on the OS keychain through QtKeychain (Secret Service on Linux, Credential Manager on Windows).
 *
 * QtKeychain is asynchronous; each call here runs one job in a local event loop (user input excluded) and
 * gives up after the timeout, so a keychain that hangs (say, waiting on an unlock prompt nobody can see)
 * cannot freeze the caller for good. Availability is probed once, lazily, by looking up an entry that does not
 * exist: "not found" means a keychain answered; anything else (no D-Bus session, no Secret Service, timeout)
 * makes isAvailable() false with the reason in plain words. A timeout also marks the store unavailable,
 * because QtKeychain runs its jobs one after another and every later job would queue behind the stuck one.
 *
 * Secrets cross QtKeychain as QByteArray copies that this class cannot wipe; they are short-lived.
 */
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("Fieldline"),
                                 std::chrono::milliseconds timeout = std::chrono::seconds(5));
    ~KeychainSecretStore() override;

    bool isAvailable() const override;
    QString unavailableReason() const override;
    Status store(const QString &id, const SecretBytes &secret) override;
    Result<SecretBytes> load(const QString &id) override;
    Status remove(const QString &id) override;

private:
    struct Outcome;
    Outcome run(QKeychain::Job *job) const;
    void probe() const;
    Error unavailable() const;
    Error failure(const Outcome &outcome, const QString &action) const;

    QString m_service;
    std::chrono::milliseconds m_timeout;
    mutable std::optional<bool> m_available;
    mutable QString m_reason;
};

} // namespace fieldline::storage
