#include "app/telemarketing/ListRemoval.h"

#include "app/telemarketing/ListParts.h"
#include "app/telemarketing/MemberId.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

namespace fieldline::telemarketing {

storage::Result<bool> ListRemoval::runPart(const ListImport::Checked &list, Progress &progress,
                                           const sync::RowId &campaign, int count)
{
    Outcome &outcome = progress.outcome;
    storage::Database &db = m_replica.database();
    return runListPart(db, list, progress, count, [&](const ListImport::Person &person) -> storage::Status {
        storage::Result<QByteArray> contact = ListImport::contactWith(db, person.phone);
        if (!contact)
            return contact.error();
        // A number nobody has is remembered by itself (E.164, never 16 bytes like a contact id).
        const QByteArray seen = contact->isEmpty() ? person.phone.toUtf8() : *contact;
        if (progress.handled.contains(seen))
            return {};
        progress.handled.insert(seen, progress.next);
        if (contact->isEmpty()) {
            ++outcome.unknown;
            return {};
        }
        const sync::RowId member = memberId(campaign.toBytes(), *contact);
        storage::Result<sync::RowState> state = m_replica.rowState(tables::Members, member);
        if (!state)
            return state.error();
        if (!state->alive()) {
            ++outcome.notIn;
            return {};
        }
        storage::Result<int> cancelled = cancelCallbacks(member);
        if (!cancelled)
            return cancelled.error();
        if (storage::Status removed = m_replica.remove(tables::Members, member); !removed)
            return removed;
        ++outcome.removed;
        outcome.callbacksCancelled += *cancelled;
        return {};
    });
}

storage::Result<int> ListRemoval::cancelCallbacks(const sync::RowId &member)
{
    auto query = m_replica.database().prepare("SELECT id FROM callbacks WHERE member = ?1 AND status = 'due'");
    if (!query)
        return query.error();
    query.value()->bind(1, member.toBytes());
    std::vector<sync::RowId> due;
    const storage::Status read = query.value()->forEachRow([&due](const storage::Statement &row) {
        if (const std::optional<sync::RowId> id = sync::RowId::fromBytes(row.blob(0)))
            due.push_back(*id);
    });
    if (!read)
        return read.error();
    for (const sync::RowId &callback : due) {
        if (storage::Status cancelled = m_replica.update(tables::Callbacks, callback,
                                                         {{QStringLiteral("status"), QStringLiteral("cancelled")}});
            !cancelled)
            return cancelled.error();
    }
    return int(due.size());
}

} // namespace fieldline::telemarketing
