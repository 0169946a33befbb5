#pragma once

#include "storage/SecretBytes.h"

#include <QByteArray>

#include <cstdint>

namespace fieldline::storage {

/**
 * Everything the encrypting VFS needs to seal a database's pages: the data-encryption key, the file id
 * and the key epoch. The file id and epoch are bound into every page's associated data, so a page from
 * another database, or from before a DEK rotation, fails authentication.
 */
struct DatabaseKey
{
    static constexpr int KeySize = 32;
    static constexpr int FileIdSize = 16;

    SecretBytes dek;
    QByteArray fileId; ///< FileIdSize random bytes, fixed for the life of the database
    std::uint32_t epoch = 1;

    static DatabaseKey generate(std::uint32_t epoch = 1);
    DatabaseKey clone() const { return {dek.clone(), fileId, epoch}; }
    bool isValid() const { return dek.size() == KeySize && fileId.size() == FileIdSize; }
};

} // namespace fieldline::storage
