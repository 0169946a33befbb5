#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace fieldline::sync {

/**
 * A blob's name: the BLAKE2b-256 (libsodium's crypto_generichash, unkeyed, 32 bytes) of its content, written as 64
 * lowercase hex digits. Client and server name content the same way, so an upload proves what it carries.
 */
class BlobName
{
public:
    static constexpr int Bytes = 32;
    static constexpr qint64 MaxBlobBytes = 64LL << 20; ///< photos are downscaled and PDFs are small; see protocol.md

    static BlobName of(QByteArrayView content);
    /** The name spelled as 64 lowercase hex digits, or nullopt for anything else. */
    static std::optional<BlobName> fromHex(QByteArrayView hex);
    /** The name as its 32 raw bytes (how stores keep it), or nullopt for any other length. */
    static std::optional<BlobName> fromBytes(QByteArrayView bytes);

    const QByteArray &bytes() const { return m_bytes; }
    QByteArray hex() const { return m_bytes.toHex(); }
    bool operator==(const BlobName &) const = default;

private:
    friend class BlobHasher;
    explicit BlobName(QByteArray bytes)
        : m_bytes(std::move(bytes))
    {}
    QByteArray m_bytes;
};

/** Computes a blob's name in pieces, for content that arrives in chunks. */
class BlobHasher
{
public:
    BlobHasher();
    void add(QByteArrayView chunk);
    BlobName name();

private:
    alignas(64) unsigned char m_state[384];
};

} // namespace fieldline::sync
