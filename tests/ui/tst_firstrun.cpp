// First run: the passphrase is judged as it is typed, a weak or mismatched one cannot create anything, a good
// one creates the encrypted profile and opens the main window; a full disk keeps what was typed and retries.
#include "UiFixture.h"

#include "ui/controls/MessageBanner.h"
#include "ui/controls/StrengthMeter.h"
#include "ui/main/MainWindow.h"

#include <QPushButton>

#include <csignal>
#include <sys/resource.h>

using namespace fieldline;
using namespace fieldline::uitest;
using State = app::ProfileService::State;

class TestFirstRun : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void startsOnFirstRunScreen();
    void weakPassphraseCannotCreate();
    void mismatchedPassphrasesCannotCreate();
    void createOpensMainWindow();
    void rememberIsDisabledWithReasonWithoutKeychain();
    void storageFullKeepsInputAndRetrySucceeds();
};

void TestFirstRun::startsOnFirstRunScreen()
{
    UiFixture f;
    QCOMPARE(f.profile().state(), State::NoProfile);
    QVERIFY(f.gate()->isVisible());
    QCOMPARE(f.gate()->currentPage(), ui::GateWindow::Page::FirstRun);
    QVERIFY(!f.shell().mainWindow()->isVisible());
    QVERIFY(!child<QPushButton>(f.gate()->firstRunView(), "createButton")->isEnabled());
    // Nothing is written before the user asks for it.
    QVERIFY(!QDir(f.profileFolder()).exists() || QDir(f.profileFolder()).isEmpty());
}

void TestFirstRun::weakPassphraseCannotCreate()
{
    UiFixture f;
    QWidget *view = f.gate()->firstRunView();
    QTest::keyClicks(child(view, "passphrase"), QStringLiteral("password1"));
    QTest::keyClicks(child(view, "repeatPassphrase"), QStringLiteral("password1"));
    QVERIFY(!child<QPushButton>(view, "createButton")->isEnabled());
    QVERIFY(view->findChild<ui::StrengthMeter *>()->level() <= app::PassphraseStrength::Level::Weak);
    QVERIFY(child<QLabel>(view, "hint")->text().contains(QStringLiteral("too easy to guess")));
    QTest::keyClick(child(view, "repeatPassphrase"), Qt::Key_Return);
    f.settle();
    QCOMPARE(f.profile().state(), State::NoProfile);
    QVERIFY(!QFile::exists(QDir(f.profileFolder()).filePath(QStringLiteral("fieldline.db"))));
}

void TestFirstRun::mismatchedPassphrasesCannotCreate()
{
    UiFixture f;
    QWidget *view = f.gate()->firstRunView();
    QTest::keyClicks(child(view, "passphrase"), kPassphrase);
    QTest::keyClicks(child(view, "repeatPassphrase"), kPassphrase + QLatin1Char('x'));
    QVERIFY(!child<QPushButton>(view, "createButton")->isEnabled());
    QCOMPARE(child<QLabel>(view, "hint")->text(), QStringLiteral("The two passphrases are different."));
    QTest::keyClick(child(view, "repeatPassphrase"), Qt::Key_Backspace);
    QVERIFY(child<QPushButton>(view, "createButton")->isEnabled());
    QCOMPARE(view->findChild<ui::StrengthMeter *>()->levelText(), QStringLiteral("Very strong"));
}

void TestFirstRun::createOpensMainWindow()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    QCOMPARE(f.profile().state(), State::Unlocked);
    QVERIFY(f.shell().mainWindow()->isVisible());
    QVERIFY(!f.gate()->isVisible());
    QVERIFY(QFile::exists(QDir(f.profileFolder()).filePath(QStringLiteral("fieldline.db"))));
    QVERIFY(QFile::exists(QDir(f.profileFolder()).filePath(QStringLiteral("fieldline.key"))));
    // The next start opens this profile even without --profile.
    QCOMPARE(f.settings().lastProfileDirectory(), f.profileFolder());
}

void TestFirstRun::rememberIsDisabledWithReasonWithoutKeychain()
{
    UiFixture f(nullptr);
    auto *remember = child<QCheckBox>(f.gate()->firstRunView(), "remember");
    QVERIFY(!remember->isEnabled());
    QVERIFY(!remember->isChecked());
    bool reasonShown = false;
    for (QLabel *label : f.gate()->firstRunView()->findChildren<QLabel *>())
        reasonShown = reasonShown || (label->isVisible() && label->text().startsWith(QStringLiteral("Not available")));
    QVERIFY(reasonShown);
}

void TestFirstRun::storageFullKeepsInputAndRetrySucceeds()
{
    UiFixture f;
    QWidget *view = f.gate()->firstRunView();
    QTest::keyClicks(child(view, "passphrase"), kPassphrase);
    QTest::keyClicks(child(view, "repeatPassphrase"), kPassphrase);

    // A file-size limit makes every write past it fail (EFBIG), which is what a full disk looks like.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit original{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &original), 0);
    rlimit limited = original;
    limited.rlim_cur = 1024;
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    QTest::keyClick(child(view, "repeatPassphrase"), Qt::Key_Return);
    f.settle();
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &original), 0);

    QCOMPARE(f.profile().state(), State::NoProfile);
    auto *banner = view->findChild<ui::MessageBanner *>();
    QVERIFY2(banner->text().startsWith(QStringLiteral("Your disk is full")), qPrintable(banner->text()));
    QVERIFY(banner->offersRetry());
    QCOMPARE(child(view, "passphrase")->text(), kPassphrase); // work is kept
    QCOMPARE(child(view, "repeatPassphrase")->text(), kPassphrase);

    QTest::mouseClick(child<QPushButton>(banner, "retryButton"), Qt::LeftButton);
    f.settle();
    QCOMPARE(f.profile().state(), State::Unlocked);
    QVERIFY(f.shell().mainWindow()->isVisible());
}

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
