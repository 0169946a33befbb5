#include "sync/SyncClient.h"

#include "sync/HybridLogicalClock.h"
#include "sync/SyncLog.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <map>
#include <numeric>

namespace fieldline::sync {

namespace {

/** At least what @p change takes in a push request's CBOR: its strings in UTF-8 at worst, ids, stamp and framing. */
qint64 encodedBound(const Change &change)
{
    constexpr qint64 Framing = 96; // row id, site id, hlc, cl, seq, schema version and the map's keys
    qint64 value = 9;
    if (const QString *text = std::get_if<QString>(&change.value))
        value += 3 * qint64(text->size());
    else if (const QByteArray *bytes = std::get_if<QByteArray>(&change.value))
        value += bytes->size();
    return Framing + 3 * qint64(change.table.size() + change.column.size()) + value;
}

bool startsRow(const ChangeBatch &changes, size_t i)
{
    return i == 0 || changes[i].isRowChange() || changes[i].row != changes[i - 1].row ||
           changes[i].table != changes[i - 1].table;
}

/**
 * Splits a batch into chunks of about @p perBatch changes and @p maxBytes encoded, cut between rows; a row that
 * alone is bigger than twice @p maxBytes is cut inside too, so no chunk grows past the server's body limit.
 */
std::vector<ChangeBatch> chunked(ChangeBatch changes, int perBatch, qint64 maxBytes)
{
    std::vector<ChangeBatch> chunks;
    ChangeBatch current;
    qint64 bytes = 0;
    auto cut = [&] {
        if (!current.empty())
            chunks.push_back(std::move(current));
        current.clear();
        bytes = 0;
    };
    for (size_t begin = 0; begin < changes.size();) {
        size_t end = begin + 1;
        while (end < changes.size() && !startsRow(changes, end))
            ++end;
        std::vector<qint64> sizes;
        for (size_t i = begin; i < end; ++i)
            sizes.push_back(encodedBound(changes[i]));
        const qint64 rowBytes = std::accumulate(sizes.begin(), sizes.end(), qint64(0));
        if (qsizetype(current.size()) >= perBatch || bytes + rowBytes > maxBytes)
            cut();
        for (size_t i = begin; i < end; ++i) {
            const qint64 size = sizes[i - begin];
            if (bytes + size > 2 * maxBytes)
                cut();
            bytes += size;
            current.push_back(std::move(changes[i]));
        }
        begin = end;
    }
    cut();
    return chunks;
}

} // namespace

SyncClient::SyncClient(Replica &replica, SyncStateStore &state, SyncTransport &transport, const Clock &clock,
                       Options options, QObject *parent)
    : QObject(parent)
    , m_replica(replica)
    , m_state(state)
    , m_transport(transport)
    , m_clock(clock)
    , m_options(options)
    , m_resync(replica.database(), replica, state)
    , m_pacer(options.applyPieceChanges)
{
    storage::Result<qint64> settled = m_state.settledSeq();
    storage::Result<qint64> committed = m_replica.committedSeq();
    if (settled && committed) {
        // An older release could settle seqs of rolled-back writes, which later writes then used again: whatever is
        // past the last stored write was never pushed.
        m_status.settledSeq = std::min(*settled, *committed);
        if (*settled > *committed)
            (void)m_state.setSettledSeq(*committed);
    }
    if (storage::Result<qint64> synced = m_state.lastSuccessMs())
        m_status.lastSuccessMs = *synced;
}

void SyncClient::syncNow()
{
    if (m_status.running) {
        m_again = true;
        return;
    }
    startRound();
}

void SyncClient::refreshPending()
{
    storage::Result<qint64> pushed = m_state.pushedSeq();
    if (!pushed)
        return;
    storage::Result<qint64> counted = m_replica.countChangesSince(*pushed);
    const qint64 pending = counted ? *counted : m_status.pending;
    if (pending != m_status.pending) {
        m_status.pending = pending;
        emit statusChanged();
    }
}

void SyncClient::startRound()
{
    ++m_round;
    m_again = false;
    m_applying.reset();
    m_pageWaiting.reset();
    m_pushedThrough = 0;
    m_rejectedSome = false;
    m_rejectedDetail.clear();
    m_refusal = {};
    m_deferredFrom = 0;
    m_deferredRetryMs = 0;
    m_clockOffMs = 0;
    m_freshHead = 0;
    storage::Result<SyncStateStore::Account> account = m_state.account();
    if (!account)
        return finish(SyncProblem::LocalError, account.message());
    if (!account->isValid())
        return finish(SyncProblem::NotLoggedIn);
    m_account = *account;
    m_status.running = true;
    emit statusChanged();
    if (storage::Status queued = queueLocalChanges(); !queued)
        return finish(SyncProblem::LocalError, queued.message());
    uploadBlobsThenPush();
}

void SyncClient::uploadBlobsThenPush()
{
    if (!m_blobs)
        return pushNext();
    const quint64 round = m_round;
    m_blobs->uploadWaiting(m_account.token, [this, round](const BlobOutcome &outcome) {
        if (round != m_round)
            return;
        switch (outcome.kind) {
        case BlobOutcome::Kind::Done: {
            // The rows go up without those set aside (other devices show them as not there yet), and the round says
            // so for as long as they wait.
            m_status.attachmentsSetAside = m_blobs->setAsideSummary();
            if (m_status.attachmentsSetAside.count > 0) {
                m_rejectedSome = true;
                qCDebug(lcSync) << m_status.attachmentsSetAside.count << "attachments set aside, the newest for"
                                << int(m_status.attachmentsSetAside.reason) << m_status.attachmentsSetAside.serverWords;
            }
            return pushNext();
        }
        case BlobOutcome::Kind::AnswerFailed:
            // A 200 that said neither "complete" nor where to go on (a proxy that drops headers) fails too.
            if (!failedAnswer(outcome.reply))
                finish(SyncProblem::ServerError,
                       QStringLiteral("An attachment upload was answered without saying how far it got."));
            return;
        case BlobOutcome::Kind::LocalFailed:
            return finish(SyncProblem::LocalError, outcome.detail);
        case BlobOutcome::Kind::BadContent:
            return finish(SyncProblem::ServerError, outcome.detail);
        }
    });
}

storage::Status SyncClient::queueLocalChanges()
{
    storage::Result<std::optional<std::pair<qint64, QByteArray>>> waiting = m_state.outboxFront();
    if (!waiting)
        return waiting.error();
    if (waiting->has_value())
        return {}; // the earlier batches go first, byte for byte
    storage::Result<qint64> pushed = m_state.pushedSeq();
    if (!pushed)
        return pushed.error();
    storage::Result<ChangeBatch> changes = m_replica.changesSince(*pushed);
    if (!changes)
        return changes.error();
    if (changes->empty())
        return {};
    qint64 covers = *pushed;
    for (Change &change : *changes) {
        covers = std::max(covers, change.seq);
        change.schemaVersion = m_replica.schema().version;
    }
    storage::Result<qint64> first = m_state.nextBatchSeq();
    if (!first)
        return first.error();
    std::vector<QByteArray> encoded;
    qint64 batchSeq = *first;
    for (ChangeBatch &chunk : chunked(std::move(*changes), m_options.changesPerBatch, m_options.bytesPerBatch)) {
        protocol::PushRequest request{m_replica.siteId(), batchSeq++, m_replica.schema().version, std::move(chunk)};
        encoded.push_back(protocol::encode(request));
    }
    return m_state.enqueue(encoded, covers, *first);
}

storage::Result<bool> SyncClient::queueLaterWrites()
{
    storage::Result<qint64> pushed = m_state.pushedSeq();
    if (!pushed)
        return pushed.error();
    if (*pushed >= m_replica.lastSeq())
        return settleThroughCommitted();
    if (m_blobs) {
        // These writes may name an attachment added after this round's upload: another round uploads it first.
        storage::Result<std::vector<BlobName>> waiting = m_blobs->waiting();
        if (!waiting)
            return waiting.error();
        if (!waiting->empty()) {
            m_again = true;
            return false;
        }
    }
    if (storage::Status queued = queueLocalChanges(); !queued)
        return queued.error();
    storage::Result<std::optional<std::pair<qint64, QByteArray>>> outbox = m_state.outboxFront();
    if (!outbox)
        return outbox.error();
    if (!outbox->has_value()) // the writes since were all replaced by remote changes, or rolled back
        return settleThroughCommitted();
    return true;
}

storage::Result<bool> SyncClient::settleThroughCommitted()
{
    // Not lastSeq(): after a rolled-back write it counts seqs that were never stored and come back after a restart.
    storage::Result<qint64> committed = m_replica.committedSeq();
    if (!committed)
        return committed.error();
    m_pushedThrough = *committed;
    return false;
}

void SyncClient::pushNext()
{
    storage::Result<std::optional<std::pair<qint64, QByteArray>>> outbox = m_state.outboxFront();
    if (!outbox)
        return finish(SyncProblem::LocalError, outbox.message());
    const bool deferred = outbox->has_value() && m_deferredFrom > 0 && (*outbox)->first >= m_deferredFrom;
    if (!outbox->has_value() || deferred) {
        if (!deferred) {
            storage::Result<bool> more = queueLaterWrites();
            if (!more)
                return finish(SyncProblem::LocalError, more.message());
            if (*more)
                return pushNext();
        }
        storage::Result<qint64> cursor = m_state.pullCursor();
        if (!cursor)
            return finish(SyncProblem::LocalError, cursor.message());
        storage::Result<qint64> recorded = m_state.recordedCursor();
        if (!recorded)
            return finish(SyncProblem::LocalError, recorded.message());
        return pullNext(*cursor, *recorded == *cursor);
    }
    const qint64 batchSeq = (*outbox)->first;
    const QByteArray sent = (*outbox)->second;
    m_transport.post(QStringLiteral("/v1/push"), sent, m_account.token,
                     [this, batchSeq, sent](const TransportReply &reply) { pushAnswered(batchSeq, sent, reply); });
}

void SyncClient::pushAnswered(qint64 batchSeq, const QByteArray &sent, const TransportReply &reply)
{
    if (failedAnswer(reply))
        return;
    auto response = protocol::decode<protocol::PushResponse>(reply.body);
    if (!response)
        return finish(SyncProblem::ServerError, response.message());
    bool later = false;
    for (const protocol::PushItemResult &item : response->results) {
        if (item.outcome != ApplyOutcome::Rejected)
            continue;
        if (item.retryMs > 0) {
            later = true;
            continue;
        }
        m_rejectedSome = true;
        m_rejectedDetail = item.reason;
        m_refusal = item.refusal;
        qCWarning(lcSync) << "the server refused a change:" << item.reason;
    }
    storage::Status s =
        later ? deferChanges(batchSeq, sent, *response) : m_state.batchAnswered(batchSeq, response->cursor);
    if (!s)
        return finish(s.code() == storage::ErrorCode::Invalid ? SyncProblem::ServerError : SyncProblem::LocalError,
                      s.message());
    pushNext();
}

storage::Status SyncClient::deferChanges(qint64 batchSeq, const QByteArray &sent,
                                         const protocol::PushResponse &response)
{
    auto request = protocol::decode<protocol::PushRequest>(sent);
    if (!request)
        return request.error();
    if (request->changes.size() != response.results.size())
        return storage::Error{storage::ErrorCode::Invalid,
                              QStringLiteral("The server answered %1 results for %2 changes.")
                                  .arg(response.results.size())
                                  .arg(request->changes.size())};
    ChangeBatch later;
    for (size_t i = 0; i < response.results.size(); ++i) {
        const protocol::PushItemResult &item = response.results[i];
        if (item.outcome == ApplyOutcome::Rejected && item.retryMs > 0) {
            later.push_back(std::move(request->changes[i]));
            m_deferredRetryMs = std::max(m_deferredRetryMs, item.retryMs);
        }
    }
    storage::Result<qint64> retrySeq = m_state.nextBatchSeq();
    if (!retrySeq)
        return retrySeq.error();
    const QByteArray retry =
        protocol::encode(protocol::PushRequest{request->site, *retrySeq, request->schemaVersion, std::move(later)});
    if (storage::Status s = m_state.batchDeferred(batchSeq, retry, *retrySeq, response.cursor); !s)
        return s;
    if (m_deferredFrom == 0)
        m_deferredFrom = *retrySeq;
    return {};
}

void SyncClient::pullNext(qint64 cursor, bool recorded)
{
    if (cursor == 0) {
        m_freshHead = 0;
        storage::Result<bool> resyncing = m_resync.active();
        storage::Result<bool> holding = m_replica.holdsRows();
        m_freshAllowed = (resyncing && *resyncing) || (holding && !*holding);
    }
    storage::Result<Answered> answered = m_state.answered();
    if (!answered)
        return finish(SyncProblem::LocalError, answered.message());
    // Batches answered since the last recorded page: a restored server that lost any of them says so.
    const bool claim = answered->batch > answered->checked;
    const QByteArray body = protocol::encode(
        protocol::PullRequest{cursor, m_options.pullLimit, cursor > 0 ? m_freshHead : 0, cursor > 0 && recorded,
                              m_replica.siteId(), claim ? answered->checked + 1 : 0, claim ? answered->batch : 0});
    const quint64 round = m_round;
    m_transport.post(QStringLiteral("/v1/pull"), body, m_account.token,
                     [this, cursor, round, answeredNow = *answered](const TransportReply &reply) {
                         // A page asked for ahead of time by a round that has ended since is dropped unread.
                         if (round == m_round)
                             pageArrived(cursor, answeredNow, reply);
                     });
}

bool SyncClient::startedResync(const TransportReply &reply)
{
    if (reply.status != 410)
        return false;
    auto error = protocol::decode<protocol::ErrorMessage>(reply.body);
    if (!error ||
        (error->code != protocol::ErrorCode::ResyncRequired && error->code != protocol::ErrorCode::ServerRestored))
        return false;
    qCInfo(lcSync) << "the server asks for a pull from the start:" << error->message;
    // A restored server lost writes it had acknowledged: this device sends all of its own again, in the next round.
    const bool restored = error->code == protocol::ErrorCode::ServerRestored;
    if (storage::Status s = beginResync(restored); !s) {
        finish(SyncProblem::LocalError, s.message());
        return true;
    }
    m_again = m_again || restored;
    pullNext(0, false);
    return true;
}

storage::Status SyncClient::beginResync(bool restored)
{
    storage::Transaction tx(m_replica.database());
    if (!tx.begun())
        return tx.begun();
    if (storage::Status s = m_resync.begin(restored ? Resync::Resend::OwnWrites : Resync::Resend::Nothing); !s)
        return s;
    // The attachments the rows name go again too, or the rows would come back without them.
    if (restored && m_blobs) {
        if (storage::Status s = m_blobs->blobs().forgetUploaded(); !s)
            return s;
    }
    return tx.commit();
}

void SyncClient::pageArrived(qint64 cursor, Answered answered, const TransportReply &reply)
{
    if (m_applying) {
        m_pageWaiting = WaitingPage{cursor, answered, reply};
        return;
    }
    if (startedResync(reply) || failedAnswer(reply))
        return;
    protocol::Limits limits;
    limits.maxStringBytes = protocol::Limits::MaxCellBytes; // a form layout is one cell
    auto response = protocol::decode<protocol::PullResponse>(reply.body, limits);
    if (!response)
        return finish(SyncProblem::ServerError, response.message());
    // A change from the future would be refused by the replica and then skipped for good once the cursor moved
    // past it: stop here instead, and tell the user their clock is behind.
    const qint64 now = m_clock.nowMs();
    for (const Change &change : response->changes) {
        const qint64 ahead = HybridLogicalClock::physicalMs(change.stamp.hlc) - now;
        if (ahead > HybridLogicalClock::MaxAheadMs) {
            m_clockOffMs = ahead;
            return finish(SyncProblem::ClockSkew, HybridLogicalClock::describeDuration(ahead));
        }
    }
    for (const Change &change : response->changes) {
        if (change.schemaVersion > m_replica.schema().version && !m_status.newerReleaseSeen) {
            qCInfo(lcSync) << "changes from schema version" << change.schemaVersion << "arrived; this build has"
                           << m_replica.schema().version << "and keeps what it cannot show";
            m_status.newerReleaseSeen = true;
        }
    }
    if (cursor == 0 && m_freshAllowed)
        m_freshHead = response->head;
    // Ask for the next page before applying this one, so the server prepares it while this device writes.
    // Pages are still applied in order: an answer that comes while this page is applied, between its pieces, waits.
    const bool more = response->more && response->nextCursor > cursor;
    if (more)
        pullNext(response->nextCursor, response->recorded);
    storage::Result<bool> resyncing = m_resync.active();
    if (!resyncing)
        return finish(SyncProblem::LocalError, resyncing.message());
    if (*resyncing) {
        if (storage::Status s = m_resync.noteSeen(response->changes); !s)
            return finish(SyncProblem::LocalError, s.message());
    }
    m_applying = PageInApply{cursor, answered, std::move(*response), more, *resyncing};
    applyPiece();
}

void SyncClient::applyPiece()
{
    PageInApply &page = *m_applying;
    const ChangeBatch &changes = page.page.changes;
    if (page.next < changes.size()) {
        // A piece ends with a whole row: a row's record and cells come together.
        size_t end = std::min(changes.size(), page.next + size_t(m_pacer.nextPiece()));
        while (end < changes.size() && changes[end].row == changes[end - 1].row &&
               changes[end].table == changes[end - 1].table)
            ++end;
        QElapsedTimer timer;
        timer.start();
        auto applied = page.next == 0 && end == changes.size()
                           ? m_replica.applyRemote(changes)
                           : m_replica.applyRemote(
                                 ChangeBatch(changes.begin() + qsizetype(page.next), changes.begin() + qsizetype(end)));
        if (!applied) {
            // The pieces before are kept: views show them.
            if (page.applied > 0)
                emit remoteChangesApplied(page.applied);
            return finish(SyncProblem::LocalError, applied.message());
        }
        m_pacer.pieceTook(int(end - page.next), timer.nsecsElapsed());
        for (const ApplyResult &result : *applied)
            page.applied += result.outcome == ApplyOutcome::Applied ? 1 : 0;
        page.next = end;
        if (end < changes.size()) {
            // A timer, not a posted call: posted calls run before the loop's timers and input, which then wait
            // for the whole page all the same.
            QTimer::singleShot(1, this, [this, round = m_round] {
                if (round == m_round && m_applying)
                    applyPiece();
            });
            return;
        }
    }
    pageApplied();
}

void SyncClient::pageApplied()
{
    // m_applying stays set until the cursor is kept: an answer that comes meanwhile (a slot of the signals below
    // running an event loop) still waits.
    const PageInApply page = std::move(*m_applying);
    const protocol::PullResponse &response = page.page;
    if (page.applied > 0)
        emit remoteChangesApplied(page.applied);
    if (!response.evicted.empty()) {
        storage::Result<qint64> evicted = evict(response.evicted);
        if (!evicted)
            return finish(SyncProblem::LocalError, evicted.message());
        if (*evicted > 0)
            emit remoteChangesApplied(int(*evicted));
    }
    if (storage::Status s = m_state.setRecordedCursor(response.recorded ? response.nextCursor : -1); !s)
        return finish(SyncProblem::LocalError, s.message());
    if (storage::Status s = m_state.setPullCursor(response.nextCursor); !s)
        return finish(SyncProblem::LocalError, s.message());
    if (storage::Status s = noteRecordedPage(response, page.answered); !s)
        return finish(SyncProblem::LocalError, s.message());
    m_applying.reset();
    if (page.more) {
        // The next page, if it came meanwhile, in a turn of its own like the pieces.
        if (m_pageWaiting) {
            QTimer::singleShot(1, this, [this, round = m_round] {
                if (round != m_round || !m_pageWaiting)
                    return;
                WaitingPage waiting = std::move(*m_pageWaiting);
                m_pageWaiting.reset();
                pageArrived(waiting.cursor, waiting.answered, waiting.reply);
            });
        }
        return;
    }
    if (page.resyncing) {
        storage::Result<qint64> forgotten = m_resync.finish();
        if (!forgotten)
            return finish(SyncProblem::LocalError, forgotten.message());
        qCInfo(lcSync) << "resync done:" << *forgotten << "rows the server no longer has were dropped";
        if (*forgotten > 0)
            emit remoteChangesApplied(int(*forgotten));
    }
    if (response.nextCursor != page.cursor)
        return acknowledge(response.nextCursor);
    finish(SyncProblem::None);
}

storage::Status SyncClient::noteRecordedPage(const protocol::PullResponse &page, Answered answered)
{
    // The server recorded sending a cursor of at least the page's next, and the device keeps that cursor as
    // recorded. When it is past every change of the batches answered before the page was asked for, a restore that
    // loses those batches loses that record too, and the next pull's cursor shows it. A record older than the
    // pushes (a page below a cursor recorded earlier) covers nothing: later batches are still named in pulls.
    storage::Result<qint64> checked = m_state.checkedBatch();
    if (!checked)
        return checked.error();
    if (!page.recorded || page.nextCursor < answered.cursor || answered.batch <= *checked)
        return {};
    return m_state.setCheckedBatch(answered.batch);
}

storage::Result<qint64> SyncClient::evict(const std::vector<protocol::RowRef> &rows)
{
    storage::Result<qint64> pushed = m_state.pushedSeq();
    if (!pushed)
        return pushed.error();
    std::map<QString, std::vector<RowId>> byTable;
    for (const protocol::RowRef &ref : rows)
        byTable[ref.table].push_back(ref.row);
    qint64 evicted = 0;
    for (const auto &[table, ids] : byTable) {
        storage::Result<qint64> gone = m_replica.forgetSettledRows(table, ids, *pushed);
        if (!gone)
            return gone.error();
        evicted += *gone;
    }
    if (evicted > 0)
        qCInfo(lcSync) << evicted << "rows left this user's scopes and were dropped";
    return evicted;
}

void SyncClient::acknowledge(qint64 cursor)
{
    m_transport.post(QStringLiteral("/v1/ack"), protocol::encode(protocol::Ack{cursor}), m_account.token,
                     [this](const TransportReply &reply) {
                         if (failedAnswer(reply))
                             return;
                         if (auto echoed = protocol::decode<protocol::Ack>(reply.body); !echoed)
                             return finish(SyncProblem::ServerError, echoed.message());
                         finish(SyncProblem::None);
                     });
}

void SyncClient::collectOldTombstones()
{
    storage::Result<qint64> pushed = m_state.pushedSeq();
    storage::Result<qint64> collected =
        pushed ? m_replica.collectTombstones(m_clock.nowMs() - m_options.tombstoneHorizonMs, *pushed)
               : storage::Result<qint64>(pushed.error());
    // Nothing is lost by keeping them: the next round tries again.
    if (!collected)
        qCWarning(lcSync) << "cannot forget old tombstones:" << collected.message();
    else if (*collected > 0)
        qCInfo(lcSync) << "forgot" << *collected << "tombstones past the horizon";
}

bool SyncClient::failedAnswer(const TransportReply &reply)
{
    if (reply.status == 200)
        return false;
    const QString detail = reply.errorText();
    switch (reply.status) {
    case 0:
        finish(SyncProblem::Offline, detail);
        break;
    case 401:
        // The token is gone for good (revoked, expired, another server): forget it and ask for a login.
        if (storage::Status s = m_state.clearToken(); !s)
            qCWarning(lcSync) << "cannot forget the refused token:" << s.message();
        finish(SyncProblem::NotLoggedIn, detail);
        break;
    case 403:
        finish(SyncProblem::Forbidden, detail);
        break;
    case 429:
        finish(SyncProblem::RateLimited, detail, reply.retryAfterMs);
        break;
    default:
        finish(SyncProblem::ServerError, detail, reply.retryAfterMs);
        break;
    }
    return true;
}

void SyncClient::finish(SyncProblem problem, const QString &detail, qint64 retryAfterMs)
{
    if (problem == SyncProblem::None && m_deferredFrom > 0) {
        // The server takes a change at most MaxAheadMs ahead of its clock; retry says how much more it is ahead.
        m_clockOffMs = m_deferredRetryMs + HybridLogicalClock::MaxAheadMs;
        return finish(SyncProblem::ClockAhead, HybridLogicalClock::describeDuration(m_clockOffMs), m_deferredRetryMs);
    }
    if (problem == SyncProblem::None && m_rejectedSome)
        return finish(SyncProblem::Rejected, m_rejectedDetail);
    if (problem == SyncProblem::None)
        collectOldTombstones();
    if ((problem == SyncProblem::None || problem == SyncProblem::Rejected) && m_pushedThrough > m_status.settledSeq) {
        m_status.settledSeq = m_pushedThrough;
        (void)m_state.setSettledSeq(m_pushedThrough); // a claim answered stays answered after a restart
    }
    ++m_round;
    m_applying.reset();
    m_pageWaiting.reset();
    m_status.running = false;
    m_status.problem = problem;
    m_status.detail = detail;
    m_status.refusal = problem == SyncProblem::Rejected ? m_refusal : Refusal{};
    m_status.retryAfterMs = retryAfterMs;
    m_status.clockOffMs =
        problem == SyncProblem::ClockSkew || problem == SyncProblem::ClockAhead ? m_clockOffMs : qint64(0);
    if (synced(problem)) {
        m_status.lastSuccessMs = m_clock.nowMs();
        (void)m_state.setLastSuccessMs(m_status.lastSuccessMs); // only what the status bar says after a restart
    }
    if (problem != SyncProblem::None)
        qCInfo(lcSync) << "sync round ended:" << int(problem) << detail;
    refreshPending();
    emit statusChanged();
    emit roundFinished();
    if (m_again && (problem == SyncProblem::None || problem == SyncProblem::Rejected))
        startRound();
}

} // namespace fieldline::sync
