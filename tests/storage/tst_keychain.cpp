#include "storage/KeychainSecretStore.h"
#include "storage/UnavailableSecretStore.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace fieldline::storage;

/**
 * The real KeychainSecretStore. CTest runs this binary twice (tests/storage/CMakeLists.txt): inside a private
 * D-Bus session with a throwaway, unlocked GNOME keyring (FIELDLINE_KEYCHAIN=present), and with the session
 * bus address pointing nowhere (FIELDLINE_KEYCHAIN=absent). Run by hand without either, it skips rather than
 * touch the developer's own keyring.
 */
class TestKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void availabilityIsDecidedQuickly();
    void storeLoadRemove();
    void servicesAreSeparate();
    void absentKeychainFailsWithReason();
    void timeoutMakesStoreUnavailable();
    void unavailableStub();

private:
    bool expectPresent() const { return m_mode == "present"; }

    QByteArray m_mode;
};

void TestKeychain::initTestCase()
{
    m_mode = qgetenv("FIELDLINE_KEYCHAIN");
    if (m_mode != "present" && m_mode != "absent")
        QSKIP("set FIELDLINE_KEYCHAIN=present|absent (ctest does) to say which keychain this run should find");
}

void TestKeychain::availabilityIsDecidedQuickly()
{
    KeychainSecretStore store(QStringLiteral("fieldline-test"));
    QElapsedTimer timer;
    timer.start();
    const bool available = store.isAvailable();
    const qint64 elapsed = timer.elapsed();
    qInfo("availability decided in %lld ms: %s", elapsed,
          available ? "available" : qPrintable(store.unavailableReason()));
    QCOMPARE(available, expectPresent());
    QVERIFY(elapsed < 6000); // the 5 s timeout is the worst case
    if (available) {
        QVERIFY(store.unavailableReason().isEmpty());
    } else {
        QVERIFY2(store.unavailableReason().contains(QStringLiteral("keychain")), qPrintable(store.unavailableReason()));
        QVERIFY(store.unavailableReason().contains(QStringLiteral("cannot remember")));
    }
    QCOMPARE(store.isAvailable(), available); // cached, and stable
}

void TestKeychain::storeLoadRemove()
{
    if (!expectPresent())
        QSKIP("needs a keychain");
    KeychainSecretStore store(QStringLiteral("fieldline-test"));
    const QString id = QStringLiteral("profile-0011223344");
    QCOMPARE(store.load(id).code(), ErrorCode::NotFound);

    QByteArray raw(32, '\0'); // zero and high bytes must survive QtKeychain's text/binary handling
    for (int i = 0; i < raw.size(); ++i)
        raw[i] = char(i * 37);
    const SecretBytes first = SecretBytes::copyOf(raw);
    Status stored = store.store(id, first);
    QVERIFY2(stored.ok(), qPrintable(stored.message()));
    Result<SecretBytes> loaded = store.load(id);
    QVERIFY2(loaded, qPrintable(loaded.message()));
    QCOMPARE(loaded->view(), first.view());

    const SecretBytes second = SecretBytes::random(32);
    QVERIFY(store.store(id, second).ok()); // overwrite, not a second entry
    loaded = store.load(id);
    QVERIFY(loaded);
    QCOMPARE(loaded->view(), second.view());
    QCOMPARE(store.load(id + QStringLiteral("-other")).code(), ErrorCode::NotFound);

    QVERIFY(store.remove(id).ok());
    QCOMPARE(store.load(id).code(), ErrorCode::NotFound);
    QVERIFY(store.remove(id).ok()); // removing what is gone is fine
}

void TestKeychain::servicesAreSeparate()
{
    if (!expectPresent())
        QSKIP("needs a keychain");
    KeychainSecretStore a(QStringLiteral("fieldline-test-a"));
    KeychainSecretStore b(QStringLiteral("fieldline-test-b"));
    const SecretBytes secret = SecretBytes::random(32);
    QVERIFY(a.store(QStringLiteral("same-id"), secret).ok());
    QCOMPARE(b.load(QStringLiteral("same-id")).code(), ErrorCode::NotFound);
    QVERIFY(a.remove(QStringLiteral("same-id")).ok());
}

void TestKeychain::absentKeychainFailsWithReason()
{
    if (expectPresent())
        QSKIP("needs no keychain");
    KeychainSecretStore store(QStringLiteral("fieldline-test"));
    const Status stored = store.store(QStringLiteral("x"), SecretBytes::random(32));
    QCOMPARE(stored.code(), ErrorCode::Unsupported);
    QCOMPARE(stored.message(), store.unavailableReason());
    QCOMPARE(store.load(QStringLiteral("x")).code(), ErrorCode::Unsupported);
    QCOMPARE(store.remove(QStringLiteral("x")).code(), ErrorCode::Unsupported);
}

void TestKeychain::timeoutMakesStoreUnavailable()
{
    if (!expectPresent())
        QSKIP("needs a keychain that answers, only too late");
    {
        // A zero timeout expires before any D-Bus round trip can complete: the keychain "did not answer".
        KeychainSecretStore store(QStringLiteral("fieldline-test"), std::chrono::milliseconds(0));
        QVERIFY(!store.isAvailable());
        QVERIFY2(store.unavailableReason().contains(QStringLiteral("did not answer")),
                 qPrintable(store.unavailableReason()));
        QCOMPARE(store.load(QStringLiteral("x")).code(), ErrorCode::Unsupported);
    }
    // The abandoned job finishes later, after the store is gone: it must clean up after itself, touching
    // nothing of ours (ASan would report a use after free here).
    QTest::qWait(1000);
    KeychainSecretStore fresh(QStringLiteral("fieldline-test"));
    QVERIFY(fresh.isAvailable());
}

void TestKeychain::unavailableStub()
{
    UnavailableSecretStore stub;
    QVERIFY(!stub.isAvailable());
    QVERIFY(stub.unavailableReason().contains(QStringLiteral("no keychain")));
    QCOMPARE(stub.store(QStringLiteral("x"), SecretBytes::random(32)).code(), ErrorCode::Unsupported);
    QCOMPARE(stub.load(QStringLiteral("x")).code(), ErrorCode::Unsupported);
    QCOMPARE(stub.remove(QStringLiteral("x")).code(), ErrorCode::Unsupported);
    UnavailableSecretStore custom(QStringLiteral("Built without keychain support."));
    QCOMPARE(custom.load(QStringLiteral("x")).message(), QStringLiteral("Built without keychain support."));
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
