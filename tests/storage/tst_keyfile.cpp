#include "storage/KeyFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <sodium.h>
#include <sys/resource.h>

#include <csignal>

using namespace fieldline::storage;

namespace {

// Layout of a key file with a passphrase slot then a keychain slot (see KeyFile.h).
constexpr int HeaderSize = 32;
constexpr int PassphraseSlotEnd = HeaderSize + 4 + 104;
constexpr int KeychainSlotEnd = PassphraseSlotEnd + 4 + 72;
constexpr int TwoSlotSize = KeychainSlotEnd + 32;

SecretBytes text(const char *s)
{
    return SecretBytes::copyOf(QByteArrayView(s));
}

/** What someone editing the file on purpose would do after changing a byte: make the checksum fit again. */
QByteArray withChecksum(QByteArray bytes)
{
    const qsizetype body = bytes.size() - 32;
    crypto_generichash(reinterpret_cast<unsigned char *>(bytes.data() + body), 32,
                       reinterpret_cast<const unsigned char *>(bytes.constData()), quint64(body), nullptr, 0);
    return bytes;
}

bool sameKey(const DatabaseKey &a, const DatabaseKey &b)
{
    return a.fileId == b.fileId && a.epoch == b.epoch && a.dek.view() == b.dek.view();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestKeyFile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void roundTrip();
    void wrongPassphraseIsWrongKey();
    void keychainSlot();
    void kdfParamsOutsideBoundsRefused_data();
    void kdfParamsOutsideBoundsRefused();
    void createRefusesWeakParams();
    void everyByteFlipIsRefused();
    void doctoredFlipsNeverUnlock();
    void truncationsAndExtensionsRefused();
    void oversizedFileRefusedBeforeReading();
    void newerVersionIsUnsupported();
    void slotFromAnotherFileDoesNotUnwrap();
    void setPassphraseRewrapsOnlyTheSlot();
    void slotChangesNeedTheRightKey();
    void rewrapRotatesTheKey();
    void rewrapNeedsThePassphraseKey();
    void atomicWriteReplacesWithOwnerOnlyFile();
    void failedAtomicWriteLeavesOldFile();
    void missingFileIsNotFound();

private:
    KeyFile makeTwoSlotFile(const DatabaseKey &key);

    QTemporaryDir m_dir;
    SecretBytes m_secret;
};

void TestKeyFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_secret = SecretBytes::random(KeyFile::KeychainSecretSize);
}

KeyFile TestKeyFile::makeTwoSlotFile(const DatabaseKey &key)
{
    Result<KeyFile> file = KeyFile::create(key, text("correct horse"), KdfParams::interactive());
    Q_ASSERT(file);
    Status added = file->addKeychainSlot(key, m_secret);
    Q_ASSERT(added.ok());
    return std::move(*file);
}

void TestKeyFile::roundTrip()
{
    const DatabaseKey key = DatabaseKey::generate(7);
    Result<KeyFile> created = KeyFile::create(key, text("correct horse"), KdfParams::interactive());
    QVERIFY2(created, qPrintable(created.message()));
    const QByteArray bytes = created->serialize();
    QCOMPARE(bytes.size(), HeaderSize + 4 + 104 + 32);
    QVERIFY(bytes.startsWith("FLKF"));
    QVERIFY(!bytes.contains(key.dek.view())); // wrapped, never stored in the clear

    Result<KeyFile> parsed = KeyFile::parse(bytes);
    QVERIFY2(parsed, qPrintable(parsed.message()));
    QCOMPARE(parsed->serialize(), bytes);
    QCOMPARE(parsed->fileId(), key.fileId);
    QCOMPARE(parsed->epoch(), 7u);
    QCOMPARE(parsed->passphraseKdf(), KdfParams::interactive());
    QVERIFY(!parsed->hasKeychainSlot());
    Result<DatabaseKey> unlocked = parsed->unlockWithPassphrase(text("correct horse"));
    QVERIFY2(unlocked, qPrintable(unlocked.message()));
    QVERIFY(sameKey(*unlocked, key));
}

void TestKeyFile::wrongPassphraseIsWrongKey()
{
    Result<KeyFile> file = KeyFile::create(DatabaseKey::generate(), text("correct horse"), KdfParams::interactive());
    QVERIFY(file);
    Result<KeyFile> parsed = KeyFile::parse(file->serialize());
    QVERIFY(parsed);
    for (const char *wrong : {"correct hors", "correct horse ", "Correct horse", "x"}) {
        Result<DatabaseKey> unlocked = parsed->unlockWithPassphrase(text(wrong));
        QVERIFY(!unlocked);
        QCOMPARE(unlocked.code(), ErrorCode::WrongKey);
    }
    QCOMPARE(parsed->unlockWithPassphrase(SecretBytes()).code(), ErrorCode::WrongKey); // empty: no buffer at all
}

void TestKeyFile::keychainSlot()
{
    const DatabaseKey key = DatabaseKey::generate();
    KeyFile file = makeTwoSlotFile(key);
    QVERIFY(file.hasKeychainSlot());
    Result<KeyFile> parsed = KeyFile::parse(file.serialize());
    QVERIFY2(parsed, qPrintable(parsed.message()));
    QCOMPARE(parsed->serialize().size(), TwoSlotSize);
    Result<DatabaseKey> bySecret = parsed->unlockWithSecret(m_secret);
    QVERIFY2(bySecret, qPrintable(bySecret.message()));
    QVERIFY(sameKey(*bySecret, key));
    Result<DatabaseKey> byPassphrase = parsed->unlockWithPassphrase(text("correct horse"));
    QVERIFY(byPassphrase && sameKey(*byPassphrase, key));

    Result<DatabaseKey> wrong = parsed->unlockWithSecret(SecretBytes::random(32));
    QCOMPARE(wrong.code(), ErrorCode::WrongKey);
    Result<DatabaseKey> shortSecret = parsed->unlockWithSecret(SecretBytes::random(16));
    QCOMPARE(shortSecret.code(), ErrorCode::WrongKey);

    parsed->removeKeychainSlot();
    QVERIFY(!parsed->hasKeychainSlot());
    Result<KeyFile> reparsed = KeyFile::parse(parsed->serialize());
    QVERIFY(reparsed);
    QCOMPARE(reparsed->unlockWithSecret(m_secret).code(), ErrorCode::NotFound);
    QVERIFY(reparsed->unlockWithPassphrase(text("correct horse"))); // the other slot did not need rewrapping
}

void TestKeyFile::kdfParamsOutsideBoundsRefused_data()
{
    QTest::addColumn<quint64>("ops");
    QTest::addColumn<quint64>("mem");
    const KdfParams floor = KdfParams::interactive();
    QTest::newRow("ops below floor") << floor.opsLimit - 1 << floor.memLimit;
    QTest::newRow("ops zero") << quint64(0) << floor.memLimit;
    QTest::newRow("mem below floor") << floor.opsLimit << floor.memLimit - 1024;
    QTest::newRow("mem 1 KiB") << floor.opsLimit << quint64(1024);
    QTest::newRow("ops above 16") << quint64(17) << floor.memLimit;
    QTest::newRow("ops huge") << ~quint64(0) << floor.memLimit;
    QTest::newRow("mem above 1 GiB") << floor.opsLimit << (quint64(1) << 30) + 1024;
    QTest::newRow("mem huge") << floor.opsLimit << ~quint64(0);
}

void TestKeyFile::kdfParamsOutsideBoundsRefused()
{
    QFETCH(quint64, ops);
    QFETCH(quint64, mem);
    Result<KeyFile> file = KeyFile::create(DatabaseKey::generate(), text("pw"), KdfParams::interactive());
    QVERIFY(file);
    QByteArray bytes = file->serialize();
    qToLittleEndian(ops, bytes.data() + HeaderSize + 4);
    qToLittleEndian(mem, bytes.data() + HeaderSize + 12);
    Result<KeyFile> parsed = KeyFile::parse(withChecksum(bytes));
    QVERIFY(!parsed);
    QCOMPARE(parsed.code(), ErrorCode::Damaged);
    QVERIFY2(parsed.message().contains(QStringLiteral("key-derivation costs")), qPrintable(parsed.message()));

    QVERIFY(!(KdfParams{ops, mem}).isAcceptable());
}

void TestKeyFile::createRefusesWeakParams()
{
    QVERIFY(KdfParams::interactive().isAcceptable());
    QVERIFY(KdfParams::moderate().isAcceptable());
    QVERIFY((KdfParams{16, quint64(1) << 30}).isAcceptable());
    const KdfParams weak{1, KdfParams::interactive().memLimit};
    Result<KeyFile> file = KeyFile::create(DatabaseKey::generate(), text("pw"), weak);
    QVERIFY(!file);
    QCOMPARE(file.code(), ErrorCode::Invalid);
    QCOMPARE(KeyFile::create(DatabaseKey::generate(), SecretBytes(), KdfParams::interactive()).code(),
             ErrorCode::Invalid);
}

void TestKeyFile::everyByteFlipIsRefused()
{
    const QByteArray bytes = makeTwoSlotFile(DatabaseKey::generate()).serialize();
    QVERIFY(KeyFile::parse(bytes));
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        for (const char mask : {char(0x01), char(0x80), char(0xff)}) {
            QByteArray damaged = bytes;
            damaged[i] = char(damaged[i] ^ mask);
            Result<KeyFile> parsed = KeyFile::parse(damaged);
            QVERIFY2(!parsed, qPrintable(QStringLiteral("flip at %1 accepted").arg(i)));
            QVERIFY2(parsed.code() == ErrorCode::Damaged, qPrintable(parsed.message()));
        }
    }
}

void TestKeyFile::doctoredFlipsNeverUnlock()
{
    // With the checksum recomputed, the parser's bounds checks and the AEAD must catch every change on their own.
    const QByteArray bytes = makeTwoSlotFile(DatabaseKey::generate()).serialize();
    QCOMPARE(bytes.size(), TwoSlotSize);
    int refusedByParser = 0, refusedByAead = 0;
    for (qsizetype i = 0; i < KeychainSlotEnd; ++i) {
        QByteArray doctored = bytes;
        doctored[i] = char(doctored[i] ^ 0xff);
        Result<KeyFile> parsed = KeyFile::parse(withChecksum(doctored));
        if (!parsed) {
            QVERIFY2(parsed.code() == ErrorCode::Damaged || parsed.code() == ErrorCode::Unsupported,
                     qPrintable(parsed.message()));
            ++refusedByParser;
            continue;
        }
        // Header bytes are associated data of both slots: the keychain slot (no KDF) proves them quickly.
        const bool passphraseSlot = i >= HeaderSize && i < PassphraseSlotEnd;
        Result<DatabaseKey> unlocked =
            passphraseSlot ? parsed->unlockWithPassphrase(text("correct horse")) : parsed->unlockWithSecret(m_secret);
        QVERIFY2(!unlocked, qPrintable(QStringLiteral("doctored byte %1 still unlocks").arg(i)));
        QVERIFY2(unlocked.code() == ErrorCode::WrongKey, qPrintable(unlocked.message()));
        ++refusedByAead;
    }
    qInfo("refused by the parser: %d bytes, by authentication: %d bytes", refusedByParser, refusedByAead);
    QVERIFY(refusedByParser > 0);
    QVERIFY(refusedByAead > 0);
}

void TestKeyFile::truncationsAndExtensionsRefused()
{
    const QByteArray bytes = makeTwoSlotFile(DatabaseKey::generate()).serialize();
    for (qsizetype size = 0; size < bytes.size(); ++size) {
        Result<KeyFile> parsed = KeyFile::parse(bytes.first(size));
        QVERIFY2(!parsed && parsed.code() == ErrorCode::Damaged, qPrintable(QString::number(size)));
        // ... even when the checksum is made to fit what is left
        if (size > 32) {
            Result<KeyFile> fitted = KeyFile::parse(withChecksum(bytes.first(size)));
            QVERIFY2(!fitted && fitted.code() == ErrorCode::Damaged, qPrintable(QString::number(size)));
        }
    }
    Result<KeyFile> longer = KeyFile::parse(QByteArray(bytes + QByteArray(1, '\0')));
    QCOMPARE(longer.code(), ErrorCode::Damaged);
    const QByteArray padded = bytes.first(bytes.size() - 32) + QByteArray(8, '\0') + QByteArray(32, '\0');
    Result<KeyFile> trailing = KeyFile::parse(withChecksum(padded));
    QCOMPARE(trailing.code(), ErrorCode::Damaged);
}

void TestKeyFile::oversizedFileRefusedBeforeReading()
{
    Result<KeyFile> big = KeyFile::parse(QByteArray(KeyFile::MaxSize + 1, 'F'));
    QCOMPARE(big.code(), ErrorCode::Damaged);
    QVERIFY2(big.message().contains(QStringLiteral("at most 4096")), qPrintable(big.message()));

    const QString path = m_dir.filePath(QStringLiteral("huge.key"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(qint64(1) << 30)); // sparse 1 GiB: reading it whole would be the bug
    file.close();
    Result<KeyFile> loaded = KeyFile::load(path);
    QCOMPARE(loaded.code(), ErrorCode::Damaged);
    QVERIFY2(loaded.message().contains(QStringLiteral("at most 4096")), qPrintable(loaded.message()));
    QVERIFY(QFile::remove(path));
}

void TestKeyFile::newerVersionIsUnsupported()
{
    QByteArray bytes = makeTwoSlotFile(DatabaseKey::generate()).serialize();
    qToLittleEndian(quint16(2), bytes.data() + 4);
    Result<KeyFile> parsed = KeyFile::parse(withChecksum(bytes));
    QCOMPARE(parsed.code(), ErrorCode::Unsupported);
    QVERIFY2(parsed.message().contains(QStringLiteral("newer version")), qPrintable(parsed.message()));
    qToLittleEndian(quint16(0), bytes.data() + 4);
    QCOMPARE(KeyFile::parse(withChecksum(bytes)).code(), ErrorCode::Damaged);
}

void TestKeyFile::slotFromAnotherFileDoesNotUnwrap()
{
    // Same keychain secret in two files: a slot moved across must still fail (the file id is authenticated).
    const QByteArray a = makeTwoSlotFile(DatabaseKey::generate()).serialize();
    QByteArray b = makeTwoSlotFile(DatabaseKey::generate()).serialize();
    b.replace(PassphraseSlotEnd, KeychainSlotEnd - PassphraseSlotEnd,
              a.mid(PassphraseSlotEnd, KeychainSlotEnd - PassphraseSlotEnd));
    Result<KeyFile> spliced = KeyFile::parse(withChecksum(b));
    QVERIFY2(spliced, qPrintable(spliced.message()));
    QCOMPARE(spliced->unlockWithSecret(m_secret).code(), ErrorCode::WrongKey);
}

void TestKeyFile::setPassphraseRewrapsOnlyTheSlot()
{
    const DatabaseKey key = DatabaseKey::generate();
    KeyFile file = makeTwoSlotFile(key);
    const QByteArray before = file.serialize();
    QVERIFY(file.setPassphrase(key, text("battery staple"), KdfParams::interactive()).ok());
    const QByteArray after = file.serialize();
    QCOMPARE(after.mid(PassphraseSlotEnd, KeychainSlotEnd - PassphraseSlotEnd),
             before.mid(PassphraseSlotEnd, KeychainSlotEnd - PassphraseSlotEnd));
    Result<KeyFile> parsed = KeyFile::parse(after);
    QVERIFY(parsed);
    QCOMPARE(parsed->unlockWithPassphrase(text("correct horse")).code(), ErrorCode::WrongKey);
    Result<DatabaseKey> unlocked = parsed->unlockWithPassphrase(text("battery staple"));
    QVERIFY(unlocked && sameKey(*unlocked, key));
    QVERIFY(parsed->unlockWithSecret(m_secret));
}

void TestKeyFile::slotChangesNeedTheRightKey()
{
    const DatabaseKey key = DatabaseKey::generate();
    const QByteArray bytes = makeTwoSlotFile(key).serialize();
    Result<KeyFile> fresh = KeyFile::parse(bytes);
    QVERIFY(fresh);
    // Nothing unlocked yet, so nothing proves the DEK: refused.
    QCOMPARE(fresh->setPassphrase(key, text("new"), KdfParams::interactive()).code(), ErrorCode::Invalid);
    QVERIFY(fresh->unlockWithSecret(m_secret));
    // A different DEK under the same file id and epoch would lock the user out: refused.
    DatabaseKey impostor{SecretBytes::random(32), key.fileId, key.epoch};
    QCOMPARE(fresh->setPassphrase(impostor, text("new"), KdfParams::interactive()).code(), ErrorCode::Invalid);
    QCOMPARE(fresh->addKeychainSlot(impostor, m_secret).code(), ErrorCode::Invalid);
    DatabaseKey otherEpoch{key.dek.clone(), key.fileId, key.epoch + 1};
    QCOMPARE(fresh->setPassphrase(otherEpoch, text("new"), KdfParams::interactive()).code(), ErrorCode::Invalid);
    QCOMPARE(fresh->serialize(), bytes);
    QVERIFY(fresh->setPassphrase(key, text("new"), KdfParams::interactive()).ok());
}

void TestKeyFile::rewrapRotatesTheKey()
{
    const DatabaseKey key = DatabaseKey::generate(3);
    KeyFile file = makeTwoSlotFile(key);
    const DatabaseKey next{SecretBytes::random(32), key.fileId, 4};
    QCOMPARE(file.rewrap(DatabaseKey{SecretBytes::random(32), key.fileId, 3}).code(), ErrorCode::Invalid);
    QCOMPARE(file.rewrap(DatabaseKey::generate(4)).code(), ErrorCode::Invalid); // other file id
    QVERIFY(file.rewrap(next).ok());
    QCOMPARE(file.epoch(), 4u);
    Result<KeyFile> parsed = KeyFile::parse(file.serialize());
    QVERIFY(parsed);
    Result<DatabaseKey> byPassphrase = parsed->unlockWithPassphrase(text("correct horse"));
    QVERIFY(byPassphrase && sameKey(*byPassphrase, next));
    Result<DatabaseKey> bySecret = parsed->unlockWithSecret(m_secret);
    QVERIFY(bySecret && sameKey(*bySecret, next));

    // Unlocked by passphrase only: the keychain secret is unknown, so that slot cannot follow and is dropped.
    Result<KeyFile> passphraseOnly = KeyFile::parse(file.serialize());
    QVERIFY(passphraseOnly && passphraseOnly->unlockWithPassphrase(text("correct horse")));
    QVERIFY(passphraseOnly->rewrap(DatabaseKey{SecretBytes::random(32), key.fileId, 5}).ok());
    QVERIFY(!passphraseOnly->hasKeychainSlot());
}

void TestKeyFile::rewrapNeedsThePassphraseKey()
{
    const DatabaseKey key = DatabaseKey::generate();
    const QByteArray bytes = makeTwoSlotFile(key).serialize();
    Result<KeyFile> bySecret = KeyFile::parse(bytes);
    QVERIFY(bySecret && bySecret->unlockWithSecret(m_secret));
    Status rewrapped = bySecret->rewrap(DatabaseKey{SecretBytes::random(32), key.fileId, key.epoch + 1});
    QCOMPARE(rewrapped.code(), ErrorCode::Invalid);
    QVERIFY2(rewrapped.message().contains(QStringLiteral("passphrase")), qPrintable(rewrapped.message()));
    QCOMPARE(bySecret->serialize(), bytes); // unchanged
}

void TestKeyFile::atomicWriteReplacesWithOwnerOnlyFile()
{
    const QString path = m_dir.filePath(QStringLiteral("replace.key"));
    const DatabaseKey key = DatabaseKey::generate();
    KeyFile file = makeTwoSlotFile(key);
    QVERIFY(file.writeAtomically(path).ok());
    QCOMPARE(readAll(path), file.serialize());
    QCOMPARE(QFile::permissions(path) & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
             QFile::Permissions());
    file.removeKeychainSlot();
    QVERIFY(file.writeAtomically(path).ok());
    Result<KeyFile> loaded = KeyFile::load(path);
    QVERIFY2(loaded, qPrintable(loaded.message()));
    QVERIFY(!loaded->hasKeychainSlot());
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral(".replace.key.tmp-*")}, QDir::Hidden | QDir::Files),
             QStringList());
}

void TestKeyFile::failedAtomicWriteLeavesOldFile()
{
    const QString path = m_dir.filePath(QStringLiteral("failing.key"));
    KeyFile file = makeTwoSlotFile(DatabaseKey::generate());
    QVERIFY(file.writeAtomically(path).ok());
    const QByteArray before = readAll(path);
    file.removeKeychainSlot();

    // A real write failure, even for root: the file size limit makes write(2) fail with EFBIG part-way.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit original{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &original), 0);
    rlimit limited = original;
    limited.rlim_cur = 64;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    const Status failed = file.writeAtomically(path);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &original), 0);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.code() == ErrorCode::StorageFull, qPrintable(failed.message()));
    QCOMPARE(readAll(path), before);
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral(".failing.key.tmp-*")}, QDir::Hidden | QDir::Files),
             QStringList());

    // A folder that does not exist: nothing to create the temporary file in.
    const Status nowhere = file.writeAtomically(m_dir.filePath(QStringLiteral("absent/dir/x.key")));
    QCOMPARE(nowhere.code(), ErrorCode::Io);
    QVERIFY(KeyFile::load(path)); // still the old, valid file
}

void TestKeyFile::missingFileIsNotFound()
{
    QCOMPARE(KeyFile::load(m_dir.filePath(QStringLiteral("absent.key"))).code(), ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestKeyFile)
#include "tst_keyfile.moc"
