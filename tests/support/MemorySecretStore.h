#pragma once

#include "storage/SecretStore.h"

#include <QByteArray>
#include <QHash>

namespace fieldline::testsupport {

/**
 * A SecretStore in process memory, for tests of code that uses the keychain seam (the real keychain is
 * covered by tst_keychain). Secrets are plain QByteArrays here: test data only.
 */
class MemorySecretStore final : public storage::SecretStore
{
public:
    bool isAvailable() const override { return true; }
    QString unavailableReason() const override { return {}; }
    storage::Status store(const QString &id, const storage::SecretBytes &secret) override;
    storage::Result<storage::SecretBytes> load(const QString &id) override;
    storage::Status remove(const QString &id) override;

    /** What is stored, for assertions. */
    QHash<QString, QByteArray> entries() const { return m_entries; }
    /** Makes the next store() fail with Io, as a keychain that refuses would. */
    void failNextStore() { m_failNextStore = true; }

private:
    QHash<QString, QByteArray> m_entries;
    bool m_failNextStore = false;
};

} // namespace fieldline::testsupport
