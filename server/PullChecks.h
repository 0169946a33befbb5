#pragma once

#include "StatementCache.h"
#include "TenantStore.h"
#include "storage/Error.h"
#include "sync/protocol/ProtocolMessages.h"

#include <QString>

#include <optional>

namespace fieldline::server {

/**
 * Whether a device's pull must start over from 0 (HTTP 410), and the record of the cursors pull pages sent it, on
 * the tenant store's connection (docs/protocol.md, "A restored server" and "Tombstones").
 */
class PullChecks
{
public:
    explicit PullChecks(QString connectionName);

    /** A statement run first in every recordServed transaction (see SyncStore::setCommitPreamble). */
    void setCommitPreamble(QString statement) { m_commitPreamble = std::move(statement); }

    /** Why a pull must start over from 0: the error code to answer with (HTTP 410), and words for the user. */
    struct Restart
    {
        sync::protocol::ErrorCode code = sync::protocol::ErrorCode::ResyncRequired;
        QString message;
    };
    using Outcome = storage::Result<std::optional<Restart>>;

    /**
     * Checked before a page is read: the server holds fewer changes than the cursor says the device has seen, or the
     * cursor is `recorded` and newer than the cursors recorded for the device, or a push batch the device says was
     * answered is not here (the store was restored from a backup: ServerRestored, and the device sends its own
     * writes again); the user's scopes changed since the device last started from 0 (rows that came into them are
     * older than its cursor); or the cursor could miss a collected tombstone (0 < cursor < the collection floor).
     * A pull from 0 clears the scope change.
     */
    Outcome beforePage(const Identity &identity, const sync::protocol::PullRequest &request);

    /**
     * Checked after the page was read: only the collection floor, which another instance may have raised above the
     * cursor meanwhile (the page may then lack deletions the device needs).
     */
    Outcome afterPage(const Identity &identity, const sync::protocol::PullRequest &request);

    /// The most answered batches a pull may ask about: the newest ones when it names more (a device whose pulls
    /// failed after that many answered pushes).
    static constexpr qint64 MaxBatchesChecked = 10'000;

    /**
     * Records that a pull page sent the device @p cursor, before the page leaves (as the tenant's newest number, at
     * least @p cursor), and the device's @p site when its row has none yet and no other user's device has it. After a
     * restore from a backup the record is older than the device's cursor, however far later pushes moved the
     * tenant's numbers on.
     */
    storage::Status recordServed(const Identity &identity, const sync::ByteId &site, qint64 cursor);

private:
    /**
     * The newest cursor recorded as sent to the device, -1 when it cannot be judged. A device signed in again has a
     * new row: the records of the user's earlier rows of its site count, and 0 when there are none (the rows that
     * recorded its cursor were lost with a restore).
     */
    storage::Result<qint64> newestSent(const Identity &identity, const sync::protocol::PullRequest &request);
    /** Whether a batch the request names as answered is missing from the device's replay rows. */
    storage::Result<bool> answeredBatchMissing(const Identity &identity, const sync::protocol::PullRequest &request);
    /** The tenant's collection floor and newest number, when the tenant has any. */
    struct Numbers
    {
        qint64 floor = 0;
        qint64 newest = 0;
    };
    storage::Result<std::optional<Numbers>> numbers(qint64 tenantId);
    /** A restart when @p cursor is below the collection floor @p numbers hold. */
    static std::optional<Restart> belowFloor(const std::optional<Numbers> &numbers, qint64 cursor);

    QString m_connectionName;
    QString m_commitPreamble;
    StatementCache m_statements;
};

} // namespace fieldline::server
