#include "MemberId.h"

#include <sodium.h>

namespace fieldline::telemarketing {

sync::RowId memberId(const QByteArray &campaign, const QByteArray &contact)
{
    // BLAKE2b keyed by purpose, so a member id never collides with an id derived for something else.
    static constexpr unsigned char Purpose[] = "fieldline campaign member";
    const QByteArray input = campaign + contact;
    QByteArray bytes(sync::RowId::Size, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(bytes.data()), size_t(bytes.size()),
                       reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()), Purpose,
                       sizeof Purpose - 1);
    return *sync::RowId::fromBytes(bytes);
}

} // namespace fieldline::telemarketing
