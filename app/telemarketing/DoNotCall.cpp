#include "app/telemarketing/DoNotCall.h"

#include "app/telemarketing/PhoneNumbers.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

namespace fieldline::telemarketing {

storage::Result<DoNotCall::List> DoNotCall::lookup(const QString &e164, const std::optional<sync::RowId> &campaign)
{
    storage::Result<storage::Statement *> query =
        m_replica.database().prepare("SELECT campaign FROM dnc_numbers WHERE number = ?");
    if (!query)
        return query.error();
    query.value()->bind(1, e164);
    List found = List::None;
    const QByteArray wanted = campaign ? campaign->toBytes() : QByteArray();
    const storage::Status read = query.value()->forEachRow([&](const storage::Statement &row) {
        if (row.isNull(0) || row.blob(0).isEmpty())
            found = List::Tenant;
        else if (found == List::None && !wanted.isEmpty() && row.blob(0) == wanted)
            found = List::Campaign;
    });
    if (!read)
        return read.error();
    return found;
}

storage::Result<bool> DoNotCall::ownerOptedOut(const QString &e164)
{
    storage::Result<storage::Statement *> query =
        m_replica.database().prepare("SELECT EXISTS(SELECT 1 FROM contacts WHERE phone = ?1 AND do_not_call = 1)"
                                     " OR EXISTS(SELECT 1 FROM contact_phones p JOIN contacts c ON c.id = p.contact"
                                     " WHERE p.number = ?1 AND c.do_not_call = 1)");
    if (!query)
        return query.error();
    storage::Statement &row = *query.value();
    row.bind(1, e164);
    storage::Result<bool> stepped = row.step();
    if (!stepped)
        return stepped.error();
    const bool optedOut = row.int64(0) != 0;
    row.reset();
    return optedOut;
}

storage::Status DoNotCall::add(const QString &e164, const std::optional<sync::RowId> &campaign, const QString &reason,
                               const QString &addedBy)
{
    if (PhoneNumbers::toE164(e164) != e164)
        return storage::Error{storage::ErrorCode::Invalid,
                              QStringLiteral("'%1' is not an international number (+ and digits)").arg(e164.left(40)),
                              0};
    storage::Result<List> listed = lookup(e164, campaign);
    if (!listed)
        return listed.error();
    if (*listed == List::Tenant || (campaign && *listed == List::Campaign))
        return {};
    sync::Cells cells;
    cells.emplace_back(QStringLiteral("number"), e164);
    cells.emplace_back(QStringLiteral("campaign"),
                       campaign ? sync::Value(campaign->toBytes()) : sync::Value(std::monostate()));
    cells.emplace_back(QStringLiteral("reason"), reason);
    cells.emplace_back(QStringLiteral("added_by"), addedBy);
    storage::Result<sync::RowId> inserted = m_replica.insert(tables::DoNotCall, cells);
    if (!inserted)
        return inserted.error();
    return {};
}

} // namespace fieldline::telemarketing
