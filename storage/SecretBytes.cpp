#include "storage/SecretBytes.h"

#include "storage/Sodium.h"

#include <sodium.h>

#include <new>
#include <utility>

namespace fieldline::storage {

namespace {
unsigned char *allocate(std::size_t size)
{
    ensureSodium();
    return size ? static_cast<unsigned char *>(sodium_malloc(size)) : nullptr;
}
} // namespace

SecretBytes::SecretBytes(std::size_t size)
    : m_data(allocate(size))
    , m_size(size)
{
    if (size && !m_data)
        throw std::bad_alloc();
    if (m_data)
        sodium_memzero(m_data, size);
}

SecretBytes::~SecretBytes()
{
    wipe();
}

SecretBytes::SecretBytes(SecretBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{}

SecretBytes &SecretBytes::operator=(SecretBytes &&other) noexcept
{
    if (this != &other) {
        wipe();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretBytes SecretBytes::random(std::size_t size)
{
    SecretBytes bytes(size);
    randombytes_buf(bytes.data(), size);
    return bytes;
}

SecretBytes SecretBytes::copyOf(QByteArrayView source)
{
    SecretBytes bytes(std::size_t(source.size()));
    if (!source.isEmpty())
        std::copy(source.begin(), source.end(), reinterpret_cast<char *>(bytes.data()));
    return bytes;
}

SecretBytes SecretBytes::clone() const
{
    return copyOf(view());
}

void SecretBytes::wipe()
{
    if (m_data)
        sodium_free(m_data); // sodium_free zeroes before releasing
    m_data = nullptr;
    m_size = 0;
}

} // namespace fieldline::storage
