// Lock and unlock: Ctrl+L and idle time lock (keys wiped, unlock screen shown); a wrong passphrase says so,
// keeps the focus in the field and changes nothing; the right one typed and Enter unlocks; a remembered
// profile unlocks from the keychain at start-up but never right after the user locked it.
#include "UiFixture.h"

#include "tests/support/MemorySecretStore.h"
#include "ui/IdleWatcher.h"
#include "ui/controls/MessageBanner.h"
#include "ui/main/MainWindow.h"

#include <chrono>

using namespace fieldline;
using namespace fieldline::uitest;
using State = app::ProfileService::State;

class TestLockUnlock : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void ctrlLLocks();
    void wrongPassphraseChangesNothing();
    void unlockByTypingAndEnter();
    void emptyPassphraseIsExplained();
    void idleTimeLocks();
    void inputPostponesIdleLock();
    void rememberedProfileUnlocksAtStartOnly();
    void startsOnUnlockScreenForExistingProfile();

private:
    static void lockWithShortcut(UiFixture &f)
    {
        f.shell().mainWindow()->activateWindow();
        QTest::keyClick(f.shell().mainWindow(), Qt::Key_L, Qt::ControlModifier);
    }
};

void TestLockUnlock::ctrlLLocks()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    QVERIFY(f.profile().database());
    lockWithShortcut(f);
    QCOMPARE(f.profile().state(), State::Locked);
    QVERIFY(!f.profile().database()); // closed, keys wiped
    QVERIFY(!f.shell().mainWindow()->isVisible());
    QVERIFY(f.gate()->isVisible());
    QCOMPARE(f.gate()->currentPage(), ui::GateWindow::Page::Unlock);
    QVERIFY(child(f.gate()->unlockView(), "passphrase")->text().isEmpty());
}

void TestLockUnlock::wrongPassphraseChangesNothing()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    lockWithShortcut(f);
    const auto before = snapshot(f.profileFolder());

    QLineEdit *field = child(f.gate()->unlockView(), "passphrase");
    QTest::keyClicks(field, QStringLiteral("not my passphrase"));
    QTest::keyClick(field, Qt::Key_Return);
    f.settle();

    QCOMPARE(f.profile().state(), State::Locked);
    QVERIFY(!f.shell().mainWindow()->isVisible());
    const QString error = f.gate()->unlockView()->findChild<ui::MessageBanner *>()->text();
    QVERIFY2(error.startsWith(QStringLiteral("That passphrase is not correct.")), qPrintable(error));
    QCOMPARE(f.gate()->focusWidget(), field);
    QVERIFY(field->isEnabled());
    QCOMPARE(field->selectedText(), QStringLiteral("not my passphrase")); // typing replaces the wrong attempt
    QCOMPARE(snapshot(f.profileFolder()), before);
}

void TestLockUnlock::unlockByTypingAndEnter()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    lockWithShortcut(f);
    QLineEdit *field = child(f.gate()->unlockView(), "passphrase");
    QTest::keyClicks(field, QStringLiteral("wrong"));
    QTest::keyClick(field, Qt::Key_Return);
    f.settle();
    QTest::keyClicks(field, kPassphrase); // replaces the selected wrong attempt
    QTest::keyClick(field, Qt::Key_Enter);
    f.settle();
    QCOMPARE(f.profile().state(), State::Unlocked);
    QVERIFY(f.profile().database());
    QVERIFY(f.shell().mainWindow()->isVisible());
    QVERIFY(!f.gate()->isVisible());
}

void TestLockUnlock::emptyPassphraseIsExplained()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    lockWithShortcut(f);
    QTest::keyClick(child(f.gate()->unlockView(), "passphrase"), Qt::Key_Return);
    QVERIFY(!f.shell().isBusy());
    QCOMPARE(f.gate()->unlockView()->findChild<ui::MessageBanner *>()->text(),
             QStringLiteral("Enter your passphrase."));
}

void TestLockUnlock::idleTimeLocks()
{
    UiFixture f;
    f.settings().setIdleLockMinutes(1);
    QVERIFY(f.createProfile());
    QCOMPARE(f.shell().idleWatcher()->timeout(), std::chrono::milliseconds(std::chrono::minutes(1)));
    QVERIFY(f.shell().idleWatcher()->isActive());
    f.shell().idleWatcher()->setTimeout(std::chrono::milliseconds(50));
    QTRY_COMPARE(f.profile().state(), State::Locked);
    QVERIFY(f.gate()->isVisible());
    QVERIFY(!f.shell().idleWatcher()->isActive()); // nothing to lock until the next unlock
}

void TestLockUnlock::inputPostponesIdleLock()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    f.shell().idleWatcher()->setTimeout(std::chrono::milliseconds(300));
    QElapsedTimer typing;
    typing.start();
    while (typing.elapsed() < 900) {
        QTest::mouseMove(f.shell().mainWindow(), QPoint(10 + int(typing.elapsed() % 50), 200));
        QTest::qWait(50);
    }
    QCOMPARE(f.profile().state(), State::Unlocked);
    QTRY_COMPARE(f.profile().state(), State::Locked);
}

void TestLockUnlock::rememberedProfileUnlocksAtStartOnly()
{
    testsupport::MemorySecretStore keychain;
    UiFixture f(&keychain);
    QVERIFY(child<QCheckBox>(f.gate()->firstRunView(), "remember")->isEnabled());
    QVERIFY(f.createProfile(/*remember=*/true));
    QVERIFY(f.profile().isRemembered());

    f.recreate(/*tryKeychain=*/true); // a new start of the application
    f.settle();
    QCOMPARE(f.profile().state(), State::Unlocked);
    QVERIFY(f.shell().mainWindow()->isVisible());

    lockWithShortcut(f);
    QTest::qWait(100);
    QCoreApplication::processEvents();
    QCOMPARE(f.profile().state(), State::Locked); // the lock is not undone by the keychain
    QVERIFY(child<QCheckBox>(f.gate()->unlockView(), "remember")->isChecked());
}

void TestLockUnlock::startsOnUnlockScreenForExistingProfile()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    f.recreate(true);
    QCOMPARE(f.profile().state(), State::Locked);
    QVERIFY(f.gate()->isVisible());
    QCOMPARE(f.gate()->currentPage(), ui::GateWindow::Page::Unlock);
    QVERIFY(!f.shell().isBusy()); // nothing remembered: no keychain attempt
}

QTEST_MAIN(TestLockUnlock)
#include "tst_lockunlock.moc"
