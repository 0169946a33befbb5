#include "ui/telemarketing/AgentController.h"

#include "app/telemarketing/AgentStats.h"
#include "app/telemarketing/ContactCard.h"
#include "app/telemarketing/ContactNumbers.h"
#include "app/telemarketing/DoNotCall.h"
#include "app/telemarketing/PhoneNumbers.h"
#include "app/telemarketing/QueueSummary.h"
#include "sync/Clock.h"
#include "sync/Replica.h"
#include "ui/telemarketing/AgentWorkspace.h"
#include "ui/telemarketing/OutcomeForm.h"

#include <utility>

namespace fieldline::ui {

using telemarketing::Disposition;
using telephony::Telephony;

namespace {

QString clockText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

AgentController::AgentController(AgentWorkspace *view, Setup setup, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_setup(std::move(setup))
    , m_queue(*m_setup.replica, m_hours)
    , m_dialer(*m_setup.replica, m_hours, *m_setup.telephony, *m_setup.clock)
    , m_recorder(*m_setup.replica)
    , m_callbacks(*m_setup.replica, m_hours)
    , m_claims(*m_setup.replica, m_queue, *m_setup.clock, m_setup.sync, m_setup.agent)
{
    connect(&m_claims, &OfferClaims::settled, this, [this] {
        if (std::exchange(m_dialWhenSettled, false) && m_current && !m_call)
            dial();
    });
    m_callbackCheck.setInterval(m_setup.callbackCheckMs);
    connect(&m_callbackCheck, &QTimer::timeout, this, &AgentController::showQueueAndCallbacks);
    connect(&m_callbackCheck, &QTimer::timeout, this, [this] {
        if (m_current)
            m_claims.renewIfDue(*m_current);
    });
    m_ticker.setInterval(1000);
    connect(&m_ticker, &QTimer::timeout, this, &AgentController::tick);
    connect(view, &AgentWorkspace::readyToggled, this, &AgentController::toggleReady);
    connect(view, &AgentWorkspace::manualNumberEdited, this, [this](const QString &typed) {
        m_view->setManualNumber(telemarketing::PhoneNumbers::formatAsTyped(typed, m_setup.dialRegion));
    });
    connect(view, &AgentWorkspace::manualDialRequested, this, &AgentController::dialManually);
    connect(view, &AgentWorkspace::dialRequested, this, &AgentController::dial);
    connect(view, &AgentWorkspace::hangUpRequested, this, [this] { m_setup.telephony->hangUp(); });
    connect(view, &AgentWorkspace::holdRequested, this,
            [this] { m_setup.telephony->setHeld(m_setup.telephony->state() == Telephony::State::Established); });
    connect(view, &AgentWorkspace::digitTyped, this, &AgentController::digit);
    connect(view, &AgentWorkspace::cancelRequested, this, &AgentController::cancel);
    connect(view, &AgentWorkspace::callbackConfirmed, this, [this] {
        if (m_pendingCallback)
            record(*m_pendingCallback, m_view->callbackDue().toMSecsSinceEpoch());
    });
    connect(view, &AgentWorkspace::callbackDueChanged, this, &AgentController::showCallbackTime);
    connect(view, &AgentWorkspace::doNotCallRequested, this, &AgentController::addToDoNotCall);
    connect(m_setup.telephony, &Telephony::stateChanged, this, &AgentController::showCall);
    connect(m_setup.telephony, &Telephony::callEnded, this, &AgentController::callEnded);
}

AgentController::~AgentController()
{
    // Locking or switching closes an outcome form still open: it must not outlive the replica it writes to.
    delete m_outcomeForm.data();
    releaseReserve();
    releaseOffered();
}

QDateTime AgentController::now() const
{
    return QDateTime::fromMSecsSinceEpoch(m_setup.clock->nowMs(), Qt::UTC);
}

bool AgentController::start()
{
    auto campaign = telemarketing::Campaign::read(m_setup.replica->database(), m_setup.campaign);
    if (!campaign) {
        const QString message = campaign.message();
        m_view->showProblem([message] { return message; });
        return false;
    }
    m_campaign = *campaign;
    std::vector<AgentWorkspace::DispositionButton> buttons;
    for (const Disposition &d : m_campaign->dispositions.all())
        buttons.push_back({d.key, d.label.text(m_setup.language)});
    m_view->setCampaign(m_campaign->name, buttons);
    m_view->clearMessage();
    m_view->setMode(AgentWorkspace::Mode::Paused);
    showStats();
    showQueueAndCallbacks();
    m_callbackCheck.start();
    return true;
}

void AgentController::toggleReady()
{
    const AgentWorkspace::Mode mode = m_view->mode();
    if (mode == AgentWorkspace::Mode::Call || mode == AgentWorkspace::Mode::WrapUp ||
        mode == AgentWorkspace::Mode::Callback) {
        m_ready = !m_ready; // takes effect after this contact
        m_view->showNotice(m_ready ? TrText([] { return AgentController::tr("Ready after this call."); })
                                   : TrText([] { return AgentController::tr("Paused after this call."); }));
        return;
    }
    m_ready = !m_ready;
    m_countdown = 0;
    if (m_ready) {
        next();
    } else {
        releaseOffered();
        releaseReserve(); // a break: the people held ahead go back to the others as well
        m_view->setMode(AgentWorkspace::Mode::Paused);
        showQueueAndCallbacks(); // the person let go waits again
    }
}

void AgentController::releaseOffered()
{
    // A contact offered but not called goes back to the others at once instead of when the claim runs out.
    if (m_current && !m_call)
        m_claims.release(*m_current);
    m_current.reset();
    m_dialWhenSettled = false;
}

void AgentController::releaseReserve()
{
    // The person being called keeps their claim until the outcome is recorded.
    if (m_campaign)
        m_claims.releaseReserve(*m_campaign, m_call && m_current ? m_current->member : sync::RowId());
}

void AgentController::pauseFor(const QString &problem)
{
    m_view->showProblem([problem] { return problem; });
    m_ready = false;
    releaseReserve();
    m_view->setMode(AgentWorkspace::Mode::Paused);
    showQueueAndCallbacks();
}

void AgentController::next()
{
    releaseOffered();
    m_call.reset();
    m_pendingCallback = nullptr;
    m_form.reset();
    m_view->clearNote();
    emit betweenCalls();
    if (!m_campaign || !m_ready) {
        releaseReserve();
        m_view->setMode(AgentWorkspace::Mode::Paused);
        if (m_campaign)
            showQueueAndCallbacks(); // a callback just made or planned shows at once
        return;
    }
    // The rules as they are now: a manager may have paused the campaign or changed its hours since the shift began.
    auto current = telemarketing::Campaign::read(m_setup.replica->database(), m_setup.campaign);
    if (current)
        m_campaign = *current;
    if (!current || !m_campaign->isActive()) {
        pauseFor(current ? tr("Campaign %1 is no longer active.").arg(m_campaign->name) : current.message());
        return;
    }
    const telemarketing::QueueScope scope = m_claims.scope();
    auto found = m_queue.next(*m_campaign, m_setup.agent, now(), scope);
    if (!found) {
        pauseFor(found.message());
        return;
    }
    if (!*found) {
        releaseReserve(); // any held ahead cannot be called now either
        m_view->showContact({});
        m_view->setCallState(QString());
        m_view->setMode(AgentWorkspace::Mode::Empty);
        showQueueAndCallbacks();
        return;
    }
    m_current = **found;
    if (const storage::Status claimed = m_claims.claimOffered(*m_campaign, *m_current, scope, now()); !claimed) {
        m_current.reset(); // unclaimed, a colleague could be calling them too
        pauseFor(claimed.message());
        return;
    }
    showQueueAndCallbacks(); // after the claim: the person offered no longer waits
    auto card = telemarketing::ContactCard::read(m_setup.replica->database(), m_current->contact);
    AgentWorkspace::ContactView view;
    if (card) {
        view.name = card->displayName();
        view.script = card->merge(m_campaign->script, m_setup.agent);
        for (const auto &past : card->history) {
            // The disposition as the agent knows it (its label in their language); a code no longer in the set as is.
            const Disposition *disposition = m_campaign->dispositions.find(past.disposition);
            view.history.append(
                tr("%1  %2  %3 s  %4")
                    .arg(QDateTime::fromMSecsSinceEpoch(past.startedMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                         disposition ? disposition->label.text(m_setup.language) : past.disposition,
                         QString::number(past.durationMs / 1000), past.note));
        }
    }
    view.number = m_current->number;
    view.localTime = m_current->localTime.isValid()
                         ? tr("Their time: %1").arg(m_current->localTime.toString(QStringLiteral("HH:mm")))
                         : tr("Their time: not known (their region spans several time zones)");
    view.attempts = m_current->callback
                        ? tr("Callback")
                        : tr("Attempt %1 of %2").arg(m_current->attempts + 1).arg(m_campaign->maxAttempts);
    m_view->showContact(view);
    m_view->setCallState(QString());
    m_view->setTimer(QString());
    if (m_campaign->mode == telemarketing::Campaign::Mode::Progressive) {
        m_countdown = m_setup.countdownSeconds;
        m_view->setMode(AgentWorkspace::Mode::Countdown);
        m_view->setTimer(tr("Dialling in %1 s").arg(m_countdown));
        m_ticker.start();
    } else {
        m_view->setMode(AgentWorkspace::Mode::Preview);
    }
}

void AgentController::dial()
{
    if (!m_current || !m_campaign)
        return;
    // Another agent may have been offered the same pool member meanwhile: the claim the server got first stands.
    auto holder = m_claims.heldByOther(*m_current);
    if (holder && !holder->isEmpty()) {
        const QString who = *holder;
        m_current.reset(); // theirs: not released here
        next();
        m_view->showProblem([who] {
            return AgentController::tr("%1 is calling this person already; this is the next contact.").arg(who);
        });
        return;
    }
    if (!claimConfirmed())
        return; // dial() again once the server has answered (it may say that a colleague claimed first)
    if (const storage::Status renewed = m_claims.renew(*m_current); !renewed) {
        const QString message = renewed.message();
        m_view->showProblem([message] { return message; });
        m_view->setMode(AgentWorkspace::Mode::Preview); // not dialled; a countdown stops here
        return;
    }
    auto contact = telemarketing::ContactNumbers::read(m_setup.replica->database(), m_current->contact);
    if (!contact) {
        next();
        return;
    }
    if (!startCall(*m_current, &contact.value()))
        next(); // the queue passes over it from now on; the banner says why
}

bool AgentController::claimConfirmed()
{
    switch (m_claims.confirm(*m_current)) {
    case ClaimConfirmation::State::Confirmed:
        return true;
    case ClaimConfirmation::State::Waiting:
        m_dialWhenSettled = true;
        m_view->showNotice(
            [] { return AgentController::tr("Checking with the server that no colleague is calling this person..."); });
        return false;
    case ClaimConfirmation::State::Unreachable:
        next(); // own contacts and callbacks only, until the server answers again
        m_view->showProblem([] {
            return AgentController::tr(
                "The server could not be reached to confirm that no colleague is calling this person, so "
                "people from the campaign's shared pool wait until it can be. Your own contacts and callbacks "
                "can still be called.");
        });
        return false;
    }
    return false;
}

void AgentController::dialManually(const QString &typed)
{
    const AgentWorkspace::Mode mode = m_view->mode();
    if (!m_campaign || (mode != AgentWorkspace::Mode::Preview && mode != AgentWorkspace::Mode::Paused &&
                        mode != AgentWorkspace::Mode::Empty && mode != AgentWorkspace::Mode::Countdown))
        return;
    const std::optional<QString> number = telemarketing::PhoneNumbers::toE164(typed, m_setup.dialRegion);
    if (!number) {
        m_view->showProblem(
            [typed] { return AgentController::tr("%1 is not a number that can be called.").arg(typed); });
        return;
    }
    telemarketing::QueuedCall call; // no member, no contact: recorded on the campaign only
    call.number = *number;
    const std::optional<telemarketing::QueuedCall> offered = m_current;
    if (startCall(call, nullptr)) {
        if (offered) // the contact that was on screen goes back to the others
            m_claims.release(*offered);
        m_view->showContact({tr("Dialled by hand"), *number, {}, {}, {}, {}});
        m_view->setManualNumber(QString());
    } else {
        m_current = offered; // the contact on screen stays offered
        m_view->setMode(offered ? AgentWorkspace::Mode::Preview : AgentWorkspace::Mode::Paused);
    }
}

bool AgentController::startCall(const telemarketing::QueuedCall &call, const telemarketing::ContactNumbers *contact)
{
    if (!m_setup.telephony->canDial()) {
        const QString problem = m_setup.telephony->problem();
        m_view->showProblem(
            [problem] { return problem.isEmpty() ? AgentController::tr("The phone is not ready.") : problem; });
        return false;
    }
    const telemarketing::DialGuard::Request request{call.number, contact, m_campaign->id, m_campaign->window};
    auto check = m_dialer.check(request);
    if (!check || !check->allowed()) {
        const QString message = check ? check->message : check.message();
        m_view->showProblem([message] { return message; });
        return false;
    }
    m_ticker.stop();
    m_countdown = 0;
    m_talking = false;
    // In place before dialling: a backend may end the call inside dial() (a hand-off does).
    m_current = call;
    m_call = telemarketing::CallRecord{call.number, m_setup.clock->nowMs(), 0, QString()};
    m_view->clearMessage();
    m_view->setMode(AgentWorkspace::Mode::Call);
    m_phase.start();
    m_view->setTimer(clockText(0));
    m_ticker.start();
    if (!m_dialer.place(request)) {
        m_call.reset();
        m_ticker.stop();
        m_view->setTimer(QString());
        const QString problem = m_setup.telephony->problem();
        m_view->showProblem([problem] { return problem; });
        emit betweenCalls();
        return false;
    }
    return true;
}

void AgentController::cancel()
{
    if (std::exchange(m_dialWhenSettled, false))
        m_view->clearMessage(); // "Checking with the server..." no longer leads to a call
    if (m_view->mode() == AgentWorkspace::Mode::Countdown) {
        m_countdown = 0;
        m_ticker.stop();
        m_view->setTimer(QString());
        m_view->setMode(AgentWorkspace::Mode::Preview);
    } else if (m_view->mode() == AgentWorkspace::Mode::Callback) {
        m_pendingCallback = nullptr;
        m_view->setMode(AgentWorkspace::Mode::WrapUp);
    }
}

void AgentController::digit(QChar key)
{
    if (m_view->mode() == AgentWorkspace::Mode::Call) {
        m_setup.telephony->sendDtmf(QString(key));
        return;
    }
    if (m_view->mode() != AgentWorkspace::Mode::WrapUp || !m_campaign)
        return;
    const Disposition *disposition = m_campaign->dispositions.forKey(key);
    if (!disposition)
        return;
    if (!disposition->form.isEmpty() && !(m_form && m_form->first == disposition->code)) {
        openOutcomeForm(*disposition);
        return;
    }
    if (disposition->effect == Disposition::Effect::Callback) {
        if (m_current && m_current->member == sync::RowId()) {
            m_view->showProblem([] {
                return AgentController::tr("A number dialled by hand belongs to no contact, so no callback can be "
                                           "planned for it.");
            });
            return;
        }
        m_pendingCallback = disposition;
        m_view->askCallback(now().toLocalTime().addSecs(3600));
        return;
    }
    record(*disposition, std::nullopt);
}

void AgentController::openOutcomeForm(const Disposition &disposition)
{
    QString problem;
    OutcomeForm *form =
        OutcomeForm::create(*m_setup.replica, disposition.form, m_setup.agent, m_setup.language, m_view, &problem);
    if (!form) {
        m_view->showProblem([problem] { return problem; });
        return;
    }
    form->setAttribute(Qt::WA_DeleteOnClose);
    const QString code = disposition.code;
    const QChar key = disposition.key;
    connect(form, &OutcomeForm::filled, this, [this, code, key](const formsync::FilledForm &filled) {
        m_form = std::pair{code, filled};
        digit(key); // on to the callback time, or recorded
    });
    m_outcomeForm = form;
    form->open();
}

void AgentController::showCallbackTime(const QDateTime &due)
{
    if (!m_current || !m_campaign)
        return;
    const QDateTime at = due.toUTC();
    const QDateTime theirs = m_hours.localTime(m_current->zoneKey, at);
    if (!theirs.isValid()) {
        m_view->setCallbackTheirTime(tr("Their time: not known"));
        return;
    }
    const QString time = QLocale().toString(theirs, QStringLiteral("ddd HH:mm"));
    m_view->setCallbackTheirTime(m_hours.isOpen(m_current->zoneKey, m_campaign->window, at)
                                     ? tr("Their time: %1").arg(time)
                                     : tr("Their time: %1, outside the calling hours").arg(time));
}

void AgentController::addToDoNotCall()
{
    const AgentWorkspace::Mode mode = m_view->mode();
    if (!m_current || (mode != AgentWorkspace::Mode::Preview && mode != AgentWorkspace::Mode::WrapUp &&
                       mode != AgentWorkspace::Mode::Callback))
        return;
    const QString number = m_current->number;
    const storage::Status added = telemarketing::DoNotCall(*m_setup.replica)
                                      .add(number, std::nullopt, tr("Asked the agent during a call."), m_setup.agent);
    if (!added) {
        const QString message = added.message();
        m_view->showProblem([message] { return message; });
        return;
    }
    if (mode == AgentWorkspace::Mode::Preview) {
        next(); // nobody called: no attempt, and the number is never offered again
        m_view->showNotice([number] {
            return AgentController::tr("%1 is on the do-not-call list; this is the next contact.").arg(number);
        });
    } else {
        m_view->showNotice([number] {
            return AgentController::tr("%1 is on the do-not-call list. Now pick the disposition.").arg(number);
        });
    }
}

void AgentController::callEnded(const Telephony::Ending &ending)
{
    if (!m_call || !m_current || m_view->mode() != AgentWorkspace::Mode::Call)
        return;
    // An answered call has a talk time, if only a millisecond: the stats count reached contacts by it.
    m_call->durationMs = ending.answered ? std::max<qint64>(1, ending.durationMs) : 0;
    m_call->result = ending.code; // the same in every language: reports and exports read it
    m_view->setCallState(ending.answered ? tr("Ended: %1").arg(ending.cause)
                                         : tr("Not answered: %1").arg(ending.cause));
    m_view->setMode(AgentWorkspace::Mode::WrapUp);
    m_phase.start();
    m_view->setTimer(clockText(0));
    m_ticker.start();
}

void AgentController::record(const Disposition &disposition, std::optional<qint64> callbackDueMs)
{
    if (!m_current || !m_call)
        return;
    telemarketing::Outcome outcome{disposition.code, m_view->note(), callbackDueMs};
    outcome.callbackToPool = m_view->callbackToPool();
    // The outcome form and the attempt pointing at it are stored together, or neither is.
    storage::Transaction transaction(m_setup.replica->database());
    storage::Status recorded = transaction.begun();
    if (recorded && m_form && m_form->first == disposition.code) {
        storage::Result<sync::RowId> submitted =
            formsync::SubmissionStore(*m_setup.replica).submitFinal(m_form->second, now().toLocalTime());
        recorded = submitted ? storage::Status() : storage::Status(submitted.error());
        if (submitted)
            outcome.form = *submitted;
    }
    bool inCampaign = true;
    if (recorded) {
        storage::Result<bool> member =
            m_recorder.record(*m_campaign, *m_current, *m_call, outcome, m_setup.agent, m_setup.clock->nowMs());
        recorded = member.status();
        inCampaign = member && *member;
    }
    if (recorded)
        recorded = transaction.commit();
    if (!recorded) {
        transaction.rollback();
        const QString message = recorded.message();
        m_view->showProblem([message] { return message; });
        return;
    }
    m_ticker.stop();
    showStats();
    next();
    if (disposition.effect == Disposition::Effect::Callback && !inCampaign)
        m_view->showProblem([] {
            return AgentController::tr("This person was taken out of the campaign during the call, so no callback "
                                       "was planned. The call is recorded.");
        });
}

void AgentController::showQueueAndCallbacks()
{
    showQueue(showCallbacks());
}

telemarketing::QueueCount AgentController::showCallbacks()
{
    const qint64 nowMs = m_setup.clock->nowMs();
    auto pending = m_callbacks.pending(m_campaign->id, m_setup.agent, nowMs);
    if (!pending)
        return {}; // read again at the next check
    telemarketing::QueueCount due;
    if (pending->size() > size_t(telemarketing::CallbackList::Limit)) {
        due.atLeast = pending->back().dueMs <= nowMs; // more are due than the list shows
        pending->pop_back();
    }
    const auto timeOf = [](qint64 ms) {
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime(), QStringLiteral("ddd HH:mm"));
    };
    QStringList lines;
    for (telemarketing::PlannedCallback &callback : *pending) {
        if (callback.name.isEmpty())
            callback.name = tr("a contact without a name");
        QString line = callback.pool ? tr("%1  %2 (any agent)").arg(timeOf(callback.dueMs), callback.name)
                                     : tr("%1  %2").arg(timeOf(callback.dueMs), callback.name);
        const bool onScreen = m_current && m_current->callback == callback.id;
        due.count += callback.dueMs <= nowMs && !onScreen;
        lines.append(callback.dueMs <= nowMs ? tr("Due: %1").arg(line) : line);
    }
    m_view->setCallbacks(lines);
    for (const telemarketing::PlannedCallback &callback : m_callbacks.newlyDue(*pending, nowMs))
        m_view->remind(
            tr("Callback due: %1 (%2). It is offered before anyone else.").arg(callback.name, timeOf(callback.dueMs)));
    return due;
}

void AgentController::showQueue(const telemarketing::QueueCount &callbacksDue)
{
    auto summary = telemarketing::QueueSummary::read(m_setup.replica->database(), m_hours, *m_campaign, m_setup.agent,
                                                     now(), m_current ? m_current->member : sync::RowId());
    if (!summary)
        return; // read again at the next check
    const auto text = [](const telemarketing::QueueCount &count) {
        const QString number = QLocale().toString(count.count);
        return count.atLeast ? tr("%1+").arg(number) : number;
    };
    m_view->setQueue(tr("Waiting: %1 due now, %2 later   Callbacks due: %3")
                         .arg(text(summary->readyNow), text(summary->later), text(callbacksDue)));
}

void AgentController::showStats()
{
    // The agent's day runs from their own midnight.
    const telemarketing::LocalDay day = telemarketing::LocalDay::of(now());
    QSet<QString> conversions;
    for (const Disposition &d : m_campaign->dispositions.all()) {
        if (d.conversion)
            conversions.insert(d.code);
    }
    auto stats = telemarketing::AgentStats::read(m_setup.replica->database(), m_setup.agent, day.startMs, day.endMs,
                                                 conversions);
    if (!stats)
        return;
    const qint64 talk = stats->talkMs / 1000;
    m_view->setStats(tr("Today: %1 calls, %2 reached, %3 talk time, %4 conversions")
                         .arg(stats->calls)
                         .arg(stats->reached)
                         .arg(QStringLiteral("%1:%2:%3")
                                  .arg(talk / 3600)
                                  .arg(talk / 60 % 60, 2, 10, QLatin1Char('0'))
                                  .arg(talk % 60, 2, 10, QLatin1Char('0')))
                         .arg(stats->conversions),
                     stats->perHour);
}

void AgentController::tick()
{
    switch (m_view->mode()) {
    case AgentWorkspace::Mode::Countdown:
        if (--m_countdown <= 0) {
            m_ticker.stop();
            dial();
        } else {
            m_view->setTimer(tr("Dialling in %1 s").arg(m_countdown));
        }
        break;
    case AgentWorkspace::Mode::Call:
    case AgentWorkspace::Mode::WrapUp:
    case AgentWorkspace::Mode::Callback:
        m_view->setTimer(clockText(m_phase.elapsed()));
        break;
    default:
        m_ticker.stop();
    }
}

void AgentController::showCall()
{
    switch (m_setup.telephony->state()) {
    case Telephony::State::Dialing:
        m_view->setCallState(tr("Dialling %1…").arg(m_call ? m_call->number : QString()));
        break;
    case Telephony::State::Ringing:
        m_view->setCallState(tr("Ringing"));
        break;
    case Telephony::State::Established:
        m_view->setCallState(tr("Connected"));
        if (!m_talking) // from the answer, not from the end of a hold
            m_phase.start();
        m_talking = true;
        break;
    case Telephony::State::Held:
        m_view->setCallState(tr("On hold"));
        break;
    case Telephony::State::Idle:
        break;
    }
}

} // namespace fieldline::ui
