#include "sync/blobs/BlobName.h"

#include "storage/Sodium.h"

#include <sodium.h>

namespace fieldline::sync {

static_assert(sizeof(crypto_generichash_state) <= 384, "BlobHasher's state buffer is too small");

BlobName BlobName::of(QByteArrayView content)
{
    BlobHasher hasher;
    hasher.add(content);
    return hasher.name();
}

std::optional<BlobName> BlobName::fromHex(QByteArrayView hex)
{
    if (hex.size() != 2 * Bytes)
        return std::nullopt;
    for (char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return std::nullopt;
    }
    return BlobName(QByteArray::fromHex(hex.toByteArray()));
}

std::optional<BlobName> BlobName::fromBytes(QByteArrayView bytes)
{
    if (bytes.size() != Bytes)
        return std::nullopt;
    return BlobName(bytes.toByteArray());
}

BlobHasher::BlobHasher()
{
    storage::ensureSodium();
    crypto_generichash_init(reinterpret_cast<crypto_generichash_state *>(m_state), nullptr, 0, BlobName::Bytes);
}

void BlobHasher::add(QByteArrayView chunk)
{
    crypto_generichash_update(reinterpret_cast<crypto_generichash_state *>(m_state),
                              reinterpret_cast<const unsigned char *>(chunk.data()), std::size_t(chunk.size()));
}

BlobName BlobHasher::name()
{
    QByteArray out(BlobName::Bytes, Qt::Uninitialized);
    crypto_generichash_final(reinterpret_cast<crypto_generichash_state *>(m_state),
                             reinterpret_cast<unsigned char *>(out.data()), std::size_t(out.size()));
    return BlobName(std::move(out));
}

} // namespace fieldline::sync
