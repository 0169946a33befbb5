#include "app/telemarketing/CallbackList.h"

#include "app/telemarketing/ContactCard.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

namespace fieldline::telemarketing {

storage::Result<std::vector<PlannedCallback>> CallbackList::pending(const sync::RowId &campaign, const QString &agent)
{
    auto query = m_replica.database().prepare(
        "SELECT b.id, b.due_ms, coalesce(b.owner, '') = '', k.first_name, k.last_name, k.company FROM callbacks b"
        " LEFT JOIN contacts k ON k.id = b.contact"
        " WHERE b.campaign = ?1 AND b.status = 'due' AND (b.owner = ?2 OR b.owner IS NULL OR b.owner = '')"
        " ORDER BY b.due_ms, b.id LIMIT ?3");
    if (!query)
        return query.error();
    query.value()->bind(1, campaign.toBytes()).bind(2, agent).bind(3, Limit);
    std::vector<PlannedCallback> out;
    const storage::Status read = query.value()->forEachRow([&out](const storage::Statement &row) {
        auto id = sync::RowId::fromBytes(row.blob(0));
        if (!id)
            return;
        ContactCard contact;
        int column = 3;
        for (const char *field : {"first_name", "last_name", "company"})
            contact.fields.insert(QString::fromLatin1(field), row.text(column++));
        out.push_back({*id, contact.displayName(), row.int64(1), row.int64(2) != 0});
    });
    if (!read)
        return read.error();
    return out;
}

std::vector<PlannedCallback> CallbackList::newlyDue(const std::vector<PlannedCallback> &pending, qint64 nowMs)
{
    std::vector<PlannedCallback> out;
    for (const PlannedCallback &callback : pending) {
        if (callback.dueMs > nowMs)
            break; // earliest first
        if (!m_reminded.contains(callback.id.toBytes())) {
            m_reminded.insert(callback.id.toBytes());
            out.push_back(callback);
        }
    }
    return out;
}

} // namespace fieldline::telemarketing
