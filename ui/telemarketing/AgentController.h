#pragma once

#include "app/telemarketing/CallbackList.h"
#include "app/telemarketing/ContactQueue.h"
#include "app/telemarketing/Dialer.h"
#include "app/telemarketing/OutcomeRecorder.h"
#include "app/telemarketing/QueueSummary.h"
#include "app/telephony/Telephony.h"
#include "ui/telemarketing/OfferClaims.h"
#include "ui/telemarketing/OutcomeForm.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace fieldline::sync {
class Clock;
class Replica;
} // namespace fieldline::sync

namespace fieldline::ui {

class AgentWorkspace;

/**
 * Runs an agent's shift on the AgentWorkspace: takes the next contact from the ContactQueue when the agent is
 * ready, dials through the Dialer (so the guard runs at the moment of dialling), follows the call, and records
 * the disposition the agent picks with OutcomeRecorder, then moves on. In a progressive campaign the next
 * contact is dialled after a countdown that Escape stops. Outcomes are local writes: the network never stops it.
 */
class AgentController : public QObject
{
    Q_OBJECT

public:
    struct Setup
    {
        sync::Replica *replica = nullptr;
        telephony::Telephony *telephony = nullptr;
        const sync::Clock *clock = nullptr;
        QString agent;
        sync::RowId campaign;
        QString language = QStringLiteral("en");
        int countdownSeconds = 5;
        QString dialRegion = QLocale::territoryToCode(QLocale::system().territory()); ///< for numbers typed without +
        int callbackCheckMs = 30'000; ///< how often the queue panel and the callbacks list are read again
        /// The profile's sync service, or null: with a server account, a person from the shared pool is dialled
        /// only once the server has answered this device's claim (ClaimConfirmation).
        app::SyncService *sync = nullptr;
    };

    AgentController(AgentWorkspace *view, Setup setup, QObject *parent = nullptr);
    ~AgentController() override;

    /** Reads the campaign; false (with the problem shown) when it cannot be worked. */
    bool start();
    const std::optional<telemarketing::QueuedCall> &current() const { return m_current; }
    /** A call is being placed, is under way or waits for its disposition. */
    bool isOnCall() const { return m_call.has_value(); }
    /** The outcome form open over the screen, or null. */
    OutcomeForm *outcomeForm() const { return m_outcomeForm; }

signals:
    /** The last call is recorded (or was never placed): the agent is between calls. */
    void betweenCalls();

private:
    void toggleReady();
    void next();
    /** Stops offering contacts: shows @p problem and pauses, the people held ahead let go. */
    void pauseFor(const QString &problem);
    /** Lets go of the contact offered, if it was not called. */
    void releaseOffered();
    /** Lets go of the people held ahead (not of the person being called). */
    void releaseReserve();
    void dial();
    /** Whether the claim on the pool contact offered has the server's answer; false (with the reason shown) while
     *  it waits, or when the server cannot be reached (the next own contact is offered then). */
    bool claimConfirmed();
    void dialManually(const QString &typed);
    /** Checks @p call's number with the guard and places it; false (with the reason shown) when it is not placed. */
    bool startCall(const telemarketing::QueuedCall &call, const telemarketing::ContactNumbers *contact);
    void cancel();
    void digit(QChar key);
    /** Shows the outcome form @p disposition asks for; once it is stored the disposition goes on. */
    void openOutcomeForm(const telemarketing::Disposition &disposition);
    /** The person's time, and whether the window is open then, beside the callback time picked. */
    void showCallbackTime(const QDateTime &due);
    /** Puts the number shown on the tenant's do-not-call list (F9); a contact offered is skipped. */
    void addToDoNotCall();
    void callEnded(const telephony::Telephony::Ending &ending);
    void record(const telemarketing::Disposition &disposition, std::optional<qint64> callbackDueMs);
    void tick();
    void showCall();
    void showStats();
    /** The queue panel and the callbacks list, read again. */
    void showQueueAndCallbacks();
    /**
     * Lists the callbacks to make and reminds the agent of those that fell due; how many wait due now (not the one
     * on screen; "at least" past the list's limit).
     */
    telemarketing::QueueCount showCallbacks();
    /** How many people wait in the queue (to call now, later) and @p callbacksDue. */
    void showQueue(const telemarketing::QueueCount &callbacksDue);
    QDateTime now() const;

    AgentWorkspace *m_view;
    Setup m_setup;
    telemarketing::CallingHours m_hours;
    telemarketing::ContactQueue m_queue;
    telemarketing::Dialer m_dialer;
    telemarketing::OutcomeRecorder m_recorder;
    telemarketing::CallbackList m_callbacks;
    OfferClaims m_claims;
    bool m_dialWhenSettled = false; ///< the agent dialled while the claim waited for the server
    QTimer m_callbackCheck;
    std::optional<telemarketing::Campaign> m_campaign;
    std::optional<telemarketing::QueuedCall> m_current;
    std::optional<telemarketing::CallRecord> m_call;
    const telemarketing::Disposition *m_pendingCallback = nullptr;
    std::optional<std::pair<QString, formsync::FilledForm>> m_form; ///< a disposition's code and its filled-in form
    QPointer<OutcomeForm> m_outcomeForm;
    bool m_ready = false;
    bool m_talking = false; ///< the call was answered (a resume from hold does not restart the timer)
    int m_countdown = 0;
    QTimer m_ticker;
    QElapsedTimer m_phase; ///< call or wrap-up time shown in the call bar
};

} // namespace fieldline::ui
