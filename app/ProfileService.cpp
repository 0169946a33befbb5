#include "app/ProfileService.h"

#include "storage/AtomicFile.h"
#include "storage/KeyFile.h"
#include "storage/Migrations.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSignalBlocker>

#include <sodium.h>

using namespace fieldline::storage;

namespace fieldline::app {

namespace {

Q_LOGGING_CATEGORY(lcProfile, "fieldline.app.profile")

/** The keychain entry of a profile: tied to the database's file id, which survives rotations. */
QString keychainId(const QByteArray &fileId)
{
    return QStringLiteral("profile-") + QString::fromLatin1(fileId.toHex());
}

/**
 * The passphrase as NFC UTF-8 in guarded memory: the same words typed on another OS or keyboard layout can
 * arrive in another Unicode normalisation form and must still derive the same key.
 */
SecretBytes passphraseBytes(const QString &passphrase)
{
    QString normalized = passphrase.normalized(QString::NormalizationForm_C);
    QByteArray utf8 = normalized.toUtf8();
    SecretBytes secret = SecretBytes::copyOf(utf8);
    sodium_memzero(utf8.data(), std::size_t(utf8.size()));
    normalized.fill(QChar(0));
    return secret;
}

Error notUnlocked()
{
    return Error{ErrorCode::Invalid, QStringLiteral("The profile is not unlocked."), 0};
}

} // namespace

ProfileService::ProfileService(ProfileOptions options, SecretStore *keychain, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_keychain(keychain)
    , m_files(m_options.directory)
{
    detectState();
}

ProfileService::~ProfileService()
{
    const QSignalBlocker quiet(this); // nobody should hear from an object being destroyed
    lock();
}

void ProfileService::setState(State state, const QString &damageReason)
{
    const bool changed = state != m_state || damageReason != m_damageReason;
    m_state = state;
    m_damageReason = damageReason;
    if (changed)
        emit stateChanged(state);
}

void ProfileService::detectState()
{
    if (Status recovered = m_files.recoverInterruptedRotation(); !recovered)
        qCWarning(lcProfile) << "could not finish an interrupted key rotation:" << recovered.message();
    const bool hasKey = m_files.exists(m_files.keyFile());
    const bool hasDb = m_files.exists(m_files.database());
    if (!hasKey && !hasDb && !m_files.exists(m_files.wal()))
        return setState(State::NoProfile);
    if (!hasDb)
        return setState(State::Damaged, hasKey ? QStringLiteral("The key file is there but the database is missing.")
                                               : QStringLiteral("A database journal is there without its database."));
    if (!hasKey)
        return setState(State::Damaged, QStringLiteral("The database is there but its key file is missing."));
    Result<KeyFile> keyFile = KeyFile::load(m_files.keyFile());
    if (!keyFile)
        return setState(State::Damaged, keyFile.message());
    setState(State::Locked);
}

Status ProfileService::requireUnlocked() const
{
    return m_state == State::Unlocked && m_database && m_keyFile && m_key ? Status() : Status(notUnlocked());
}

void ProfileService::audit(const char *kind, const QString &detail)
{
    if (!m_database)
        return;
    Result<Statement *> insert = m_database->prepare("INSERT INTO audit_events(at_ms, kind, detail) VALUES (?, ?, ?)");
    Status written = insert ? (*insert)
                                  ->bind(1, QDateTime::currentMSecsSinceEpoch())
                                  .bind(2, QString::fromLatin1(kind))
                                  .bind(3, detail)
                                  .run()
                            : insert.status();
    if (!written) // the event is lost, not the operation: auditing must never lock a user out
        qCWarning(lcProfile) << "could not record audit event" << kind << written.message();
}

Status ProfileService::openDatabase(const DatabaseKey &key, bool create)
{
    Database::Options options;
    options.create = create;
    Result<std::unique_ptr<Database>> db = Database::open(m_files.database(), key, options);
    if (!db)
        return db.status();
    if (Status migrated = Migrations::standard().migrate(**db); !migrated)
        return migrated;
    m_database = std::move(*db);
    return {};
}

Status ProfileService::create(const QString &passphrase, bool remember)
{
    if (m_state != State::NoProfile || !m_files.existing().isEmpty())
        return Error{ErrorCode::Invalid,
                     QStringLiteral("A profile already exists in %1; it is never replaced.").arg(m_files.directory()),
                     0};
    if (passphrase.isEmpty())
        return Error{ErrorCode::Invalid, QStringLiteral("The passphrase is empty."), 0};
    if (Status s = m_files.ensureDirectory(); !s)
        return s;
    DatabaseKey key = DatabaseKey::generate(1);
    Result<KeyFile> keyFile = KeyFile::create(key, passphraseBytes(passphrase), m_options.kdf);
    if (!keyFile)
        return keyFile.status();
    // Key file first: a database never exists without the key that opens it, so a failure below can clean up.
    if (Status s = keyFile->writeAtomically(m_files.keyFile()); !s)
        return s;
    if (Status s = openDatabase(key, true); !s) {
        m_database.reset();
        m_files.removeProfile(); // nothing in it yet: leave no half-made profile behind
        return s;
    }
    m_keyFile = std::make_unique<KeyFile>(std::move(*keyFile));
    m_key = std::move(key);
    audit("profile_created");
    setState(State::Unlocked);
    if (!remember)
        return {};
    if (Status remembered = setRemembered(true); !remembered)
        return Error{remembered.code(),
                     QStringLiteral("Your profile was created and is open, but Fieldline could not remember the "
                                    "passphrase on this computer: %1")
                         .arg(remembered.message()),
                     0};
    return {};
}

Status ProfileService::prepareUnlock()
{
    if (m_state == State::Unlocked)
        return Error{ErrorCode::Invalid, QStringLiteral("The profile is already unlocked."), 0};
    // Damaged stays Damaged until quarantine(): retrying cannot repair it, and must not look as if it might.
    if (m_state != State::Damaged)
        detectState(); // files may have changed since construction (and a rotation may need finishing)
    if (m_state == State::NoProfile)
        return Error{ErrorCode::NotFound, QStringLiteral("There is no profile in %1.").arg(m_files.directory()), 0};
    if (m_state == State::Damaged)
        return Error{ErrorCode::Damaged, m_damageReason, 0};
    return {};
}

Status ProfileService::finishUnlock(std::unique_ptr<KeyFile> keyFile, DatabaseKey key, const QString &how)
{
    if (Status opened = openDatabase(key, false); !opened) {
        // The key file vouched for this DEK, so a database that does not authenticate under it is damaged.
        if (opened.code() == ErrorCode::Damaged)
            setState(State::Damaged, QStringLiteral("The database is damaged or does not belong to this key file: %1")
                                         .arg(opened.message()));
        return opened;
    }
    m_keyFile = std::move(keyFile);
    m_key = std::move(key);
    audit("unlocked", how);
    setState(State::Unlocked);
    return {};
}

Result<KeyFile> ProfileService::loadKeyFile()
{
    Result<KeyFile> keyFile = KeyFile::load(m_files.keyFile());
    if (!keyFile && (keyFile.code() == ErrorCode::Damaged || keyFile.code() == ErrorCode::Unsupported))
        setState(State::Damaged, keyFile.message());
    return keyFile;
}

Status ProfileService::unlock(const QString &passphrase)
{
    if (Status s = prepareUnlock(); !s)
        return s;
    Result<KeyFile> keyFile = loadKeyFile();
    if (!keyFile)
        return keyFile.status();
    Result<DatabaseKey> key = keyFile->unlockWithPassphrase(passphraseBytes(passphrase));
    if (!key)
        return key.status(); // WrongKey: nothing was touched
    return finishUnlock(std::make_unique<KeyFile>(std::move(*keyFile)), std::move(*key), QStringLiteral("passphrase"));
}

Status ProfileService::unlockFromKeychain()
{
    if (!m_keychain)
        return Error{ErrorCode::Unsupported, QStringLiteral("Fieldline has no keychain to unlock from."), 0};
    if (!m_keychain->isAvailable())
        return Error{ErrorCode::Unsupported, m_keychain->unavailableReason(), 0};
    if (Status s = prepareUnlock(); !s)
        return s;
    Result<KeyFile> keyFile = loadKeyFile();
    if (!keyFile)
        return keyFile.status();
    if (!keyFile->hasKeychainSlot())
        return Error{ErrorCode::NotFound, QStringLiteral("This profile is not remembered on this computer."), 0};
    Result<SecretBytes> secret = m_keychain->load(keychainId(keyFile->fileId()));
    if (!secret)
        return secret.status();
    Result<DatabaseKey> key = keyFile->unlockWithSecret(*secret);
    if (!key)
        return key.status();
    return finishUnlock(std::make_unique<KeyFile>(std::move(*keyFile)), std::move(*key), QStringLiteral("keychain"));
}

bool ProfileService::isRemembered() const
{
    if (m_keyFile)
        return m_keyFile->hasKeychainSlot();
    Result<KeyFile> keyFile = KeyFile::load(m_files.keyFile());
    return keyFile && keyFile->hasKeychainSlot();
}

bool ProfileService::canRemember() const
{
    return m_keychain && m_keychain->isAvailable();
}

Status ProfileService::adoptKeyFile(std::unique_ptr<KeyFile> next)
{
    if (Status s = next->writeAtomically(m_files.keyFile()); !s)
        return s;
    m_keyFile = std::move(next);
    return {};
}

Status ProfileService::setRemembered(bool remember)
{
    if (Status s = requireUnlocked(); !s)
        return s;
    if (remember == m_keyFile->hasKeychainSlot())
        return {};
    auto next = std::make_unique<KeyFile>(m_keyFile->clone());
    if (!remember) {
        next->removeKeychainSlot();
        if (Status s = adoptKeyFile(std::move(next)); !s)
            return s;
        // The slot is gone from the key file, so the keychain entry opens nothing any more; removing it is tidy-up.
        if (Status removed = m_keychain ? m_keychain->remove(keychainId(m_key->fileId)) : Status(); !removed)
            qCWarning(lcProfile) << "could not remove the keychain entry:" << removed.message();
        audit("remember_off");
        return {};
    }
    if (!m_keychain)
        return Error{ErrorCode::Unsupported, QStringLiteral("Fieldline has no keychain on this computer."), 0};
    if (!m_keychain->isAvailable())
        return Error{ErrorCode::Unsupported, m_keychain->unavailableReason(), 0};
    // Keychain first: a crash before the key file is written leaves an unused entry, never a slot without secret.
    SecretBytes secret = SecretBytes::random(KeyFile::KeychainSecretSize);
    if (Status s = m_keychain->store(keychainId(m_key->fileId), secret); !s)
        return s;
    if (Status s = next->addKeychainSlot(*m_key, secret); !s)
        return s;
    if (Status s = adoptKeyFile(std::move(next)); !s) {
        (void)m_keychain->remove(keychainId(m_key->fileId));
        return s;
    }
    audit("remember_on");
    return {};
}

Status ProfileService::changePassphrase(const QString &current, const QString &next)
{
    if (Status s = requireUnlocked(); !s)
        return s;
    if (next.isEmpty())
        return Error{ErrorCode::Invalid, QStringLiteral("The new passphrase is empty."), 0};
    auto file = std::make_unique<KeyFile>(m_keyFile->clone());
    if (Result<DatabaseKey> check = file->unlockWithPassphrase(passphraseBytes(current)); !check)
        return check.status();
    // Only the passphrase slot is rewrapped: the DEK, and so every database page, stays as it is.
    if (Status s = file->setPassphrase(*m_key, passphraseBytes(next), m_options.kdf); !s)
        return s;
    if (Status s = adoptKeyFile(std::move(file)); !s)
        return s;
    audit("passphrase_changed");
    return {};
}

void ProfileService::reloadKeychainSecret(KeyFile &file)
{
    // A passphrase unlock never saw the keychain secret; fetch it so the keychain slot survives the rotation.
    if (!file.hasKeychainSlot() || !m_keychain || !m_keychain->isAvailable())
        return;
    if (Result<SecretBytes> secret = m_keychain->load(keychainId(m_key->fileId)); secret)
        (void)file.unlockWithSecret(*secret);
}

Status ProfileService::rotateDataKey()
{
    if (Status s = requireUnlocked(); !s)
        return s;
    if (Status s = m_files.discardRotation(); !s)
        return s;
    DatabaseKey newKey{SecretBytes::random(DatabaseKey::KeySize), m_key->fileId, m_key->epoch + 1};
    KeyFile next = m_keyFile->clone();
    reloadKeychainSecret(next);
    const bool wasRemembered = next.hasKeychainSlot();
    if (Status s = next.rewrap(newKey); !s)
        return s;
    // The listeners close first: what they write while closing (released claims, a final sync state) must be in the
    // copy, not in the database the copy replaces.
    emit databaseClosing();
    if (Status s = m_database->vacuumInto(m_files.rotatingDatabase(), newKey); !s) {
        (void)m_files.discardRotation();
        emit databaseReopened(); // the same database, still open
        return s;
    }
    if (Status s = rotateFiles(next, newKey); !s)
        return s;
    m_keyFile = std::make_unique<KeyFile>(std::move(next));
    m_key = std::move(newKey);
    audit("key_rotated", QStringLiteral("epoch %1").arg(m_key->epoch));
    if (wasRemembered && !m_keyFile->hasKeychainSlot()) {
        qCWarning(lcProfile) << "the keychain secret was unavailable; the profile is no longer remembered";
        if (m_keychain)
            (void)m_keychain->remove(keychainId(m_key->fileId));
    }
    return {};
}

/**
 * The swap, in the order ProfileFiles documents, so a crash at any step leaves a profile that opens. The listeners
 * have already been told the database is closing.
 */
Status ProfileService::rotateFiles(KeyFile &next, const DatabaseKey &newKey)
{
    const auto rollBack = [this](const Status &failure) {
        (void)m_files.discardRotation();
        if (m_database) { // never closed: its listeners come back to it
            emit databaseReopened();
            return failure;
        }
        if (openDatabase(*m_key, false)) {
            emit databaseReopened();
        } else {
            m_keyFile.reset();
            m_key.reset();
            setState(State::Locked);
        }
        return failure;
    };
    if (Status s = next.writeAtomically(m_files.pendingKeyFile()); !s)
        return rollBack(s);
    m_database.reset();                // the last connection's close checkpoints and deletes the WAL
    if (m_files.exists(m_files.wal())) // a stale WAL would be replayed into the new database: stop here
        return rollBack(Error{ErrorCode::Io, QStringLiteral("The database journal was not cleared; try again."), 0});
    if (Status s = AtomicFile::rename(m_files.rotatingDatabase(), m_files.database()); !s)
        return rollBack(s);
    if (Status s = AtomicFile::rename(m_files.pendingKeyFile(), m_files.keyFile()); !s) {
        // The new database is in place but its key file is not: the next start finishes the rename.
        m_keyFile.reset();
        m_key.reset();
        setState(State::Locked);
        return s;
    }
    if (Status s = openDatabase(newKey, false); !s) {
        m_keyFile.reset();
        m_key.reset();
        if (s.code() == ErrorCode::Damaged)
            setState(State::Damaged, s.message());
        else
            setState(State::Locked);
        return s;
    }
    emit databaseReopened();
    return {};
}

void ProfileService::lock()
{
    if (m_state != State::Unlocked)
        return;
    audit("locked");
    emit databaseClosing();
    m_database.reset();
    if (m_keyFile)
        m_keyFile->forgetSlotKeys();
    m_keyFile.reset();
    m_key.reset(); // SecretBytes wipes the DEK
    setState(State::Locked);
}

Result<QString> ProfileService::quarantine()
{
    lock();
    Result<QString> folder = m_files.quarantine(QDateTime::currentDateTime());
    if (!folder) {
        detectState();
        return folder;
    }
    qCWarning(lcProfile) << "profile files set aside in" << *folder;
    setState(State::NoProfile);
    return folder;
}

} // namespace fieldline::app
