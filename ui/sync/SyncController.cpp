#include "ui/sync/SyncController.h"

#include "app/sync/SyncService.h"
#include "sync/HybridLogicalClock.h"
#include "ui/main/MainWindow.h"
#include "ui/sync/LoginDialog.h"
#include "ui/sync/SyncStatusWidget.h"

#include <QAction>
#include <QDate>
#include <QDateTime>
#include <QEvent>
#include <QLocale>
#include <QUrl>

#include <algorithm>

namespace fieldline::ui {

using sync::SyncProblem;
using Tone = SyncStatusWidget::Tone;

SyncController::SyncController(MainWindow *window, app::SyncService *sync, LoginDefaults defaults, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_sync(sync)
    , m_defaults(std::move(defaults))
    , m_status(new SyncStatusWidget)
    , m_syncNow(new QAction(window))
    , m_signIn(new QAction(window))
{
    m_syncNow->setObjectName(QStringLiteral("syncNowAction"));
    m_signIn->setObjectName(QStringLiteral("signInAction"));
    m_syncNow->setShortcut(QKeySequence(Qt::Key_F5));
    m_window->addStatusWidget(m_status);
    m_window->addFileActions({m_syncNow, m_signIn});
    m_window->installEventFilter(this);
    connect(m_syncNow, &QAction::triggered, m_sync, &app::SyncService::syncNow);
    connect(m_signIn, &QAction::triggered, this, &SyncController::showLogin);
    connect(m_status, &SyncStatusWidget::syncRequested, m_sync, &app::SyncService::syncNow);
    connect(m_status, &SyncStatusWidget::signInRequested, this, &SyncController::showLogin);
    connect(m_sync, &app::SyncService::statusChanged, this, &SyncController::refresh);
    connect(m_sync, &app::SyncService::openChanged, this, &SyncController::refresh);
    connect(m_sync, &app::SyncService::roundEnded, this, &SyncController::refresh); // the retry pause is known now
    connect(m_sync, &app::SyncService::loginFinished, this, &SyncController::loginFinished);
    retranslate();
    refresh();
}

LoginDialog *SyncController::loginDialog() const
{
    return m_dialog.data();
}

void SyncController::profileShown()
{
    refresh();
    if (m_sync->isOpen() && !m_sync->isSignedIn() && !m_askedThisSession) {
        m_askedThisSession = true;
        showLogin();
    }
}

void SyncController::closeDialogs()
{
    if (m_dialog)
        m_dialog->reject();
}

void SyncController::showLogin()
{
    if (!m_sync->isOpen())
        return;
    if (!m_dialog) {
        m_dialog = new LoginDialog(m_window);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        const auto account = m_sync->account();
        m_dialog->setValues(account.serverUrl.isEmpty() ? m_defaults.server : account.serverUrl,
                            account.tenant.isEmpty() ? m_defaults.tenant : account.tenant,
                            account.user.isEmpty() ? m_defaults.user : account.user);
        m_dialog->setIdentityFixed(account.isBound());
        connect(m_dialog, &LoginDialog::loginRequested, this, &SyncController::login);
        // Cancelled while an attempt is under way: that attempt is dropped, so its answer cannot land later.
        connect(m_dialog, &QDialog::rejected, m_sync, &app::SyncService::cancelLogin);
    }
    m_dialog->show();
    m_dialog->raise();
    m_dialog->activateWindow();
}

void SyncController::login()
{
    if (!m_dialog)
        return;
    QString text = m_dialog->server();
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("https://"));
    m_dialog->setBusy(true);
    m_sync->login(QUrl(text, QUrl::StrictMode), m_dialog->tenant(), m_dialog->user(), m_dialog->password());
}

void SyncController::loginFinished(const app::LoginResult &result)
{
    if (!m_dialog)
        return;
    m_dialog->setBusy(false);
    const QString detail = result.detail;
    const int seconds = result.retryAfterSeconds;
    switch (result.problem) {
    case app::LoginProblem::None:
        m_dialog->accept();
        return;
    case app::LoginProblem::BadUrl:
        m_dialog->showError(
            [] {
                return tr("Use an https:// address. Plain http:// works only for a server on this "
                          "computer.");
            },
            false);
        return;
    case app::LoginProblem::WrongCredentials:
        m_dialog->showError([] { return tr("The organisation, user name or password is not correct."); }, true);
        return;
    case app::LoginProblem::Throttled:
        m_dialog->showError([seconds] { return tr("Too many attempts. Try again in %n second(s).", "", seconds); },
                            true);
        return;
    case app::LoginProblem::Offline:
        m_dialog->showError(
            [detail] {
                return tr("The server could not be reached (%1). Check the address and "
                          "the network, then try again.")
                    .arg(detail);
            },
            false);
        return;
    case app::LoginProblem::ServerError:
        m_dialog->showError([detail] { return tr("The server could not sign you in (%1).").arg(detail); }, false);
        return;
    case app::LoginProblem::OtherAccount:
        m_dialog->showError(
            [] {
                return tr("This profile belongs to another server, organisation or user. To sign in there, "
                          "start Fieldline with another profile folder (--profile).");
            },
            false);
        return;
    }
}

void SyncController::refresh()
{
    const bool open = m_sync->isOpen();
    const bool signedIn = open && m_sync->isSignedIn();
    const sync::SyncStatus s = m_sync->status();
    m_status->setVisible(open);
    // A device the server refused signs in again while its token is still stored.
    m_status->setSignInVisible(open && (!signedIn || s.problem == SyncProblem::Forbidden));
    m_status->setSyncEnabled(signedIn && !s.running);
    m_syncNow->setEnabled(signedIn);
    m_signIn->setEnabled(open);
    if (!open)
        return;
    const qint64 pending = s.pending;
    // Worded when shown, like every part of the status: a language switch rewords the time and the clock's difference.
    const auto at = [lastSuccessMs = s.lastSuccessMs] { return syncedAt(lastSuccessMs); };
    const QString detail = s.detail;
    // The pause that actually runs: the server's Retry-After, or more after repeated refusals.
    const qint64 retryMs = m_sync->nextRoundInMs() >= 0 ? m_sync->nextRoundInMs() : s.retryAfterMs;
    const qint64 retrySeconds = std::max<qint64>(1, (retryMs + 999) / 1000);
    // A 401 forgot the token: the user is told why, not greeted as if they had never signed in.
    if (!signedIn && s.problem == SyncProblem::NotLoggedIn)
        return m_status->setStatus(Tone::Problem, [] { return tr("The server asks you to sign in again."); });
    if (!signedIn && pending == 0)
        return m_status->setStatus(Tone::Problem,
                                   [] { return tr("Not signed in. Sign in to share your work with your team."); });
    if (!signedIn)
        return m_status->setStatus(Tone::Problem, [pending] {
            return tr("Not signed in: %n change(s) are kept on this computer.", "", int(pending));
        });
    if (s.running)
        return m_status->setStatus(Tone::Busy, [] { return tr("Syncing…"); });
    switch (s.problem) {
    case SyncProblem::None:
        if (s.lastSuccessMs <= 0)
            return m_status->setStatus(Tone::Busy, [] { return tr("Waiting for the first sync."); });
        if (pending > 0)
            return m_status->setStatus(Tone::Good, [at, pending] {
                return tr("Synced at %1; %n change(s) waiting.", "", int(pending)).arg(at());
            });
        if (s.newerReleaseSeen)
            return m_status->setStatus(Tone::Good, [at] {
                return tr("Online. Synced at %1. Some of your team's data comes from a newer Fieldline; update to "
                          "see all of it.")
                    .arg(at());
            });
        return m_status->setStatus(Tone::Good, [at] { return tr("Online. Synced at %1.").arg(at()); });
    case SyncProblem::NotLoggedIn:
        return m_status->setStatus(Tone::Problem, [] { return tr("The server asks you to sign in again."); });
    case SyncProblem::Offline:
        return m_status->setStatus(Tone::Problem, [pending, at] {
            return withLastSync(
                tr("Offline: %n change(s) are kept on this computer and will be sent later.", "", int(pending)), at());
        });
    case SyncProblem::RateLimited:
        return m_status->setStatus(Tone::Problem, [retrySeconds, at] {
            return withLastSync(tr("The server is busy; sync resumes in %n second(s).", "", int(retrySeconds)), at());
        });
    case SyncProblem::Forbidden:
        return m_status->setStatus(Tone::Problem, [] { return tr("The server refused this device. Sign in again."); });
    case SyncProblem::ClockSkew:
        return m_status->setStatus(Tone::Problem, [offMs = s.clockOffMs] {
            return tr("This computer's clock is %1 behind. Set the correct time to receive changes.")
                .arg(sync::HybridLogicalClock::describeDuration(offMs));
        });
    case SyncProblem::ClockAhead:
        return m_status->setStatus(Tone::Problem, [offMs = s.clockOffMs, pending, aside = s.attachmentsSetAside] {
            const QString clock =
                tr("This computer's clock is %1 ahead of the server's. %n change(s) are kept and will be sent "
                   "once the server's time catches up; check the date and time.",
                   "", int(pending))
                    .arg(sync::HybridLogicalClock::describeDuration(offMs));
            return aside.count > 0 ? tr("%1 %2").arg(clock, setAsideText(aside)) : clock;
        });
    case SyncProblem::Rejected:
        // Worded here when the server named the kind, so it follows the user's language; else the server's words.
        return m_status->setStatus(Tone::Problem, [at, detail, refusal = s.refusal, aside = s.attachmentsSetAside] {
            return rejectedText(at(), refusal.kind == sync::Refusal::Kind::Other ? detail : refusal.words(), aside);
        });
    case SyncProblem::ServerError:
        return m_status->setStatus(Tone::Problem, [at] {
            return withLastSync(tr("The server had a problem; sync will try again shortly."), at());
        });
    case SyncProblem::LocalError:
        return m_status->setStatus(Tone::Problem, [detail] {
            return tr("Sync paused: this computer's profile could not be written (%1). Sync will try again shortly.")
                .arg(detail);
        });
    }
}

QString SyncController::syncedAt(qint64 ms)
{
    if (ms <= 0)
        return {};
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms);
    // A field rep offline for days needs the day too.
    if (when.date() == QDate::currentDate())
        return QLocale().toString(when.time(), QLocale::ShortFormat);
    return QLocale().toString(when, QLocale::ShortFormat);
}

QString SyncController::rejectedText(const QString &at, const QString &refused,
                                     const sync::SetAsideBlobs::Summary &aside)
{
    if (aside.count == 0)
        return tr("Synced at %1, but the server refused some changes: %2").arg(at, refused);
    if (refused.isEmpty())
        return tr("Synced at %1. %2").arg(at, setAsideText(aside));
    QString reason = refused;
    if (reason.endsWith(QLatin1Char('.')))
        reason.chop(1); // one sentence's end, not two
    return tr("Synced at %1, but the server refused some changes: %2. %3").arg(at, reason, setAsideText(aside));
}

QString SyncController::setAsideText(const sync::SetAsideBlobs::Summary &aside)
{
    if (aside.count == 0)
        return {};
    using Reason = sync::SetAsideBlobs::Reason;
    QString why = aside.reason == Reason::Missing   ? tr("missing on this computer")
                  : aside.reason == Reason::Damaged ? tr("damaged on this computer")
                                                    : tr("the server did not accept it");
    if (!aside.oneReason)
        why = tr("for more than one reason; the latest: %1").arg(why);
    return tr("%n attachment(s) could not be uploaded (%1). They are tried again every %2 minutes; the rest of your "
              "work is sent.",
              "", aside.count)
        .arg(why, QString::number(sync::SetAsideBlobs::RetryMs / 60'000));
}

QString SyncController::withLastSync(const QString &sentence, const QString &at)
{
    return at.isEmpty() ? sentence : tr("%1 Last synced %2.").arg(sentence, at);
}

bool SyncController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::LanguageChange)
        retranslate();
    return QObject::eventFilter(watched, event);
}

void SyncController::retranslate()
{
    m_syncNow->setText(tr("S&ync now"));
    m_syncNow->setStatusTip(tr("Send this computer's changes and receive your team's now."));
    m_signIn->setText(tr("Sign &in…"));
    m_signIn->setStatusTip(tr("Connect this profile to your organisation's server."));
}

} // namespace fieldline::ui
