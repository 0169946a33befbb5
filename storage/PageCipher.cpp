#include "storage/PageCipher.h"

#include <sodium.h>

#include <cstring>

namespace fieldline::storage {

namespace {
constexpr unsigned char FormatTag[4] = {'F', 'L', 'P', '1'};
constexpr int MaxAdSize = 4 + DatabaseKey::FileIdSize + 1 + 8 + 4 + PageCipher::PlainHeaderSize;

void putLe(unsigned char *out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out[i] = static_cast<unsigned char>(value >> (8 * i));
}
} // namespace

PageCipher::PageCipher(const DatabaseKey &key)
    : m_key(key.dek.clone())
    , m_epoch(key.epoch)
{
    std::memcpy(m_fileId, key.fileId.constData(), sizeof m_fileId);
}

int PageCipher::associatedData(unsigned char *out, const unsigned char *page, Role role, std::uint64_t position) const
{
    int n = 0;
    std::memcpy(out + n, FormatTag, sizeof FormatTag);
    n += sizeof FormatTag;
    std::memcpy(out + n, m_fileId, sizeof m_fileId);
    n += sizeof m_fileId;
    out[n++] = static_cast<unsigned char>(role);
    putLe(out + n, position, 8);
    n += 8;
    putLe(out + n, m_epoch, 4);
    n += 4;
    if (hasPlainHeader(role, position)) {
        std::memcpy(out + n, page, PlainHeaderSize);
        n += PlainHeaderSize;
    }
    return n;
}

void PageCipher::seal(const unsigned char *plain, unsigned char *sealed, Role role, std::uint64_t position) const
{
    const int skip = hasPlainHeader(role, position) ? PlainHeaderSize : 0;
    unsigned char ad[MaxAdSize];
    const int adSize = associatedData(ad, plain, role, position);
    unsigned char *nonce = sealed + PayloadSize;
    unsigned char *tag = nonce + NonceSize;
    randombytes_buf(nonce, NonceSize);
    std::memcpy(sealed, plain, skip);
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(sealed + skip, tag, nullptr, plain + skip, PayloadSize - skip,
                                                        ad, adSize, nullptr, nonce, m_key.data());
}

bool PageCipher::open(const unsigned char *sealed, unsigned char *plain, Role role, std::uint64_t position) const
{
    const int skip = hasPlainHeader(role, position) ? PlainHeaderSize : 0;
    unsigned char ad[MaxAdSize];
    const int adSize = associatedData(ad, sealed, role, position);
    const unsigned char *nonce = sealed + PayloadSize;
    const unsigned char *tag = nonce + NonceSize;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(plain + skip, nullptr, sealed + skip, PayloadSize - skip,
                                                            tag, ad, adSize, nonce, m_key.data()) != 0) {
        sodium_memzero(plain, PageSize);
        return false;
    }
    std::memcpy(plain, sealed, skip);
    std::memset(plain + PayloadSize, 0, ReserveBytes); // as SQLite wrote them
    return true;
}

} // namespace fieldline::storage
