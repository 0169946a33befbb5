#include "app/sync/SyncService.h"

#include "app/sync/AppSchema.h"
#include "app/sync/RetryPolicy.h"
#include "app/telemarketing/TelemarketingTables.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSysInfo>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcAppSync, "fieldline.app.sync")

namespace fieldline::app {

SyncService::SyncService(ProfileService &profile, const sync::Clock &clock, Options options, QObject *parent)
    : QObject(parent)
    , m_profile(profile)
    , m_clock(clock)
    , m_options(options)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SyncService::syncNow);
    m_soonTimer.setSingleShot(true);
    connect(&m_soonTimer, &QTimer::timeout, this, &SyncService::soonRound);
    m_pendingTimer.setSingleShot(true);
    connect(&m_pendingTimer, &QTimer::timeout, this, [this] {
        if (!m_client)
            return;
        QElapsedTimer took;
        took.start();
        m_client->refreshPending();
        // A device offline with hundreds of thousands of changes takes a tenth of a second to count them: the count
        // then waits longer, so it never holds the UI thread more than a tenth of the time.
        m_pendingGapMs = int(std::clamp<qint64>(10 * took.elapsed(), PendingRecountMs, 10'000));
    });
    connect(&m_profile, &ProfileService::stateChanged, this, &SyncService::followProfile);
    // Closed while the database is open: what closes with it (an agent's screen letting go of its claims) writes.
    connect(&m_profile, &ProfileService::databaseClosing, this, [this] {
        if (m_replica)
            close();
    });
    connect(&m_profile, &ProfileService::databaseReopened, this, [this] { followProfile(m_profile.state()); });
    connect(&m_login, &LoginClient::finished, this, &SyncService::loginAnswered);
    followProfile(m_profile.state());
}

SyncService::~SyncService()
{
    close();
}

void SyncService::followProfile(ProfileService::State state)
{
    if (state == ProfileService::State::Unlocked && !m_replica)
        open();
    else if (state != ProfileService::State::Unlocked && m_replica)
        close();
}

void SyncService::open()
{
    storage::Database *db = m_profile.database();
    if (!db)
        return;
    auto replica = sync::Replica::open(*db, appSchema(), m_clock);
    if (!replica) {
        qCWarning(lcAppSync) << "cannot open the synced tables:" << replica.message();
        return;
    }
    if (storage::Status indexed = telemarketing::createTelemarketingIndexes(*db); !indexed) {
        qCWarning(lcAppSync) << "cannot index the dialer's tables:" << indexed.message();
        return;
    }
    auto state = std::make_unique<sync::SyncStateStore>(*db);
    if (storage::Status created = state->createTables(); !created) {
        qCWarning(lcAppSync) << "cannot create the sync tables:" << created.message();
        return;
    }
    auto blobs = std::make_unique<sync::LocalBlobs>(*db);
    if (storage::Status created = blobs->createTables(); !created) {
        qCWarning(lcAppSync) << "cannot create the attachment tables:" << created.message();
        return;
    }
    m_replica = std::move(*replica);
    m_replica->setLocalWriteListener([this] { localWrite(); });
    m_state = std::move(state);
    m_blobs = std::move(blobs);
    startClient();
    emit openChanged(true);
    emit dataChanged();
    if (isSignedIn())
        syncNow();
}

void SyncService::startClient()
{
    m_failures = 0;                    // a new token or account starts its pauses again
    m_liveCursor = 0;                  // another account's cursors
    m_pendingGapMs = PendingRecountMs; // another profile's backlog
    m_live.reset();
    m_blobFetches.reset();
    m_blobTransfer.reset();
    m_transport.reset();
    m_client.reset();
    const sync::SyncStateStore::Account stored = account();
    m_transport = std::make_unique<sync::HttpSyncTransport>(QUrl(stored.serverUrl));
    m_client = std::make_unique<sync::SyncClient>(*m_replica, *m_state, *m_transport, m_clock);
    // Attachments go up before the changes that name them.
    m_blobTransfer = std::make_unique<sync::BlobTransfer>(*m_blobs, *m_transport, m_clock);
    m_client->setBlobTransfer(m_blobTransfer.get());
    m_blobFetches = std::make_unique<sync::BlobFetches>(*m_blobTransfer, m_clock);
    connect(m_client.get(), &sync::SyncClient::statusChanged, this, &SyncService::statusChanged);
    connect(m_client.get(), &sync::SyncClient::roundFinished, this, &SyncService::roundFinished);
    connect(m_client.get(), &sync::SyncClient::remoteChangesApplied, this, &SyncService::dataChanged);
    m_client->refreshPending();
    if (stored.isValid()) {
        // "The cursor moved" from the server: pull now instead of at the next interval.
        m_live = std::make_unique<sync::LiveClient>(QUrl(stored.serverUrl), stored.token);
        connect(m_live.get(), &sync::LiveClient::notified, this, &SyncService::liveNotified);
        connect(m_live.get(), &sync::LiveClient::connectedChanged, this, &SyncService::statusChanged);
        // The server refused the token on the live channel: a round finds out why and asks for a sign-in if so.
        connect(m_live.get(), &sync::LiveClient::refused, this, &SyncService::syncNow);
        m_live->start();
    }
    emit statusChanged();
}

void SyncService::close()
{
    emit aboutToClose();
    m_timer.stop();
    m_soonTimer.stop();
    m_pendingTimer.stop();
    cancelLogin(); // its answer would be kept in a profile that is locked by then
    m_writeWaiting = false;
    m_soonAfterRound = false;
    m_liveCursor = 0;
    m_live.reset();
    m_blobFetches.reset();
    m_blobTransfer.reset();
    m_transport.reset();
    m_client.reset();
    m_blobs.reset();
    m_state.reset();
    m_replica.reset();
    m_failures = 0;
    emit openChanged(false);
    emit statusChanged();
}

void SyncService::fetchBlob(const QString &hexName, std::function<void(bool arrived)> done)
{
    const std::optional<sync::BlobName> name = sync::BlobName::fromHex(hexName.toLatin1());
    const sync::SyncStateStore::Account stored = account();
    if (!name || !m_blobFetches || !stored.isValid())
        return done(false);
    m_blobFetches->fetch(*name, stored.token, [done = std::move(done)] { done(true); });
}

bool SyncService::isSignedIn() const
{
    return account().isValid();
}

sync::SyncStateStore::Account SyncService::account() const
{
    if (!m_state)
        return {};
    auto stored = m_state->account();
    return stored ? *stored : sync::SyncStateStore::Account{};
}

sync::SyncStatus SyncService::status() const
{
    return m_client ? m_client->status() : sync::SyncStatus{};
}

void SyncService::login(const QUrl &server, const QString &tenant, const QString &user, const QString &password)
{
    // A profile that signed in before keeps its server, tenant and user: its rows, cursor and unsent changes belong
    // there (SyncStateStore::saveAccount refuses the change too). Refused before the password leaves this computer.
    cancelLogin();
    const sync::SyncStateStore::Account stored = account();
    if (stored.isBound() && !stored.sameIdentity({server.toString(), tenant, user, {}, {}})) {
        LoginResult refused;
        refused.problem = LoginProblem::OtherAccount;
        QMetaObject::invokeMethod(
            this,
            [this, refused, attempt = m_loginAttempt] {
                if (attempt == m_loginAttempt) // not cancelled, nor replaced by another attempt, meanwhile
                    emit loginFinished(refused);
            },
            Qt::QueuedConnection);
        return;
    }
    const QString device = QSysInfo::machineHostName().left(100);
    // A new attempt replaces one still under way (LoginClient drops it), so the answer is always this one's.
    m_loginFor = {server.toString(), tenant, user, {}, {}};
    m_login.login(server, tenant, user, password, device.isEmpty() ? QStringLiteral("Fieldline desktop") : device);
}

void SyncService::cancelLogin()
{
    ++m_loginAttempt;
    m_login.cancel();
    m_loginFor.reset();
}

void SyncService::loginAnswered(const LoginResult &result)
{
    const std::optional<sync::SyncStateStore::Account> attempt = std::exchange(m_loginFor, std::nullopt);
    if (result.problem != LoginProblem::None || !attempt) {
        emit loginFinished(result);
        return;
    }
    sync::SyncStateStore::Account signedIn = *attempt;
    signedIn.token = result.token;
    signedIn.role = result.role;
    QString notKept; // the profile was locked meanwhile, or its store refused the account
    if (!m_state)
        notKept = QStringLiteral("the profile is locked");
    else if (storage::Status saved = m_state->saveAccount(signedIn); !saved)
        notKept = saved.message();
    if (!notKept.isEmpty()) {
        qCWarning(lcAppSync) << "cannot keep the account:" << notKept;
        LoginResult unkept;
        unkept.problem = LoginProblem::ServerError;
        unkept.detail = notKept;
        emit loginFinished(unkept);
        return;
    }
    startClient();
    syncNow();
    emit loginFinished(result);
}

void SyncService::syncNow()
{
    if (!m_client)
        return;
    m_timer.stop();
    m_client->syncNow();
}

void SyncService::signOut()
{
    if (!m_state)
        return;
    if (storage::Status cleared = m_state->clearToken(); !cleared)
        qCWarning(lcAppSync) << "cannot forget the token:" << cleared.message();
    m_timer.stop();
    startClient();
}

qint64 SyncService::visibleRows(const QString &table) const
{
    if (!m_replica || !m_replica->schema().find(table))
        return -1;
    const QByteArray sql = "SELECT count(*) FROM \"" + table.toUtf8() + '"';
    auto count = m_replica->database().queryInt(sql.constData());
    return count ? *count : -1;
}

void SyncService::roundFinished()
{
    const sync::SyncStatus current = status();
    const RetryPolicy policy{m_options.intervalMs, m_options.firstRetryMs, m_options.maxRetryMs};
    const std::optional<qint64> pause =
        policy.pauseMs(current.problem, current.retryAfterMs, m_failures, QRandomGenerator::global()->generateDouble());
    if (pause)
        m_timer.start(int(*pause));
    if (RetryPolicy::isFailure(current.problem))
        ++m_failures;
    else if (pause)
        m_failures = 0;
    if (sync::reachedServer(current.problem) && m_blobFetches)
        m_blobFetches->retry(account().token); // photos other devices uploaded since
    emit roundEnded();
    if (std::exchange(m_soonAfterRound, false) && !waitingToRetry())
        soonRound(); // after a failure the retry timer's round takes the waiting writes
}

bool SyncService::waitingToRetry() const
{
    // A round whose changes were refused for now (ClockAhead) did sync: others' changes are still worth pulling. A
    // refused device (403) waits for the user, not for each colleague's push.
    const sync::SyncStatus now = status();
    return !now.running && (RetryPolicy::isFailure(now.problem) || now.problem == sync::SyncProblem::Forbidden);
}

qint64 SyncService::nextRoundInMs() const
{
    return m_timer.isActive() ? m_timer.remainingTime() : -1;
}

void SyncService::localWrite()
{
    // The count of changes kept shows at once, online or not (at most a few times a second: it reads them all).
    if (!m_pendingTimer.isActive())
        m_pendingTimer.start(m_pendingGapMs);
    // While a round runs, its end decides; otherwise a failed last round leaves the write to the retry timer.
    if (waitingToRetry())
        return;
    m_writeWaiting = true;
    roundSoon(m_options.pushDelayMs);
}

void SyncService::liveNotified(qint64 cursor)
{
    m_liveCursor = std::max(m_liveCursor, cursor);
    roundSoon(0);
}

void SyncService::roundSoon(int delayMs)
{
    if (m_soonTimer.isActive())
        return;
    qint64 wait = delayMs;
    if (m_sinceSoonRound.isValid())
        wait = std::max(wait, m_options.pushGapMs - m_sinceSoonRound.elapsed());
    m_soonTimer.start(int(wait));
}

void SyncService::soonRound()
{
    // After a failed round only the retry timer (or the user) starts one: a busy server's Retry-After holds for
    // live notifications too, and every device of the tenant hears each push.
    if (!m_client || !isSignedIn() || waitingToRetry())
        return;
    if (m_client->status().running) {
        m_soonAfterRound = true;
        return;
    }
    if (!std::exchange(m_writeWaiting, false)) {
        // Told of changes this device has pulled already: usually its own push, which the server announces too.
        storage::Result<qint64> pulled = m_state->pullCursor();
        if (pulled && *pulled >= m_liveCursor)
            return;
    }
    m_sinceSoonRound.start();
    syncNow();
}

} // namespace fieldline::app
