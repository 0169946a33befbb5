#include "app/telemarketing/SeekDistinct.h"

#include "storage/Database.h"
#include "storage/Statement.h"

namespace fieldline::telemarketing {

storage::Result<QStringList> seekDistinct(storage::Database &db, const char *sql, int afterParameter,
                                          const std::function<void(storage::Statement &)> &bind, int limit)
{
    storage::Result<storage::Statement *> query = db.prepare(sql);
    if (!query)
        return query.error();
    storage::Statement &row = *query.value();
    QStringList values;
    QString after = QStringLiteral(""); // not null: NULL and '' are never listed
    while (values.size() < limit) {
        if (bind)
            bind(row);
        row.bind(afterParameter, after);
        storage::Result<bool> found = row.step();
        if (!found) {
            row.reset();
            return found.error();
        }
        // A value that does not move on would be found again and again (callers keep to text: a blob sorts after
        // every text, and read back as text it would start the walk over).
        if (!*found || row.text(0) == after)
            break;
        after = row.text(0);
        row.reset();
        values.append(after);
    }
    row.reset();
    return values;
}

storage::Result<QStringList> queuedZones(storage::Database &db, const sync::RowId &campaign)
{
    return seekDistinct(
        db,
        "SELECT zone FROM campaign_members WHERE campaign = ?1 AND status = 'queued' AND zone > ?2"
        " AND typeof(zone) = 'text' ORDER BY zone LIMIT 1",
        2, [&campaign](storage::Statement &row) { row.bind(1, campaign.toBytes()); }, MaxZones);
}

} // namespace fieldline::telemarketing
