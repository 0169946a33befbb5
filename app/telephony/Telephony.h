#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

namespace fieldline::telephony {

/**
 * A way to place calls (DESIGN.md section 5): one call at a time, its state as it goes, and how it ended. The
 * backends are baresip driven over its control socket, and a hand-off to the desktop's own softphone. Callers
 * check DialGuard before dial(); a backend never decides who may be called.
 */
class Telephony : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Dialing, Ringing, Established, Held };
    Q_ENUM(State)

    /** How a call ended. */
    struct Ending
    {
        QString target;
        /**
         * Why, the same in every language, as the attempt records it: hung_up_here, hung_up_by_peer, busy,
         * not_found, no_answer, unreachable, engine_failed, no_softphone, handed_off; else the SIP reason as sent.
         */
        QString code;
        QString cause;         ///< in the agent's words: "hung up here", "hung up by the other side", "busy", ...
        bool answered = false; ///< it reached Established
        bool failed = false;   ///< it never connected, or the backend failed during it
        qint64 durationMs = 0; ///< talk time, from answer to end
    };

    using QObject::QObject;

    State state() const { return m_state; }
    /** Whether dial() can be called now: the backend runs and no call is under way. */
    bool canDial() const { return m_ready && m_state == State::Idle; }
    bool isReady() const { return m_ready; }
    /** The backend's last problem in plain words (empty when it is well). */
    QString problem() const { return m_problem; }

    /** Places a call to an E.164 number or a SIP address; false (with problem()) when it cannot now. */
    virtual bool dial(const QString &target) = 0;
    virtual void hangUp() = 0;
    virtual void setHeld(bool held) = 0;
    /** Sends DTMF digits (0-9, *, #, A-D) during an established call. */
    virtual void sendDtmf(const QString &digits) = 0;
    /** Whether the backend reports call progress (a hand-off does not: the agent records the call by hand). */
    virtual bool tracksCalls() const { return true; }

signals:
    void stateChanged(fieldline::telephony::Telephony::State state);
    void callEnded(const fieldline::telephony::Telephony::Ending &ending);
    void readyChanged(bool ready);
    void problemChanged(const QString &problem);

protected:
    /** Moves the call on; the first Established starts the talk-time clock. */
    void enter(State state);
    /** Ends the call under way (if any) with @p cause and goes back to Idle. */
    void finish(const QString &code, const QString &cause, bool failed);
    void begin(const QString &target);
    void setReady(bool ready);
    void setProblem(const QString &problem);

private:
    State m_state = State::Idle;
    bool m_ready = false;
    QString m_problem;
    QString m_target;
    QElapsedTimer m_talk;
};

} // namespace fieldline::telephony
