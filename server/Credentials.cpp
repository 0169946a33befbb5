#include "Credentials.h"

#include <sodium.h>

namespace fieldline::server {

std::optional<PasswordCost> passwordCostFromString(const QString &name)
{
    if (name == QLatin1String("min"))
        return PasswordCost::Minimum;
    if (name == QLatin1String("interactive"))
        return PasswordCost::Interactive;
    if (name == QLatin1String("moderate"))
        return PasswordCost::Moderate;
    if (name == QLatin1String("sensitive"))
        return PasswordCost::Sensitive;
    return std::nullopt;
}

bool Credentials::initialise()
{
    return sodium_init() >= 0;
}

Credentials::Credentials(PasswordCost cost)
{
    switch (cost) {
    case PasswordCost::Minimum:
        m_opsLimit = crypto_pwhash_OPSLIMIT_MIN;
        m_memLimit = crypto_pwhash_MEMLIMIT_MIN;
        break;
    case PasswordCost::Interactive:
        m_opsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
        m_memLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
        break;
    case PasswordCost::Moderate:
        m_opsLimit = crypto_pwhash_OPSLIMIT_MODERATE;
        m_memLimit = crypto_pwhash_MEMLIMIT_MODERATE;
        break;
    case PasswordCost::Sensitive:
        m_opsLimit = crypto_pwhash_OPSLIMIT_SENSITIVE;
        m_memLimit = crypto_pwhash_MEMLIMIT_SENSITIVE;
        break;
    }
    // The dummy must cost what a real stored hash costs, or timing tells unknown users apart.
    QByteArray secret(32, Qt::Uninitialized);
    randombytes_buf(secret.data(), size_t(secret.size()));
    if (auto dummy = hashPassword(QString::fromLatin1(secret.toBase64())))
        m_dummyHash = dummy.value();
    sodium_memzero(secret.data(), size_t(secret.size()));
}

storage::Result<QByteArray> Credentials::hashPassword(const QString &password) const
{
    QByteArray utf8 = password.toUtf8();
    QByteArray out(crypto_pwhash_STRBYTES, '\0');
    const int rc = crypto_pwhash_str(out.data(), utf8.constData(), size_t(utf8.size()), m_opsLimit, m_memLimit);
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    if (rc != 0)
        return storage::Error{storage::ErrorCode::StorageFull,
                              QStringLiteral("Out of memory while hashing a password.")};
    out.truncate(int(qstrnlen(out.constData(), uint(out.size()))));
    return out;
}

bool Credentials::verifyPassword(const QByteArray &storedHash, const QString &password) const
{
    QByteArray utf8 = password.toUtf8();
    const QByteArray terminated = storedHash + '\0';
    const bool ok = crypto_pwhash_str_verify(terminated.constData(), utf8.constData(), size_t(utf8.size())) == 0;
    sodium_memzero(utf8.data(), size_t(utf8.size()));
    return ok;
}

void Credentials::verifyDummy(const QString &password) const
{
    (void)verifyPassword(m_dummyHash, password);
}

bool Credentials::needsRehash(const QByteArray &storedHash) const
{
    const QByteArray terminated = storedHash + '\0';
    return crypto_pwhash_str_needs_rehash(terminated.constData(), m_opsLimit, m_memLimit) != 0;
}

QByteArray Credentials::newToken()
{
    QByteArray raw(32, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    const QByteArray token = raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    sodium_memzero(raw.data(), size_t(raw.size()));
    return token;
}

QByteArray Credentials::tokenHash(const QByteArray &token)
{
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()),
                       reinterpret_cast<const unsigned char *>(token.constData()), size_t(token.size()), nullptr, 0);
    return out;
}

} // namespace fieldline::server
