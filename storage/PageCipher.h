#pragma once

#include "storage/DatabaseKey.h"

#include <cstdint>

namespace fieldline::storage {

/**
 * Seals and opens one 4096-byte page with XChaCha20-Poly1305 (libsodium, detached tag).
 *
 * Layout: ciphertext[0..4056) | nonce[24] | tag[16]. The last 40 bytes are SQLite's reserve area, which
 * SQLite leaves as zeros; open() returns them as zeros again, because WAL frame checksums cover the page
 * exactly as SQLite wrote it. On page 1 of a database file the first 24 bytes stay plaintext (SQLite reads
 * the header before any key could be applied) and are authenticated as associated data instead.
 * The associated data also binds format, file id, file role, position and key epoch, so a page moved to
 * another position, file or epoch fails to open. Replaying an older copy of the same page is not detected.
 */
class PageCipher
{
public:
    enum class Role : std::uint8_t { Database = 1, Wal = 2, Journal = 3 };

    static constexpr int PageSize = 4096;
    static constexpr int NonceSize = 24;
    static constexpr int TagSize = 16;
    static constexpr int ReserveBytes = NonceSize + TagSize;
    static constexpr int PlainHeaderSize = 24;
    static constexpr int PayloadSize = PageSize - ReserveBytes;

    explicit PageCipher(const DatabaseKey &key);

    /** Seals plain (PageSize bytes) into sealed (PageSize bytes, must not alias plain). */
    void seal(const unsigned char *plain, unsigned char *sealed, Role role, std::uint64_t position) const;
    /** Opens sealed into plain; false (and plain zeroed) when authentication fails. */
    bool open(const unsigned char *sealed, unsigned char *plain, Role role, std::uint64_t position) const;

    /** True when a database page at this position keeps a plaintext header. */
    static bool hasPlainHeader(Role role, std::uint64_t position) { return role == Role::Database && position == 1; }

private:
    int associatedData(unsigned char *out, const unsigned char *page, Role role, std::uint64_t position) const;

    SecretBytes m_key;
    unsigned char m_fileId[DatabaseKey::FileIdSize] = {};
    std::uint32_t m_epoch = 0;
};

} // namespace fieldline::storage
