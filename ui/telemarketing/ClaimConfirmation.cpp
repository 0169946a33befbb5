#include "ui/telemarketing/ClaimConfirmation.h"

#include "app/sync/SyncService.h"

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
    return m_sync && m_sync->isOpen() && m_sync->isSignedIn();
}

bool ClaimConfirmation::poolCallable() const
{
    return !needed() || answered(m_sync->status().problem);
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
    if (!m_waiting) {
        m_waiting = true;
        m_sync->syncNow();
    }
    return State::Waiting;
}

void ClaimConfirmation::roundEnded()
{
    if (!m_waiting)
        return;
    m_waiting = false;
    m_failed = !answered(m_sync->status().problem);
    emit settled();
}

} // namespace fieldline::ui
