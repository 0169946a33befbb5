#include "app/telephony/Telephony.h"

namespace fieldline::telephony {

void Telephony::begin(const QString &target)
{
    m_target = target;
    m_talk.invalidate();
    enter(State::Dialing);
}

void Telephony::enter(State state)
{
    if ((state == State::Established || state == State::Held) && !m_talk.isValid())
        m_talk.start();
    if (state == m_state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Telephony::finish(const QString &code, const QString &cause, bool failed)
{
    if (m_state == State::Idle)
        return;
    Ending ending;
    ending.target = m_target;
    ending.code = code;
    ending.cause = cause;
    ending.answered = m_talk.isValid();
    ending.failed = failed;
    ending.durationMs = m_talk.isValid() ? m_talk.elapsed() : 0;
    m_talk.invalidate();
    m_state = State::Idle;
    emit stateChanged(State::Idle);
    emit callEnded(ending);
}

void Telephony::setReady(bool ready)
{
    if (ready == m_ready)
        return;
    m_ready = ready;
    emit readyChanged(ready);
}

void Telephony::setProblem(const QString &problem)
{
    if (problem == m_problem)
        return;
    m_problem = problem;
    emit problemChanged(problem);
}

} // namespace fieldline::telephony
