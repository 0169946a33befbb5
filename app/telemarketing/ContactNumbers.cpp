#include "app/telemarketing/ContactNumbers.h"

#include "storage/Database.h"
#include "storage/Statement.h"

namespace fieldline::telemarketing {

storage::Result<ContactNumbers> ContactNumbers::read(storage::Database &db, const sync::RowId &contact)
{
    storage::Result<storage::Statement *> query =
        db.prepare("SELECT phone, time_zone, do_not_call FROM contacts WHERE id = ?");
    if (!query)
        return query.error();
    storage::Statement &row = *query.value();
    row.bind(1, contact.toBytes());
    storage::Result<bool> found = row.step();
    if (!found)
        return found.error();
    if (!*found)
        return storage::Error{storage::ErrorCode::NotFound, QStringLiteral("no such contact"), 0};
    ContactNumbers out;
    out.contact = contact;
    if (!row.text(0).isEmpty())
        out.numbers.append(row.text(0));
    out.timeZone = row.text(1);
    out.optedOut = !row.isNull(2) && row.int64(2) != 0;
    row.reset();

    storage::Result<storage::Statement *> phones =
        db.prepare("SELECT number FROM contact_phones WHERE contact = ? ORDER BY position, id");
    if (!phones)
        return phones.error();
    phones.value()->bind(1, contact.toBytes());
    const storage::Status read = phones.value()->forEachRow([&out](const storage::Statement &phone) {
        if (!phone.text(0).isEmpty() && !out.numbers.contains(phone.text(0)))
            out.numbers.append(phone.text(0));
    });
    if (!read)
        return read.error();
    return out;
}

} // namespace fieldline::telemarketing
