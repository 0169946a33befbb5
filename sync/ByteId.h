#pragma once

#include <QByteArray>
#include <QString>

#include <array>
#include <compare>
#include <optional>

namespace fieldline::sync {

/**
 * A 16-byte random identifier: site ids (one per replica) and row ids. Compared as unsigned bytes, which is
 * also how SQLite compares BLOBs, so SQL-side and C++-side orderings agree.
 */
class ByteId
{
public:
    static constexpr int Size = 16;

    ByteId() = default;
    /** Fresh random bytes from libsodium's CSPRNG. */
    static ByteId generate();
    /** Nullopt unless @p bytes is exactly Size long. */
    static std::optional<ByteId> fromBytes(const QByteArray &bytes);

    QByteArray toBytes() const { return QByteArray(reinterpret_cast<const char *>(m_bytes.data()), Size); }
    QString toHex() const { return QString::fromLatin1(toBytes().toHex()); }
    const std::array<unsigned char, Size> &bytes() const { return m_bytes; }

    auto operator<=>(const ByteId &) const = default;
    bool operator==(const ByteId &) const = default;

private:
    std::array<unsigned char, Size> m_bytes{};
};

using SiteId = ByteId;
using RowId = ByteId;

} // namespace fieldline::sync
