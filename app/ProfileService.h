#pragma once

#include "app/ProfileFiles.h"
#include "storage/Database.h"
#include "storage/Error.h"
#include "storage/KdfParams.h"
#include "storage/SecretStore.h"

#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace fieldline::storage {
class KeyFile;
}

namespace fieldline::app {

struct ProfileOptions
{
    QString directory;                                       ///< holds fieldline.db (+ -wal) and fieldline.key
    storage::KdfParams kdf = storage::KdfParams::moderate(); ///< for new passphrase slots
};

/**
 * The user's encrypted profile: creates it, unlocks it (passphrase or OS keychain), locks it (keys wiped),
 * changes the passphrase (rewrap, no page touched), rotates the data key, and sets damaged files aside.
 * It never replaces a damaged or unreadable profile by itself: only quarantine() followed by create() does.
 */
class ProfileService : public QObject
{
    Q_OBJECT

public:
    enum class State { NoProfile, Locked, Unlocked, Damaged };
    Q_ENUM(State)

    /** keychain may be null (no "remember" slot possible). Not owned. */
    ProfileService(ProfileOptions options, storage::SecretStore *keychain, QObject *parent = nullptr);
    ~ProfileService() override;

    State state() const { return m_state; }
    /** Why the profile is Damaged, in plain words. */
    QString damageReason() const { return m_damageReason; }
    QString directory() const { return m_options.directory; }

    /**
     * Refuses (Invalid) while any profile file exists. With remember, a failure to use the keychain still
     * leaves the new profile created and Unlocked; the returned error (Unsupported or Io) then says why it
     * could not be remembered.
     */
    storage::Status create(const QString &passphrase, bool remember);
    /** WrongKey: the passphrase is wrong and nothing changed. Damaged: the state becomes Damaged. */
    storage::Status unlock(const QString &passphrase);
    /** NotFound when nothing is remembered; Unsupported when no keychain runs. */
    storage::Status unlockFromKeychain();
    bool isRemembered() const;
    bool canRemember() const;
    /** Requires Unlocked. */
    storage::Status setRemembered(bool remember);
    /** Requires Unlocked; WrongKey when current is wrong. */
    storage::Status changePassphrase(const QString &current, const QString &next);
    /**
     * Requires Unlocked: VACUUM INTO under a new key, fsync, rename; crash-safe (see ProfileFiles). Invalid
     * after unlockFromKeychain(): the passphrase slot can only follow the new key when unlocked by passphrase.
     */
    storage::Status rotateDataKey();
    /** Closes the database and wipes every key from memory. */
    void lock();
    /** Moves every profile file into a new "damaged-<time>" folder beside it; returns that folder. */
    storage::Result<QString> quarantine();

    /** The open database; null unless Unlocked. */
    storage::Database *database() const { return m_database.get(); }

signals:
    void stateChanged(fieldline::app::ProfileService::State state);
    /**
     * The database is about to close (a lock, a key rotation): it is still open, for whatever must be written or
     * closed first.
     */
    void databaseClosing();
    /** The database, closed for a key rotation, is open again (under the new key, or the old one if it failed). */
    void databaseReopened();

private:
    void setState(State state, const QString &damageReason = QString());
    void detectState();
    storage::Status requireUnlocked() const;
    storage::Status prepareUnlock();
    /** Loads the key file; one that is damaged or from a newer Fieldline makes the profile Damaged. */
    storage::Result<storage::KeyFile> loadKeyFile();
    storage::Status finishUnlock(std::unique_ptr<storage::KeyFile> keyFile, storage::DatabaseKey key,
                                 const QString &how);
    storage::Status openDatabase(const storage::DatabaseKey &key, bool create);
    storage::Status adoptKeyFile(std::unique_ptr<storage::KeyFile> next);
    storage::Status rotateFiles(storage::KeyFile &next, const storage::DatabaseKey &newKey);
    void reloadKeychainSecret(storage::KeyFile &file);
    void audit(const char *kind, const QString &detail = QString());

    ProfileOptions m_options;
    storage::SecretStore *m_keychain;
    State m_state = State::NoProfile;
    QString m_damageReason;
    std::unique_ptr<storage::Database> m_database;
    ProfileFiles m_files;
    std::unique_ptr<storage::KeyFile> m_keyFile; ///< while Unlocked, with the slot keys learnt at unlock
    std::optional<storage::DatabaseKey> m_key;   ///< while Unlocked
};

} // namespace fieldline::app
