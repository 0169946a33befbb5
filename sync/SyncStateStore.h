#pragma once

#include "storage/Database.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace fieldline::sync {

/**
 * A device's sync bookkeeping, in its encrypted database next to the replica: the server account (URL, tenant,
 * user, device token), the pull cursor, how far the server has acknowledged local writes, and the outbox of
 * encoded push batches.
 *
 * A batch is written to the outbox before it is sent and removed only when the server answered it, so after a
 * crash or a lost answer the same (site, seq) is resent with the same bytes and the server's replay record
 * makes that harmless.
 */
class SyncStateStore
{
public:
    struct Account
    {
        QString serverUrl;
        QString tenant;
        QString user;
        QByteArray token;
        QString role; ///< the user's role when the token was granted (agent, field, manager, admin)

        bool isValid() const { return !serverUrl.isEmpty() && !token.isEmpty(); }
        /** Whether the profile has signed in before: it belongs to that server, tenant and user from then on. */
        bool isBound() const { return !serverUrl.isEmpty() || !tenant.isEmpty(); }
        /** Whether @p other names the same server (up to a trailing slash), tenant and user. */
        bool sameIdentity(const Account &other) const;
    };

    explicit SyncStateStore(storage::Database &db);

    storage::Status createTables();

    storage::Result<Account> account();
    /**
     * Keeps @p account. A profile that has signed in before belongs to that server, tenant and user: another one is
     * refused (ErrorCode::Constraint), as its rows, cursor and unsent changes would otherwise reach the other tenant
     * or user, and the other tenant's rows below the cursor would never arrive.
     */
    storage::Status saveAccount(const Account &account);
    /** Forgets the token (after a 401), keeping the URL, tenant and user for the login form. */
    storage::Status clearToken();

    storage::Result<qint64> pullCursor() { return number("pull_cursor"); }
    storage::Status setPullCursor(qint64 cursor) { return setNumber("pull_cursor", cursor); }
    /**
     * The pull cursor the server said it recorded (PullResponse::recorded), or -1 (0 before any). Written before the
     * cursor, so a crash between the two leaves them different, and the next pull claims nothing.
     */
    storage::Result<qint64> recordedCursor() { return number("recorded_cursor"); }
    storage::Status setRecordedCursor(qint64 cursor) { return setNumber("recorded_cursor", cursor); }
    /** Whether a resync from the start is under way (see Resync); survives a restart. */
    storage::Result<qint64> resyncing() { return number("resync"); }
    storage::Status setResyncing(bool on) { return setNumber("resync", on ? 1 : 0); }
    /** The newest push batch the server answered (0: none yet). */
    storage::Result<qint64> answeredBatch() { return number("answered_batch"); }
    /** The highest cursor a push answer named: the answered batches' changes are numbered at most this. */
    storage::Result<qint64> answeredCursor() { return number("answered_cursor"); }
    /**
     * The newest batch answered before a pull page whose cursor the server recorded (and this device kept): a
     * restore that lost it would be seen by that cursor. The batches after it are named in each pull
     * (PullRequest::firstBatch to answeredBatch) until such a page comes.
     */
    storage::Result<qint64> checkedBatch() { return number("checked_batch"); }
    storage::Status setCheckedBatch(qint64 batchSeq) { return setNumber("checked_batch", batchSeq); }
    /** answeredBatch(), checkedBatch() and answeredCursor() in one read, as each pull asks for them. */
    struct Answered
    {
        qint64 batch = 0;
        qint64 checked = 0;
        qint64 cursor = 0;
    };
    storage::Result<Answered> answered();
    /** The highest local seq the server has acknowledged (pushed and answered). */
    storage::Result<qint64> pushedSeq() { return number("pushed_seq"); }
    /**
     * Counts nothing as pushed any more, so every local write goes to the server again (after the batches already
     * queued), and the answered batches as checked (the server has been told): the server lost what it had
     * acknowledged (restored from a backup). Call inside a transaction.
     */
    storage::Status forgetPushed();
    /**
     * The highest local seq settled with the account's server (SyncStatus::settledSeq); survives a restart, and goes
     * back to 0 when the account moves to another server or tenant.
     */
    storage::Result<qint64> settledSeq() { return number("settled_seq"); }
    storage::Status setSettledSeq(qint64 seq) { return setNumber("settled_seq", seq); }
    /** When a round last ended without a problem (SyncStatus::lastSuccessMs), so a restart offline still tells. */
    storage::Result<qint64> lastSuccessMs() { return number("last_success_ms"); }
    storage::Status setLastSuccessMs(qint64 ms) { return setNumber("last_success_ms", ms); }

    /** The outbox, oldest first: (batch seq, encoded push-request). */
    storage::Result<std::vector<std::pair<qint64, QByteArray>>> outbox();
    /** The oldest batch of the outbox, or nullopt when it is empty: one read, however many batches wait. */
    storage::Result<std::optional<std::pair<qint64, QByteArray>>> outboxFront();
    /**
     * Queues batches made from the local changes up to @p coversSeq; their batch seqs continue from the last
     * one used. Returns the first batch seq given.
     */
    storage::Status enqueue(const std::vector<QByteArray> &encodedBatches, qint64 coversSeq, qint64 firstBatchSeq);
    /** The next batch seq to use (1 on a new device). */
    storage::Result<qint64> nextBatchSeq();
    /**
     * Removes an answered batch; when the outbox is empty, the covered seq becomes pushedSeq. @p serverCursor: the
     * answer's cursor (PushResponse::cursor), kept as answeredCursor() when higher.
     */
    storage::Status batchAnswered(qint64 batchSeq, qint64 serverCursor);
    /**
     * The server answered @p batchSeq but refused some of its changes only for now (this device's clock is ahead):
     * in one transaction the answered batch leaves and @p retryBatch, holding those changes, joins the back of the
     * outbox as batch @p retrySeq (from nextBatchSeq()), so they are sent again and never lost.
     */
    storage::Status batchDeferred(qint64 batchSeq, const QByteArray &retryBatch, qint64 retrySeq, qint64 serverCursor);

private:
    storage::Status insertBatch(qint64 batchSeq, const QByteArray &body);
    storage::Status removeBatch(qint64 batchSeq);
    /** Keeps @p batchSeq as the newest answered batch, and @p serverCursor as answeredCursor() when higher. */
    storage::Status noteAnswered(qint64 batchSeq, qint64 serverCursor);
    /** The statement positioned on the key's row, or null when the key is not set (the statement is then reset). */
    storage::Result<storage::Statement *> find(const char *key);
    storage::Status store(const char *key, const std::function<void(storage::Statement &, int)> &bindValue);
    storage::Result<qint64> number(const char *key);
    storage::Status setNumber(const char *key, qint64 value);
    storage::Result<QString> text(const char *key);
    storage::Status setText(const char *key, const QString &value);

    storage::Database &m_db;
};

} // namespace fieldline::sync
