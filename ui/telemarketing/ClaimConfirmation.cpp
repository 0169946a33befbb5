#include "ui/telemarketing/ClaimConfirmation.h"

#include "app/sync/SyncService.h"

#include <limits>
#include <utility>

namespace fieldline::ui {

namespace {

/** A round that reached the server and took its answer, refusals included. */
bool answered(sync::SyncProblem problem)
{
    return problem == sync::SyncProblem::None || problem == sync::SyncProblem::Rejected;
}

} // namespace

ClaimConfirmation::ClaimConfirmation(app::SyncService *sync, QObject *parent)
    : QObject(parent)
    , m_sync(sync)
{
    if (sync)
        connect(sync, &app::SyncService::roundEnded, this, &ClaimConfirmation::roundEnded);
}

bool ClaimConfirmation::needed() const
{
    // The account, not the token: signed out or refused, the profile still shares its pool through that server.
    return m_sync && m_sync->isOpen() && !m_sync->account().serverUrl.isEmpty();
}

bool ClaimConfirmation::poolCallable() const
{
    return !needed() || answered(m_sync->status().problem);
}

qint64 ClaimConfirmation::settledSeq() const
{
    return needed() ? m_sync->status().settledSeq : std::numeric_limits<qint64>::max();
}

ClaimConfirmation::State ClaimConfirmation::check(qint64 seq)
{
    if (!needed() || m_sync->status().settledSeq >= seq) {
        m_failed = false;
        return State::Confirmed;
    }
    if (m_failed) {
        m_failed = false; // told once; the next check asks the server again
        return State::Unreachable;
    }
    // A round asked for that never ended (the client was replaced by a sign-in) is asked for again.
    if (!m_waiting || !m_sync->status().running) {
        m_waiting = true;
        m_sync->syncNow();
    }
    return State::Waiting;
}

void ClaimConfirmation::roundEnded()
{
    m_failed = !answered(m_sync->status().problem); // any round: a failure told late would be out of date
    if (!std::exchange(m_waiting, false))
        return;
    // Queued: a round that ends inside syncNow() must not call back before check() has returned.
    QMetaObject::invokeMethod(this, &ClaimConfirmation::settled, Qt::QueuedConnection);
}

} // namespace fieldline::ui
