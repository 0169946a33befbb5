#include "app/ProfileService.h"
#include "app/sync/SyncService.h"
#include "storage/KeyFile.h"
#include "storage/UnavailableSecretStore.h"
#include "sync/Clock.h"
#include "tests/support/MemorySecretStore.h"

#include <QDir>
#include <QDirIterator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline::app;
using namespace fieldline::storage;
using fieldline::testsupport::MemorySecretStore;

namespace {

const QString Passphrase = QStringLiteral("correct horse battery staple");

/** Every file below dir, by relative path, with its bytes: "nothing changed" means equal snapshots. */
QMap<QString, QByteArray> snapshot(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        files.insert(QDir(dir).relativeFilePath(path), f.open(QIODevice::ReadOnly) ? f.readAll() : "<unreadable>");
    }
    return files;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(f.write(bytes), bytes.size());
}

QStringList auditKinds(Database *db)
{
    QStringList kinds;
    auto stmt = db->prepareUncached("SELECT kind FROM audit_events ORDER BY id");
    while (stmt && *(*stmt)->step())
        kinds << (*stmt)->text(0);
    return kinds;
}

/** The DEK the key file wraps right now, read the way an attacker with the passphrase would. */
DatabaseKey currentKey(const QString &dir, const QString &passphrase)
{
    Result<KeyFile> file = KeyFile::load(QDir(dir).filePath(QStringLiteral("fieldline.key")));
    if (!file)
        return {};
    Result<DatabaseKey> key = file->unlockWithPassphrase(SecretBytes::copyOf(passphrase.toUtf8()));
    return key ? std::move(*key) : DatabaseKey{};
}

} // namespace

class TestProfileService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void firstRunCreatesAndUnlocks();
    void createNeverReplacesExistingFiles();
    void unlockAfterRestart();
    void wrongPassphraseChangesNothing();
    void lockClosesAndWipes();
    void changePassphraseRewrapsOnly();
    void rotateDataKey();
    void interruptedRotationRecovers_data();
    void interruptedRotationRecovers();
    void damagedDatabaseIsQuarantinedNeverRecreated();
    void inconsistentFilesAreDamaged_data();
    void inconsistentFilesAreDamaged();
    void newerSchemaIsRefusedNotDamaged();
    void rememberAndUnlockFromKeychain();
    void rememberSurvivesRotationAndPassphraseChange();
    void rotationAfterKeychainUnlockNeedsPassphrase();
    void absentKeychainGivesReason();
    void failingKeychainStillCreatesProfile();

private:
    ProfileOptions options() const { return {m_dir->path(), KdfParams::interactive()}; }
    QString file(const char *name) const { return m_dir->filePath(QString::fromLatin1(name)); }
    void createProfile(SecretStore *keychain = nullptr, bool remember = false);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProfileService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestProfileService::createProfile(SecretStore *keychain, bool remember)
{
    ProfileService service(options(), keychain);
    QCOMPARE(service.state(), ProfileService::State::NoProfile);
    Status created = service.create(Passphrase, remember);
    QVERIFY2(created.ok(), qPrintable(created.message()));
    QVERIFY(service.database()->exec("INSERT INTO settings(key, value) VALUES ('greeting', 'hello')").ok());
}

void TestProfileService::firstRunCreatesAndUnlocks()
{
    ProfileService service(options(), nullptr);
    QCOMPARE(service.state(), ProfileService::State::NoProfile);
    QVERIFY(service.database() == nullptr);
    QSignalSpy spy(&service, &ProfileService::stateChanged);
    Status created = service.create(Passphrase, false);
    QVERIFY2(created.ok(), qPrintable(created.message()));
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).value<ProfileService::State>(), ProfileService::State::Unlocked);
    QVERIFY(service.database());
    QCOMPARE(*service.database()->queryInt("PRAGMA user_version"), 2);
    QCOMPARE(auditKinds(service.database()), QStringList{QStringLiteral("profile_created")});
    QVERIFY(QFile::exists(file("fieldline.key")));
    QVERIFY(QFile::exists(file("fieldline.db")));
    QVERIFY(!service.isRemembered());

    ProfileService second(options(), nullptr);
    QCOMPARE(second.state(), ProfileService::State::Locked); // sees the files, does not open them
}

void TestProfileService::createNeverReplacesExistingFiles()
{
    createProfile();
    const auto before = snapshot(m_dir->path());
    ProfileService service(options(), nullptr);
    QCOMPARE(service.create(QStringLiteral("other"), false).code(), ErrorCode::Invalid);
    QCOMPARE(snapshot(m_dir->path()), before);

    QVERIFY(QFile::remove(file("fieldline.db")));
    ProfileService keyOnly(options(), nullptr);
    QCOMPARE(keyOnly.state(), ProfileService::State::Damaged);
    QCOMPARE(keyOnly.create(QStringLiteral("other"), false).code(), ErrorCode::Invalid);
    QVERIFY(!QFile::exists(file("fieldline.db")));
}

void TestProfileService::unlockAfterRestart()
{
    createProfile();
    ProfileService service(options(), nullptr);
    QCOMPARE(service.state(), ProfileService::State::Locked);
    Status unlocked = service.unlock(Passphrase);
    QVERIFY2(unlocked.ok(), qPrintable(unlocked.message()));
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
    QCOMPARE(service.unlock(Passphrase).code(), ErrorCode::Invalid); // already unlocked
    auto greeting = service.database()->prepareUncached("SELECT value FROM settings WHERE key = 'greeting'");
    QVERIFY(greeting && *(*greeting)->step());
    QCOMPARE((*greeting)->text(0), QStringLiteral("hello"));
    QCOMPARE(auditKinds(service.database()),
             (QStringList{QStringLiteral("profile_created"), QStringLiteral("locked"), QStringLiteral("unlocked")}));
}

void TestProfileService::wrongPassphraseChangesNothing()
{
    createProfile();
    const auto before = snapshot(m_dir->path());
    ProfileService service(options(), nullptr);
    QSignalSpy spy(&service, &ProfileService::stateChanged);
    for (const QString &wrong : {QStringLiteral("correct horse battery stapl"), QStringLiteral("x"), QString()}) {
        Status refused = service.unlock(wrong);
        QCOMPARE(refused.code(), ErrorCode::WrongKey);
        QCOMPARE(service.state(), ProfileService::State::Locked);
        QVERIFY(service.database() == nullptr);
    }
    QCOMPARE(spy.count(), 0);
    QCOMPARE(snapshot(m_dir->path()), before);
}

void TestProfileService::lockClosesAndWipes()
{
    ProfileService service(options(), nullptr);
    QVERIFY(service.create(Passphrase, false).ok());
    QSignalSpy spy(&service, &ProfileService::stateChanged);
    service.lock();
    QCOMPARE(service.state(), ProfileService::State::Locked);
    QVERIFY(service.database() == nullptr);
    QCOMPARE(spy.count(), 1);
    QVERIFY(!QFile::exists(file("fieldline.db-wal"))); // closed cleanly: checkpointed, WAL removed
    QCOMPARE(service.changePassphrase(Passphrase, QStringLiteral("new")).code(), ErrorCode::Invalid);
    QCOMPARE(service.rotateDataKey().code(), ErrorCode::Invalid);
    QCOMPARE(service.setRemembered(true).code(), ErrorCode::Invalid);
    service.lock(); // idempotent
    QCOMPARE(spy.count(), 1);
    QVERIFY(service.unlock(Passphrase).ok());
}

void TestProfileService::changePassphraseRewrapsOnly()
{
    ProfileService service(options(), nullptr);
    QVERIFY(service.create(Passphrase, false).ok());
    QVERIFY(service.database()->exec("INSERT INTO settings VALUES ('a', 1); PRAGMA wal_checkpoint(TRUNCATE)").ok());
    const QByteArray dbBefore = readFile(file("fieldline.db"));
    const QByteArray keyBefore = readFile(file("fieldline.key"));
    const DatabaseKey dekBefore = currentKey(m_dir->path(), Passphrase);
    QVERIFY(dekBefore.isValid());

    QCOMPARE(service.changePassphrase(QStringLiteral("wrong"), QStringLiteral("new words")).code(),
             ErrorCode::WrongKey);
    QCOMPARE(readFile(file("fieldline.key")), keyBefore);

    Status changed = service.changePassphrase(Passphrase, QStringLiteral("new words"));
    QVERIFY2(changed.ok(), qPrintable(changed.message()));
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
    // No page was re-encrypted: the database file is byte for byte the same (the audit row sits in the WAL)
    // and the new passphrase unwraps the very same DEK.
    QCOMPARE(readFile(file("fieldline.db")), dbBefore);
    QVERIFY(readFile(file("fieldline.key")) != keyBefore);
    const DatabaseKey dekAfter = currentKey(m_dir->path(), QStringLiteral("new words"));
    QVERIFY(dekAfter.isValid());
    QCOMPARE(dekAfter.dek.view(), dekBefore.dek.view());
    QCOMPARE(dekAfter.epoch, dekBefore.epoch);
    QVERIFY(auditKinds(service.database()).contains(QStringLiteral("passphrase_changed")));

    service.lock();
    QCOMPARE(service.unlock(Passphrase).code(), ErrorCode::WrongKey);
    QVERIFY(service.unlock(QStringLiteral("new words")).ok());
    QCOMPARE(*service.database()->queryInt("SELECT value FROM settings WHERE key = 'a'"), 1);
}

void TestProfileService::rotateDataKey()
{
    ProfileService service(options(), nullptr);
    QVERIFY(service.create(Passphrase, false).ok());
    QVERIFY(service.database()->exec("INSERT INTO settings VALUES ('before', 1)").ok());
    const DatabaseKey oldKey = currentKey(m_dir->path(), Passphrase);
    QVERIFY(oldKey.isValid());
    // Sync follows the database: closed before it closes, opened again on the new one.
    const fieldline::sync::SystemClock clock;
    fieldline::app::SyncService synced(service, clock);
    QVERIFY(synced.isOpen());
    QSignalSpy closing(&service, &ProfileService::databaseClosing);
    QSignalSpy closed(&synced, &fieldline::app::SyncService::aboutToClose);
    // What a listener writes while closing (an agent's released claims) is in the rotated database.
    const QMetaObject::Connection lastWrite = connect(&service, &ProfileService::databaseClosing, this, [&service] {
        QVERIFY(service.database()->exec("INSERT INTO settings VALUES ('closing', 4)").ok());
    });

    Status rotated = service.rotateDataKey();
    disconnect(lastWrite);
    QVERIFY2(rotated.ok(), qPrintable(rotated.message()));
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
    QCOMPARE(closing.size(), 1);
    QCOMPARE(closed.size(), 1);
    QVERIFY(synced.isOpen());
    QCOMPARE(&synced.replica()->database(), service.database());
    QVERIFY(service.database()->exec("INSERT INTO settings VALUES ('after', 2)").ok());
    QVERIFY(auditKinds(service.database()).contains(QStringLiteral("key_rotated")));
    for (const char *leftover : {"fieldline.db.rotate", "fieldline.key.next"})
        QVERIFY2(!QFile::exists(file(leftover)), leftover);
    service.lock();

    const DatabaseKey newKey = currentKey(m_dir->path(), Passphrase);
    QCOMPARE(newKey.epoch, oldKey.epoch + 1);
    QCOMPARE(newKey.fileId, oldKey.fileId);
    QVERIFY(newKey.dek.view() != oldKey.dek.view());
    auto withOldKey = Database::open(file("fieldline.db"), oldKey);
    QVERIFY(!withOldKey);
    QCOMPARE(withOldKey.code(), ErrorCode::Damaged);

    QVERIFY(service.unlock(Passphrase).ok());
    QCOMPARE(*service.database()->queryInt("SELECT sum(value) FROM settings"), 7);
    QVERIFY(service.database()->integrityCheck().ok());
}

void TestProfileService::interruptedRotationRecovers_data()
{
    QTest::addColumn<int>("stage");
    QTest::addColumn<quint32>("expectedEpoch");
    QTest::newRow("died while copying") << 1 << 1u;
    QTest::newRow("died before the database swap") << 2 << 1u;
    QTest::newRow("died between the two renames") << 3 << 2u;
}

void TestProfileService::interruptedRotationRecovers()
{
    QFETCH(int, stage);
    QFETCH(quint32, expectedEpoch);
    createProfile();
    {
        // Replay rotateDataKey's steps by hand and stop where a crash would have.
        Result<KeyFile> keyFile = KeyFile::load(file("fieldline.key"));
        QVERIFY(keyFile);
        Result<DatabaseKey> oldKey = keyFile->unlockWithPassphrase(SecretBytes::copyOf(Passphrase.toUtf8()));
        QVERIFY(oldKey);
        const DatabaseKey newKey{SecretBytes::random(32), oldKey->fileId, oldKey->epoch + 1};
        {
            auto db = Database::open(file("fieldline.db"), *oldKey);
            QVERIFY(db);
            QVERIFY((*db)->vacuumInto(file("fieldline.db.rotate"), newKey).ok());
        }
        if (stage >= 2) {
            QVERIFY(keyFile->rewrap(newKey).ok());
            QVERIFY(keyFile->writeAtomically(file("fieldline.key.next")).ok());
        }
        if (stage >= 3)
            QVERIFY(QFile::rename(file("fieldline.db"), file("old.db")) &&
                    QFile::rename(file("fieldline.db.rotate"), file("fieldline.db")) && QFile::remove(file("old.db")));
    }
    ProfileService service(options(), nullptr);
    QCOMPARE(service.state(), ProfileService::State::Locked);
    for (const char *leftover : {"fieldline.db.rotate", "fieldline.key.next"})
        QVERIFY2(!QFile::exists(file(leftover)), leftover);
    QCOMPARE(currentKey(m_dir->path(), Passphrase).epoch, expectedEpoch);
    Status unlocked = service.unlock(Passphrase);
    QVERIFY2(unlocked.ok(), qPrintable(unlocked.message()));
    auto greeting = service.database()->prepareUncached("SELECT value FROM settings WHERE key = 'greeting'");
    QVERIFY(greeting && *(*greeting)->step());
    QCOMPARE((*greeting)->text(0), QStringLiteral("hello"));
}

void TestProfileService::damagedDatabaseIsQuarantinedNeverRecreated()
{
    createProfile();
    {
        // Page 1 (the schema) is read and authenticated at open; bytes past its plaintext header are sealed.
        QFile db(file("fieldline.db"));
        QVERIFY(db.size() >= 4096);
        QVERIFY(db.open(QIODevice::ReadWrite));
        QVERIFY(db.seek(1000));
        char byte = 0;
        QVERIFY(db.getChar(&byte));
        QVERIFY(db.seek(1000));
        QVERIFY(db.putChar(char(byte ^ 0x5a)));
    }
    ProfileService service(options(), nullptr);
    QCOMPARE(service.state(), ProfileService::State::Locked); // only opening it can tell
    Status unlocked = service.unlock(Passphrase);
    QVERIFY2(!unlocked.ok() && unlocked.code() == ErrorCode::Damaged, qPrintable(unlocked.message()));
    QCOMPARE(service.state(), ProfileService::State::Damaged);
    QVERIFY(!service.damageReason().isEmpty());
    QVERIFY(service.database() == nullptr);
    const auto damagedFiles = snapshot(m_dir->path());
    QCOMPARE(service.unlock(Passphrase).code(), ErrorCode::Damaged); // stays refused, still never recreated
    QCOMPARE(snapshot(m_dir->path()), damagedFiles);

    Result<QString> folder = service.quarantine();
    QVERIFY2(folder, qPrintable(folder.message()));
    QCOMPARE(service.state(), ProfileService::State::NoProfile);
    QVERIFY(QFileInfo(*folder).fileName().startsWith(QStringLiteral("damaged-")));
    QCOMPARE(QFileInfo(*folder).absolutePath(), QFileInfo(m_dir->path()).absoluteFilePath());
    QCOMPARE(readFile(QDir(*folder).filePath(QStringLiteral("fieldline.db"))),
             damagedFiles.value(QStringLiteral("fieldline.db")));
    QCOMPARE(readFile(QDir(*folder).filePath(QStringLiteral("fieldline.key"))),
             damagedFiles.value(QStringLiteral("fieldline.key")));
    // Nothing new appeared beside it: setting aside never creates a database by itself.
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QFileInfo(*folder).fileName()});
    QCOMPARE(service.unlock(Passphrase).code(), ErrorCode::NotFound);
    QVERIFY(!QFile::exists(file("fieldline.db")));

    QVERIFY(service.create(QStringLiteral("fresh start"), false).ok()); // only an explicit create() does
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
}

void TestProfileService::inconsistentFilesAreDamaged_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<QString>("reasonWord");
    QTest::newRow("key file without database") << QStringLiteral("nodb") << QStringLiteral("database is missing");
    QTest::newRow("database without key file") << QStringLiteral("nokey") << QStringLiteral("key file is missing");
    QTest::newRow("unparseable key file") << QStringLiteral("garbage") << QStringLiteral("key file is damaged");
    QTest::newRow("flipped key file byte") << QStringLiteral("flip") << QStringLiteral("checksum");
}

void TestProfileService::inconsistentFilesAreDamaged()
{
    QFETCH(QString, situation);
    QFETCH(QString, reasonWord);
    createProfile();
    if (situation == QLatin1String("nodb"))
        QVERIFY(QFile::remove(file("fieldline.db")));
    else if (situation == QLatin1String("nokey"))
        QVERIFY(QFile::remove(file("fieldline.key")));
    else if (situation == QLatin1String("garbage"))
        writeFile(file("fieldline.key"), QByteArray("this is not a key file\n"));
    else {
        QByteArray key = readFile(file("fieldline.key"));
        key[40] = char(key[40] ^ 1);
        writeFile(file("fieldline.key"), key);
    }
    const auto before = snapshot(m_dir->path());
    ProfileService service(options(), nullptr);
    QCOMPARE(service.state(), ProfileService::State::Damaged);
    QVERIFY2(service.damageReason().contains(reasonWord), qPrintable(service.damageReason()));
    QCOMPARE(service.unlock(Passphrase).code(), ErrorCode::Damaged);
    QCOMPARE(service.create(Passphrase, false).code(), ErrorCode::Invalid);
    QCOMPARE(snapshot(m_dir->path()), before);
    Result<QString> folder = service.quarantine();
    QVERIFY(folder);
    QCOMPARE(service.state(), ProfileService::State::NoProfile);
    QCOMPARE(snapshot(*folder).size(), before.size());
}

void TestProfileService::newerSchemaIsRefusedNotDamaged()
{
    {
        ProfileService service(options(), nullptr);
        QVERIFY(service.create(Passphrase, false).ok());
        QVERIFY(service.database()->exec("PRAGMA user_version=99").ok());
    }
    ProfileService service(options(), nullptr);
    Status unlocked = service.unlock(Passphrase);
    QCOMPARE(unlocked.code(), ErrorCode::Unsupported);
    QVERIFY2(unlocked.message().contains(QStringLiteral("newer version")), qPrintable(unlocked.message()));
    QCOMPARE(service.state(), ProfileService::State::Locked); // not Damaged: nothing to quarantine
    QVERIFY(service.database() == nullptr);
}

void TestProfileService::rememberAndUnlockFromKeychain()
{
    MemorySecretStore keychain;
    ProfileService service(options(), &keychain);
    QVERIFY(service.canRemember());
    QVERIFY(service.create(Passphrase, true).ok());
    QVERIFY(service.isRemembered());
    QCOMPARE(keychain.entries().size(), 1);
    const QString id = keychain.entries().keys().constFirst();
    QVERIFY2(id.startsWith(QStringLiteral("profile-")) && id.size() == 8 + 32, qPrintable(id));
    service.lock();
    QVERIFY(service.isRemembered()); // read from the key file while locked

    Status unlocked = service.unlockFromKeychain();
    QVERIFY2(unlocked.ok(), qPrintable(unlocked.message()));
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
    QVERIFY(service.database()->exec("SELECT 1").ok());

    QVERIFY(service.setRemembered(false).ok());
    QVERIFY(!service.isRemembered());
    QVERIFY(keychain.entries().isEmpty());
    service.lock();
    QCOMPARE(service.unlockFromKeychain().code(), ErrorCode::NotFound);
    QCOMPARE(service.state(), ProfileService::State::Locked);

    // A keychain holding the wrong secret opens nothing and changes nothing.
    QVERIFY(service.unlock(Passphrase).ok());
    QVERIFY(service.setRemembered(true).ok());
    service.lock();
    QVERIFY(keychain.store(id, SecretBytes::random(32)).ok());
    const auto before = snapshot(m_dir->path());
    QCOMPARE(service.unlockFromKeychain().code(), ErrorCode::WrongKey);
    QCOMPARE(snapshot(m_dir->path()), before);
}

void TestProfileService::rememberSurvivesRotationAndPassphraseChange()
{
    MemorySecretStore keychain;
    createProfile(&keychain, true);
    ProfileService service(options(), &keychain);
    QVERIFY(service.unlock(Passphrase).ok()); // by passphrase: the keychain secret is not in memory
    QVERIFY(service.rotateDataKey().ok());
    QVERIFY(service.isRemembered());
    QVERIFY(service.changePassphrase(Passphrase, QStringLiteral("next")).ok());
    QVERIFY(service.isRemembered());
    service.lock();
    Status unlocked = service.unlockFromKeychain();
    QVERIFY2(unlocked.ok(), qPrintable(unlocked.message()));
    QCOMPARE(*service.database()->queryInt("SELECT count(*) FROM settings WHERE key = 'greeting'"), 1);
}

void TestProfileService::rotationAfterKeychainUnlockNeedsPassphrase()
{
    MemorySecretStore keychain;
    createProfile(&keychain, true);
    ProfileService service(options(), &keychain);
    QVERIFY(service.unlockFromKeychain().ok());
    const auto before = snapshot(m_dir->path());
    Status rotated = service.rotateDataKey();
    QCOMPARE(rotated.code(), ErrorCode::Invalid);
    QVERIFY2(rotated.message().contains(QStringLiteral("passphrase")), qPrintable(rotated.message()));
    QCOMPARE(snapshot(m_dir->path()), before);
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
    QVERIFY(service.database()->exec("SELECT 1").ok());
}

void TestProfileService::absentKeychainGivesReason()
{
    UnavailableSecretStore absent;
    ProfileService service(options(), &absent);
    QVERIFY(!service.canRemember());
    Status created = service.create(Passphrase, true);
    QCOMPARE(created.code(), ErrorCode::Unsupported);
    QVERIFY2(created.message().contains(QStringLiteral("created")) &&
                 created.message().contains(absent.unavailableReason()),
             qPrintable(created.message()));
    QCOMPARE(service.state(), ProfileService::State::Unlocked); // the profile itself was made
    QVERIFY(!service.isRemembered());
    service.lock();
    Status fromKeychain = service.unlockFromKeychain();
    QCOMPARE(fromKeychain.code(), ErrorCode::Unsupported);
    QCOMPARE(fromKeychain.message(), absent.unavailableReason());

    ProfileService noKeychain(options(), nullptr);
    QVERIFY(!noKeychain.canRemember());
    QCOMPARE(noKeychain.unlockFromKeychain().code(), ErrorCode::Unsupported);
    QVERIFY(noKeychain.unlock(Passphrase).ok());
    QCOMPARE(noKeychain.setRemembered(true).code(), ErrorCode::Unsupported);
}

void TestProfileService::failingKeychainStillCreatesProfile()
{
    MemorySecretStore keychain;
    keychain.failNextStore();
    ProfileService service(options(), &keychain);
    Status created = service.create(Passphrase, true);
    QCOMPARE(created.code(), ErrorCode::Io);
    QCOMPARE(service.state(), ProfileService::State::Unlocked);
    QVERIFY(!service.isRemembered());
    QVERIFY(keychain.entries().isEmpty());
    QVERIFY(service.setRemembered(true).ok()); // a later retry works
    QVERIFY(service.isRemembered());
}

QTEST_GUILESS_MAIN(TestProfileService)
#include "tst_profileservice.moc"
