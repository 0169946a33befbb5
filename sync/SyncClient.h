#pragma once

#include "sync/ApplyPacer.h"
#include "sync/Clock.h"
#include "sync/Refusal.h"
#include "sync/Replica.h"
#include "sync/Resync.h"
#include "sync/SyncStateStore.h"
#include "sync/SyncTransport.h"
#include "sync/Tombstones.h"
#include "sync/blobs/BlobTransfer.h"
#include "sync/protocol/ProtocolMessages.h"

#include <QObject>
#include <QString>

namespace fieldline::sync {

/** Why the last sync round stopped. The UI turns each kind into a sentence; detail is the technical part. */
enum class SyncProblem {
    None,
    NotLoggedIn, ///< no account, or the server refused the token (401): log in again
    Offline,     ///< no answer: no network, server down, timeout
    RateLimited, ///< 429; retryAfterMs says when
    Forbidden,   ///< 403
    ClockSkew,   ///< this device's clock is too far behind the changes it received; detail names the difference
    ClockAhead,  ///< the server refused changes for now as this device's clock is ahead; they are kept and resent
    Rejected,    ///< the server refused some changes (each with a reason); the rest synced
    ServerError, ///< 5xx or an answer that does not decode
    LocalError,  ///< this device's store failed
};

/** The round synced: the server answered all it was sent (some changes maybe refused, or kept while the clock is
 * ahead) and what came back was applied. The status's "synced at" moves. */
constexpr bool synced(SyncProblem problem)
{
    return problem == SyncProblem::None || problem == SyncProblem::Rejected || problem == SyncProblem::ClockAhead;
}

/** The round reached the server and was answered: it synced, or this device could not take what came (its clock). */
constexpr bool reachedServer(SyncProblem problem)
{
    return synced(problem) || problem == SyncProblem::ClockSkew;
}

struct SyncStatus
{
    bool running = false;
    SyncProblem problem = SyncProblem::None;
    QString detail;
    /// With Rejected: the kind of the refusal detail words, when the server named it, for the UI to word itself
    /// (Other: only the server's words, in detail).
    Refusal refusal;
    qint64 retryAfterMs = 0;
    /// With ClockSkew and ClockAhead: how far this device's clock is off, for the UI to word in the user's language
    /// at each showing (detail words it once, in the language of the round's end, for the log).
    qint64 clockOffMs = 0;
    qint64 lastSuccessMs = 0; ///< wall clock of the last round that finished without a problem
    qint64 pending = 0;       ///< local changes the server has not acknowledged yet
    /// Every local write up to this seq (Replica::lastSeq) has been answered by the server or replaced by a remote
    /// change, and what the server wrote back (a refused change's compensation) has been pulled: set by each round
    /// that ends without a problem or with refusals only. Kept across restarts (SyncStateStore), for the account's
    /// server only.
    qint64 settledSeq = 0;
    /// A pulled change came from a newer schema version than this build's: some of it may not show until an update.
    bool newerReleaseSeen = false;
    /// Attachments that could not go up and wait to be tried again: while any does, a round ends Rejected.
    SetAsideBlobs::Summary attachmentsSetAside;
};

/**
 * One device's sync rounds against the tenant server: push the outbox (local changes, in batches written to the
 * outbox before sending), pull from the cursor until the server says there is no more, then acknowledge.
 *
 * A round is asynchronous and never blocks the caller; syncNow() during a round schedules one more. Nothing a
 * round does can lose a local change: a batch leaves the outbox only when the server answered it, and the pull
 * cursor moves only after the pulled changes are applied.
 */
class SyncClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int changesPerBatch = 1000;
        /// A push batch is cut at about this many encoded bytes too (rows of long texts): the server's default body
        /// limit is 1 MiB, and a batch over it would be refused on every try.
        qint64 bytesPerBatch = 384 * 1024;
        int pullLimit = 5000;
        /// Changes of a pulled page applied before the event loop runs again; 0: paced by time (ApplyPacer).
        int applyPieceChanges = 0;
        qint64 tombstoneHorizonMs = TombstoneHorizonMs;
    };

    SyncClient(Replica &replica, SyncStateStore &state, SyncTransport &transport, const Clock &clock, Options options,
               QObject *parent = nullptr);
    SyncClient(Replica &replica, SyncStateStore &state, SyncTransport &transport, const Clock &clock,
               QObject *parent = nullptr)
        : SyncClient(replica, state, transport, clock, Options{}, parent)
    {}

    /**
     * Attachments: with a transfer, each round first uploads every blob waiting on this device, so the changes that
     * name them never reach the server before their content.
     */
    void setBlobTransfer(BlobTransfer *transfer) { m_blobs = transfer; }

    /** Starts a round, or asks for another one after the round under way. */
    void syncNow();
    const SyncStatus &status() const { return m_status; }
    /** Recounts the local changes waiting for the server (after local writes). */
    void refreshPending();

signals:
    void statusChanged();
    /** A round ended; status() says how. */
    void roundFinished();
    /** Changes from elsewhere were applied; views may reload. */
    void remoteChangesApplied(int count);

private:
    void startRound();
    void pushNext();
    /** Asks for the page after @p cursor; @p recorded: the server said it recorded sending that cursor. */
    void pullNext(qint64 cursor, bool recorded);
    /** Starts a pull from 0 (Resync); after a restore, also every own write and attachment goes again. */
    storage::Status beginResync(bool restored);
    /** @p answered: the answered push batches when the page was asked for. */
    using Answered = SyncStateStore::Answered;
    void pageArrived(qint64 cursor, Answered answered, const TransportReply &reply);
    /** Applies the next piece of the page in m_applying; the event loop runs before the one after it. */
    void applyPiece();
    /** The page in m_applying is applied: keeps its cursor, then goes on to the next page or ends the pull. */
    void pageApplied();
    void acknowledge(qint64 cursor);
    /** After a round that pushed and pulled everything without a problem: forgets this device's tombstones past the
     * horizon. */
    void collectOldTombstones();
    void finish(SyncProblem problem, const QString &detail = {}, qint64 retryAfterMs = 0);
    /** Maps a failed answer to a problem and finishes; false when the answer was a success. */
    bool failedAnswer(const TransportReply &reply);
    storage::Status queueLocalChanges();
    void uploadBlobsThenPush();
    /**
     * A pull refused with resync-required or server-restored starts a resync (true), after a restore with every own
     * write to send again in the next round; any other answer is not handled here.
     */
    bool startedResync(const TransportReply &reply);
    /** Drops rows that left the user's scopes, except those with local changes still to push; how many went. */
    /** After a page's cursor was kept: marks the batches answered before it was asked for as checked, when the
     *  server's record covers them. */
    storage::Status noteRecordedPage(const protocol::PullResponse &page, Answered answered);
    storage::Result<qint64> evict(const std::vector<protocol::RowRef> &rows);
    /**
     * Queues the writes made while this round's batches were in flight; true when there is something to push.
     * Writes that may name an attachment added meanwhile are left for another round, which uploads it first.
     */
    storage::Result<bool> queueLaterWrites();
    /** Nothing is left to push: marks every committed local write settled by this round. Returns false. */
    storage::Result<bool> settleThroughCommitted();
    void pushAnswered(qint64 batchSeq, const QByteArray &sent, const TransportReply &reply);
    /** Moves the changes of a sent batch that the server refused for now (@p later) to the back of the outbox. */
    storage::Status deferChanges(qint64 batchSeq, const QByteArray &sent, const protocol::PushResponse &response);

    Replica &m_replica;
    SyncStateStore &m_state;
    SyncTransport &m_transport;
    const Clock &m_clock;
    Options m_options;
    SyncStateStore::Account m_account;
    SyncStatus m_status;
    bool m_again = false;
    quint64 m_round = 0; ///< changes when a round starts or ends; late answers of an old round are dropped
    bool m_rejectedSome = false;
    QString m_rejectedDetail;
    Refusal m_refusal; ///< the kind of the refusal whose words are m_rejectedDetail
    BlobTransfer *m_blobs = nullptr;
    Resync m_resync;
    /// The head of this round's pull from cursor 0, sent with the pulls that go on from it (0: none).
    qint64 m_freshHead = 0;
    /// Whether this round's pull from 0 may claim a fresh start: the device held no rows, or it resyncs (which
    /// drops every row the chain did not send at its end anyway).
    bool m_freshAllowed = false;
    qint64 m_deferredFrom = 0; ///< batches from this seq on were deferred in this round and wait for the next one
    qint64 m_deferredRetryMs = 0;
    qint64 m_clockOffMs = 0;    ///< the difference a round ending ClockSkew or ClockAhead found
    qint64 m_pushedThrough = 0; ///< this round found nothing left to push up to this local seq (0: not yet)
    /// A pulled page applied a piece at a time, with what its end needs.
    struct PageInApply
    {
        qint64 cursor = 0;
        Answered answered;
        protocol::PullResponse page;
        bool more = false;
        bool resyncing = false;
        size_t next = 0; ///< the first change not applied yet
        int applied = 0; ///< changes that took effect
    };
    std::optional<PageInApply> m_applying;
    /// The next page, when its answer came while m_applying was still being applied: pages apply in order.
    struct WaitingPage
    {
        qint64 cursor = 0;
        Answered answered;
        TransportReply reply;
    };
    std::optional<WaitingPage> m_pageWaiting;
    ApplyPacer m_pacer;
};

} // namespace fieldline::sync
