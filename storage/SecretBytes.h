#pragma once

#include <QByteArrayView>

#include <cstddef>

namespace fieldline::storage {

/**
 * Key material in guarded memory (sodium_malloc: guard pages, mlock'd, never swapped where the OS allows),
 * wiped and freed on destruction or wipe(). Move-only so a key is never silently duplicated.
 */
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size);
    ~SecretBytes();
    SecretBytes(SecretBytes &&other) noexcept;
    SecretBytes &operator=(SecretBytes &&other) noexcept;
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;

    static SecretBytes random(std::size_t size);
    static SecretBytes copyOf(QByteArrayView bytes);
    SecretBytes clone() const;

    unsigned char *data() { return m_data; }
    const unsigned char *data() const { return m_data; }
    std::size_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    QByteArrayView view() const { return {reinterpret_cast<const char *>(m_data), qsizetype(m_size)}; }

    /** Zeroes and releases the memory now. */
    void wipe();

private:
    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace fieldline::storage
