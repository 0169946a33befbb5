#include "sync/Resync.h"

#include <set>

namespace fieldline::sync {

using storage::Result;
using storage::Statement;
using storage::Status;

Resync::Resync(storage::Database &db, Replica &replica, SyncStateStore &state)
    : m_db(db)
    , m_replica(replica)
    , m_state(state)
{}

Status Resync::createTables()
{
    return m_db.exec("CREATE TABLE IF NOT EXISTS sync_resync_seen(tbl TEXT NOT NULL, row_id BLOB NOT NULL,"
                     " PRIMARY KEY(tbl, row_id)) WITHOUT ROWID");
}

Result<bool> Resync::active()
{
    Result<qint64> flag = m_state.resyncing();
    if (!flag)
        return flag.error();
    return *flag != 0;
}

Status Resync::begin(Resend resend)
{
    if (Status s = createTables(); !s)
        return s;
    storage::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    if (Status s = m_db.exec("DELETE FROM sync_resync_seen"); !s)
        return s;
    if (Status s = m_state.setResyncing(true); !s)
        return s;
    if (Status s = m_state.setPullCursor(0); !s)
        return s;
    if (resend == Resend::OwnWrites) {
        if (Status s = m_state.forgetPushed(); !s)
            return s;
    }
    return tx.commit();
}

Status Resync::noteSeen(const ChangeBatch &page)
{
    storage::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Result<Statement *> note = m_db.prepare("INSERT OR IGNORE INTO sync_resync_seen(tbl, row_id) VALUES (?1, ?2)");
    if (!note)
        return note.error();
    for (const Change &change : page) {
        (*note)->reset();
        if (Status s = (*note)->bind(1, change.table).bind(2, change.row.toBytes()).run(); !s)
            return s;
    }
    return tx.commit();
}

Result<qint64> Resync::finish()
{
    Result<qint64> pushed = m_state.pushedSeq();
    if (!pushed)
        return pushed.error();
    std::set<std::pair<QString, QByteArray>> seen;
    Result<Statement *> list = m_db.prepare("SELECT tbl, row_id FROM sync_resync_seen");
    if (!list)
        return list.error();
    if (Status s = (*list)->forEachRow([&](const Statement &row) { seen.emplace(row.text(0), row.blob(1)); }); !s)
        return s.error();
    qint64 forgotten = 0;
    // Every table with rows, also those of a newer release that this build keeps without showing them.
    Result<QStringList> tables = m_replica.storedTables();
    if (!tables)
        return tables.error();
    for (const QString &table : *tables) {
        Result<std::vector<std::pair<RowId, qint64>>> rows = m_replica.rows(table);
        if (!rows)
            return rows.error();
        std::vector<RowId> unseen;
        for (const auto &[id, causalLength] : *rows) {
            if (!seen.count({table, id.toBytes()}))
                unseen.push_back(id);
        }
        // A row created, deleted or resurrected here and not yet pushed stays, and goes up whole as usual. A row the
        // server once had and no longer sends was deleted and collected (or left this user's scope): unsent edits
        // of its cells lose to that, as they would to the tombstone, and pushing them would recreate a fragment.
        Result<qint64> gone = m_replica.forgetSettledRows(table, unseen, *pushed, Replica::KeepIf::RecordUnsent);
        if (!gone)
            return gone.error();
        forgotten += *gone;
    }
    storage::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun().error();
    if (Status s = m_db.exec("DELETE FROM sync_resync_seen"); !s)
        return s.error();
    if (Status s = m_state.setResyncing(false); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return forgotten;
}

} // namespace fieldline::sync
