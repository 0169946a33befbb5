#include "app/telemarketing/CallbackList.h"

#include "app/telemarketing/Claims.h"
#include "app/telemarketing/ContactCard.h"
#include "app/telemarketing/ContactNumbers.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

#include <limits>

namespace fieldline::telemarketing {

storage::Result<std::vector<PlannedCallback>> CallbackList::pending(const sync::RowId &campaign, const QString &agent,
                                                                    qint64 nowMs)
{
    // Pages from where the last one ended, so callbacks that can no longer be made do not crowd out the others.
    static constexpr int Pages = 8;
    static const QByteArray sql =
        "SELECT b.id, b.due_ms, coalesce(b.owner, '') = '', k.first_name, k.last_name, k.company, b.contact"
        " FROM callbacks b"
        " LEFT JOIN contacts k ON k.id = b.contact"
        " WHERE b.campaign = ?1 AND b.status = 'due' AND (b.owner = ?2 OR b.owner IS NULL OR b.owner = '') AND " +
        callbackOfLiveMember("b") + " AND " + Claims::freeFor(2, 6) +
        " AND (b.due_ms, b.id) > (?4, ?5) ORDER BY b.due_ms, b.id LIMIT ?3";
    auto query = m_replica.database().prepare(sql.constData());
    if (!query)
        return query.error();
    std::vector<PlannedCallback> callable;
    qint64 afterDue = std::numeric_limits<qint64>::min();
    QByteArray afterId;
    const size_t wanted = size_t(Limit) + 1;
    for (int page = 0; page < Pages && callable.size() < wanted; ++page) {
        query.value()->reset();
        query.value()->bind(1, campaign.toBytes()).bind(2, agent).bind(3, Limit).bind(4, afterDue).bind(5, afterId);
        query.value()->bind(6, nowMs);
        std::vector<std::pair<PlannedCallback, QByteArray>> read;
        int rows = 0;
        const storage::Status status = query.value()->forEachRow([&](const storage::Statement &row) {
            ++rows;
            afterDue = row.int64(1);
            afterId = row.blob(0);
            auto id = sync::RowId::fromBytes(row.blob(0));
            if (!id)
                return;
            ContactCard contact;
            int column = 3;
            for (const char *field : {"first_name", "last_name", "company"})
                contact.fields.insert(QString::fromLatin1(field), row.text(column++));
            read.push_back({{*id, contact.displayName(), row.int64(1), row.int64(2) != 0}, row.blob(6)});
        });
        if (!status)
            return status.error();
        for (auto &[callback, contact] : read) {
            storage::Result<bool> reach = reachable(contact, campaign, nowMs);
            if (!reach)
                return reach.error();
            if (*reach && callable.size() < wanted)
                callable.push_back(std::move(callback));
        }
        if (rows < Limit)
            break;
    }
    return callable;
}

storage::Result<bool> CallbackList::reachable(const QByteArray &contact, const sync::RowId &campaign, qint64 nowMs)
{
    const std::optional<sync::RowId> id = sync::RowId::fromBytes(contact);
    if (!id)
        return true; // a callback without a contact is listed as planned; the agent sees it has no name
    storage::Result<ContactNumbers> numbers = ContactNumbers::read(m_replica.database(), *id);
    if (!numbers)
        return numbers.error().code == storage::ErrorCode::NotFound ? storage::Result<bool>(true) : numbers.error();
    for (const QString &number : numbers->numbers) {
        storage::Result<DialGuard::Check> check = m_guard.check({number, &numbers.value(), campaign, std::nullopt},
                                                                QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC));
        if (!check)
            return check.error();
        if (check->allowed())
            return true;
    }
    return numbers->numbers.isEmpty(); // no number at all: listed, so the agent sees the callback cannot be made
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
