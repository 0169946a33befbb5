#pragma once

#include "storage/Error.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fieldline::server {

/** Argon2id cost for crypto_pwhash_str. Interactive is the default; Moderate/Sensitive trade latency for cost. */
enum class PasswordCost { Minimum, Interactive, Moderate, Sensitive };

/** Parses "min", "interactive", "moderate" or "sensitive". */
std::optional<PasswordCost> passwordCostFromString(const QString &name);

/**
 * Password hashing and device tokens on top of libsodium.
 *
 * Passwords are stored as crypto_pwhash_str strings (Argon2id, salt and cost inside). Tokens are 32 random bytes,
 * shown to the client once and stored only as their BLAKE2b-256 hash, so a copy of the database cannot be replayed.
 */
class Credentials
{
public:
    /** Initialises libsodium; false only if the library cannot start (no entropy source). */
    static bool initialise();

    explicit Credentials(PasswordCost cost = PasswordCost::Interactive);

    storage::Result<QByteArray> hashPassword(const QString &password) const;
    /** Constant work whether or not the password matches. */
    bool verifyPassword(const QByteArray &storedHash, const QString &password) const;
    /**
     * Spends the same time as verifyPassword() against a hash nobody can match, so an unknown tenant or user
     * answers as slowly as a wrong password.
     */
    void verifyDummy(const QString &password) const;
    /** True when @p storedHash was made at another cost than this object's (a changed --password-cost). */
    bool needsRehash(const QByteArray &storedHash) const;

    /** 32 random bytes, base64url without padding: the secret the device keeps. */
    static QByteArray newToken();
    /** BLAKE2b-256 of the token as sent by the client; what the store keeps. */
    static QByteArray tokenHash(const QByteArray &token);

private:
    unsigned long long m_opsLimit = 0;
    size_t m_memLimit = 0;
    QByteArray m_dummyHash;
};

} // namespace fieldline::server
