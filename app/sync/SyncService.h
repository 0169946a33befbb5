#pragma once

#include "app/ProfileService.h"
#include "app/sync/LoginClient.h"
#include "sync/Clock.h"
#include "sync/LiveClient.h"
#include "sync/Replica.h"
#include "sync/SyncClient.h"
#include "sync/SyncStateStore.h"
#include "sync/SyncTransport.h"
#include "sync/blobs/BlobFetches.h"
#include "sync/blobs/BlobTransfer.h"
#include "sync/blobs/LocalBlobs.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace fieldline::app {

/**
 * The unlocked profile's online life: its replica of the product tables, the server account, and sync rounds
 * in the background (after every login, every minute, at once on "sync now", moments after a local write or a
 * live notification, with growing pauses while the server cannot be reached). Everything keeps working offline;
 * nothing here blocks the caller.
 *
 * It follows the profile: it opens when the profile is unlocked and closes, with every request cut off, before
 * the locked profile's database could be touched again.
 */
class SyncService : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int intervalMs = 60 * 1000;  ///< pause between rounds while all is well
        int firstRetryMs = 5 * 1000; ///< first pause after a failed round; doubles up to maxRetryMs
        int maxRetryMs = 5 * 60 * 1000;
        /// A local write is pushed this long after it (so one action's writes go together) ...
        int pushDelayMs = 20;
        /// ... and at most one round per this long is started by writes and live notifications together (typing in a
        /// form writes per keystroke, and every push in the tenant notifies every device).
        int pushGapMs = 1000;
    };

    SyncService(ProfileService &profile, const sync::Clock &clock, Options options, QObject *parent = nullptr);
    SyncService(ProfileService &profile, const sync::Clock &clock, QObject *parent = nullptr)
        : SyncService(profile, clock, Options{}, parent)
    {}
    ~SyncService() override;

    /** The profile is unlocked and its replica open. */
    bool isOpen() const { return m_replica != nullptr; }
    /** The live channel is connected: edits elsewhere arrive within moments, not at the next minute. */
    bool isLive() const { return m_live && m_live->isConnected(); }
    /** A server account with a token is stored in the profile. */
    bool isSignedIn() const;
    /** The stored account (token included); empty when closed. */
    sync::SyncStateStore::Account account() const;
    sync::SyncStatus status() const;
    sync::Replica *replica() const { return m_replica.get(); }
    /** The profile's attachments (photos, signatures); uploaded before each push. Null while closed. */
    sync::LocalBlobs *blobs() const { return m_blobs.get(); }
    /**
     * Downloads the attachment @p hexName into blobs(); @p done(true) runs once it is here. A download that fails
     * for now (offline, not on the server yet) is tried again after rounds that reach the server (BlobFetches);
     * done(false) only when it cannot be asked for at all (a malformed name, signed out).
     */
    void fetchBlob(const QString &hexName, std::function<void(bool arrived)> done);

    /** Logs in; on success keeps the account in the encrypted store and syncs. loginFinished() follows. */
    void login(const QUrl &server, const QString &tenant, const QString &user, const QString &password);
    /** Drops the login under way, if any: no loginFinished() comes for it. */
    void cancelLogin();
    void syncNow();
    /** When the next timed round starts (after a failure: the retry), -1 when none is due. */
    qint64 nextRoundInMs() const;
    /** Forgets the token (the URL, tenant and user stay for the next login). */
    void signOut();
    /** Rows of @p table that are visible (alive); -1 when closed. */
    qint64 visibleRows(const QString &table) const;

    /** The clock every synced write is stamped with; services writing to the replica read time from it too. */
    const sync::Clock &clock() const { return m_clock; }

signals:
    void statusChanged();
    void loginFinished(const fieldline::app::LoginResult &result);
    /** The set of visible rows may have changed (remote changes applied, login to another account). */
    void dataChanged();
    void openChanged(bool open);
    /** The replica and the attachments are about to go (lock): let go of them now. */
    void aboutToClose();
    /** A sync round ended; status() says how. */
    void roundEnded();

private:
    void followProfile(ProfileService::State state);
    void open();
    void close();
    void startClient();
    void loginAnswered(const LoginResult &result);
    void roundFinished();
    /** A local write was made: a round soon, unless the server could not be reached (the retry timer waits then). */
    void localWrite();
    /** The last round failed (or the server refused this device) and none runs: the retry timer or the user acts. */
    bool waitingToRetry() const;
    /** The server's cursor moved to @p cursor: a round soon, unless this device has pulled that far (its own push). */
    void liveNotified(qint64 cursor);
    /** Starts the timer of a write- or notification-started round, at most one per pushGapMs. */
    void roundSoon(int delayMs);
    void soonRound();

    ProfileService &m_profile;
    const sync::Clock &m_clock;
    Options m_options;
    LoginClient m_login;
    std::optional<sync::SyncStateStore::Account> m_loginFor; ///< the account of the login under way (no token yet)
    quint64 m_loginAttempt = 0; ///< counts cancellations, so an answer queued before one is dropped
    QTimer m_timer;
    QTimer m_soonTimer;
    QTimer m_pendingTimer; ///< recounts the changes kept after local writes
    static constexpr int PendingRecountMs = 300;
    int m_pendingGapMs = PendingRecountMs; ///< after a local write; ten times the last count's time when longer
    QElapsedTimer m_sinceSoonRound;        ///< since the last round a write or a notification started
    bool m_writeWaiting = false;           ///< a local write waits for soonRound()
    bool m_soonAfterRound = false;         ///< soonRound() came during a round: it runs again when that round ends
    qint64 m_liveCursor = 0;               ///< the highest cursor the live channel told of
    int m_failures = 0;
    // Declared so the transport goes first on close: it cuts its requests off before the client they call back.
    std::unique_ptr<sync::Replica> m_replica;
    std::unique_ptr<sync::SyncStateStore> m_state;
    std::unique_ptr<sync::LocalBlobs> m_blobs;
    std::unique_ptr<sync::SyncClient> m_client;
    std::unique_ptr<sync::HttpSyncTransport> m_transport;
    std::unique_ptr<sync::BlobTransfer> m_blobTransfer; ///< uses the transport, so it goes before it
    std::unique_ptr<sync::BlobFetches> m_blobFetches;   ///< uses the transfer
    std::unique_ptr<sync::LiveClient> m_live;
};

} // namespace fieldline::app
