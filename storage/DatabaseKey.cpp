#include "storage/DatabaseKey.h"

#include <sodium.h>

namespace fieldline::storage {

DatabaseKey DatabaseKey::generate(std::uint32_t epoch)
{
    QByteArray fileId(FileIdSize, Qt::Uninitialized);
    randombytes_buf(fileId.data(), std::size_t(fileId.size()));
    return {SecretBytes::random(KeySize), fileId, epoch};
}

} // namespace fieldline::storage
