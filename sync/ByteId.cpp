#include "sync/ByteId.h"

#include <sodium.h>

#include <cstring>

namespace fieldline::sync {

ByteId ByteId::generate()
{
    ByteId id;
    randombytes_buf(id.m_bytes.data(), Size);
    return id;
}

std::optional<ByteId> ByteId::fromBytes(const QByteArray &bytes)
{
    if (bytes.size() != Size)
        return std::nullopt;
    ByteId id;
    std::memcpy(id.m_bytes.data(), bytes.constData(), Size);
    return id;
}

} // namespace fieldline::sync
