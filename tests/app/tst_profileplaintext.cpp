#include "app/ProfileService.h"
#include "tests/support/FileScan.h"
#include "tests/support/MemorySecretStore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline::app;
using namespace fieldline::storage;

/**
 * No plaintext at rest, seen from the profile: customer data and the passphrase itself are absent from every
 * file of the profile folder and of $TMPDIR after normal use, a passphrase change, a data-key rotation and lock.
 */
class TestProfilePlaintext : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void profileFolderHoldsNoPlaintext();

private:
    QTemporaryDir m_tmp;
    QTemporaryDir m_profileParent;
    QStringList scanned() const { return {m_profileParent.path(), m_tmp.path()}; }
};

void TestProfilePlaintext::initTestCase()
{
    qputenv("TMPDIR", m_tmp.path().toUtf8());
}

void TestProfilePlaintext::profileFolderHoldsNoPlaintext()
{
    using fieldline::testsupport::findCanary;
    const QString passphrase = QStringLiteral("PASSCANARY correct horse 电池 staple");
    const QString nextPassphrase = QStringLiteral("PASSCANARY-next tr0ub4dor & 3");
    const QString data = QStringLiteral("DATACANARY Müller GmbH, 北京市 +86 10 5555 0100");
    fieldline::testsupport::MemorySecretStore keychain;
    ProfileService profile({m_profileParent.filePath(QStringLiteral("profile")), KdfParams::interactive()}, &keychain);
    QVERIFY2(profile.create(passphrase, true).ok(), "create");
    Database *db = profile.database();
    QVERIFY(db->exec("CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT, note BLOB)").ok());
    for (int i = 0; i < 500; ++i) {
        Statement *insert = *db->prepare("INSERT INTO customer(name, note) VALUES (?, ?)");
        insert->bind(1, data + QString::number(i)).bind(2, data.toUtf8());
        QVERIFY(insert->run().ok());
    }
    QCOMPARE(findCanary(scanned(), QStringLiteral("DATACANARY")), QStringList());

    QVERIFY(profile.changePassphrase(passphrase, nextPassphrase).ok());
    QVERIFY(profile.rotateDataKey().ok()); // VACUUM INTO a new file under a new key
    QVERIFY(db = profile.database());
    QCOMPARE(*db->queryInt("SELECT count(*) FROM customer"), 500);
    profile.lock();

    QCOMPARE(findCanary(scanned(), QStringLiteral("DATACANARY")), QStringList());
    QCOMPARE(findCanary(scanned(), QStringLiteral("PASSCANARY")), QStringList());
    QCOMPARE(findCanary(scanned(), QStringLiteral("Müller")), QStringList());

    QVERIFY(profile.unlock(nextPassphrase).ok()); // and it all still opens
    QCOMPARE(*profile.database()->queryInt("SELECT count(*) FROM customer"), 500);
}

QTEST_GUILESS_MAIN(TestProfilePlaintext)
#include "tst_profileplaintext.moc"
