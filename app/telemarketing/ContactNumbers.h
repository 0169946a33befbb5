#pragma once

#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QString>
#include <QStringList>

namespace fieldline::storage {
class Database;
}

namespace fieldline::telemarketing {

/** What the dialer needs of a contact: where it is, whether it opted out, and its numbers in the order to try. */
struct ContactNumbers
{
    sync::RowId contact;
    QString timeZone;      ///< IANA id, or empty when unknown
    bool optedOut = false; ///< contacts.do_not_call: the person asked not to be called
    QStringList numbers;   ///< contacts.phone first, then contact_phones by position; as stored (E.164)

    /** NotFound when the contact is not (or no longer) on this device. */
    static storage::Result<ContactNumbers> read(storage::Database &db, const sync::RowId &contact);
};

} // namespace fieldline::telemarketing
