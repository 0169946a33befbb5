#include "app/telemarketing/OutcomeRecorder.h"

#include "app/telemarketing/Claims.h"

#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

namespace fieldline::telemarketing {

namespace {

storage::Error invalid(const QString &message)
{
    return {storage::ErrorCode::Invalid, message, 0};
}

} // namespace

storage::Status OutcomeRecorder::check(const Disposition *disposition, const Outcome &outcome, qint64 nowMs) const
{
    if (!disposition)
        return invalid(tr("Choose one of the campaign's dispositions."));
    if (disposition->effect == Disposition::Effect::Callback &&
        (!outcome.callbackDueMs || *outcome.callbackDueMs <= nowMs))
        return invalid(tr("This disposition needs a callback time in the future."));
    if (!disposition->form.isEmpty() && !outcome.form)
        return invalid(tr("This disposition needs its outcome form filled in."));
    if (outcome.note.size() > 4000)
        return invalid(tr("The note is longer than 4,000 characters."));
    return {};
}

storage::Result<qint64> OutcomeRecorder::callsOnRecord(storage::Database &db, const sync::RowId &member)
{
    storage::Result<storage::Statement *> query = db.prepare("SELECT count(*) FROM call_attempts WHERE member = ?1");
    if (!query)
        return query.error();
    query.value()->bind(1, member.toBytes());
    storage::Result<bool> row = query.value()->step();
    if (!row)
        return row.error();
    const qint64 calls = *row ? query.value()->int64(0) : 0;
    query.value()->reset();
    return calls;
}

storage::Result<bool> OutcomeRecorder::record(const Campaign &campaign, const QueuedCall &call,
                                              const CallRecord &record, const Outcome &outcome, const QString &agent,
                                              qint64 nowMs)
{
    const Disposition *disposition = campaign.dispositions.find(outcome.disposition);
    if (storage::Status checked = check(disposition, outcome, nowMs); !checked)
        return checked.error();
    storage::Database &db = m_replica.database();
    storage::Transaction tx(db);
    if (!tx.begun())
        return tx.begun().error();

    // A number dialled by hand belongs to no member and no contact.
    const bool manual = call.member == sync::RowId();
    const auto idOrNull = [manual](const sync::RowId &id) {
        return manual ? sync::Value(std::monostate()) : sync::Value(id.toBytes());
    };
    sync::Cells attempt;
    attempt.emplace_back(QStringLiteral("campaign"), campaign.id.toBytes());
    attempt.emplace_back(QStringLiteral("member"), idOrNull(call.member));
    attempt.emplace_back(QStringLiteral("contact"), idOrNull(call.contact));
    attempt.emplace_back(QStringLiteral("number"), record.number);
    attempt.emplace_back(QStringLiteral("owner"), agent);
    attempt.emplace_back(QStringLiteral("started_ms"), record.startedMs);
    attempt.emplace_back(QStringLiteral("duration_ms"), record.durationMs);
    attempt.emplace_back(QStringLiteral("result"), record.result);
    attempt.emplace_back(QStringLiteral("disposition"), disposition->code);
    attempt.emplace_back(QStringLiteral("note"), outcome.note);
    attempt.emplace_back(QStringLiteral("form"),
                         outcome.form ? sync::Value(outcome.form->toBytes()) : sync::Value(std::monostate()));
    if (storage::Result<sync::RowId> inserted = m_replica.insert(tables::Attempts, attempt); !inserted)
        return inserted.error();

    // The count comes from the grow-only attempts, which every device ends up holding alike; a counter cell would
    // lose one of two calls made on two devices at once (last writer wins).
    storage::Result<qint64> calls = callsOnRecord(db, call.member);
    if (!calls)
        return calls.error();
    const qint64 attempts = *calls;
    storage::Result<sync::RowState> row = m_replica.rowState(tables::Members, call.member);
    if (!row)
        return row.error();
    const bool found = !manual && row->alive();
    if (found) {
        QString status = memberStatus::Queued;
        qint64 next = campaign.nextAttemptMs(int(attempts), nowMs);
        if (disposition->effect == Disposition::Effect::Final || attempts >= campaign.maxAttempts)
            status = memberStatus::Done;
        if (disposition->effect == Disposition::Effect::Callback)
            status = memberStatus::Callback;
        if (disposition->effect == Disposition::Effect::Retry && disposition->retryMinutes)
            next = nowMs + qint64(*disposition->retryMinutes) * 60'000;
        sync::Cells member;
        member.emplace_back(QStringLiteral("attempts"), attempts);
        member.emplace_back(QStringLiteral("status"), status);
        member.emplace_back(QStringLiteral("next_attempt_ms"), next);
        member.emplace_back(QStringLiteral("last_disposition"), disposition->code);
        // The claim ends with the outcome, unless a colleague claimed the member meanwhile (a lease that ran out).
        storage::Result<bool> held = Claims(m_replica).holds(tables::Members, call.member, agent);
        if (!held)
            return held.error();
        if (*held) {
            for (auto &cell : Claims::released())
                member.push_back(std::move(cell));
        }
        if (storage::Status s = m_replica.update(tables::Members, call.member, member); !s)
            return s.error();
    }
    if (call.callback) {
        // A callback removed meanwhile (another device, an eviction) is simply not there to close.
        const storage::Status s =
            m_replica.update(tables::Callbacks, *call.callback, {{QStringLiteral("status"), QStringLiteral("done")}});
        if (!s && s.error().code != storage::ErrorCode::NotFound)
            return s.error();
    }
    // A member taken out of the campaign meanwhile gets no new callback: nobody would be offered it.
    if (disposition->effect == Disposition::Effect::Callback && found) {
        sync::Cells callback;
        callback.emplace_back(QStringLiteral("campaign"), campaign.id.toBytes());
        callback.emplace_back(QStringLiteral("member"), call.member.toBytes());
        callback.emplace_back(QStringLiteral("contact"), call.contact.toBytes());
        callback.emplace_back(QStringLiteral("due_ms"), *outcome.callbackDueMs);
        callback.emplace_back(QStringLiteral("owner"), outcome.callbackToPool ? QString() : agent);
        callback.emplace_back(QStringLiteral("status"), QStringLiteral("due"));
        callback.emplace_back(QStringLiteral("note"), outcome.note);
        if (storage::Result<sync::RowId> inserted = m_replica.insert(tables::Callbacks, callback); !inserted)
            return inserted.error();
    }
    if (disposition->doNotCall) {
        // The person asked: the number goes on the tenant's list and the contact is opted out, so none of their
        // numbers is called again, in any campaign.
        if (storage::Status s = DoNotCall(m_replica).add(record.number, std::nullopt,
                                                         tr("Asked during a call (%1).").arg(campaign.name), agent);
            !s)
            return s.error();
        if (!manual) {
            const storage::Status s = m_replica.update(QStringLiteral("contacts"), call.contact,
                                                       {{QStringLiteral("do_not_call"), qint64(1)}});
            if (!s && s.error().code != storage::ErrorCode::NotFound)
                return s.error();
        }
    }
    if (storage::Status committed = tx.commit(); !committed)
        return committed.error();
    return found;
}

} // namespace fieldline::telemarketing
