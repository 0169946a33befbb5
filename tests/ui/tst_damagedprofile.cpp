// A damaged profile is explained, left as it is, and replaced only after the user explicitly chooses to set
// the damaged files aside (which moves them into a "damaged-..." folder and then offers first run).
#include "UiFixture.h"

#include "ui/controls/MessageBanner.h"

#include <QPushButton>
#include <QSignalSpy>

using namespace fieldline;
using namespace fieldline::uitest;
using State = app::ProfileService::State;

class TestDamagedProfile : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void damageIsExplainedAndNothingIsTouched();
    void quitLeavesFilesAlone();
    void setAsideMovesFilesThenOffersFirstRun();

private:
    /** A profile whose database page 1 was damaged, opened by a fresh start and an unlock attempt. */
    static void makeDamaged(UiFixture &f)
    {
        QVERIFY(f.createProfile());
        f.shell().lock();
        QVERIFY(damageDatabase(f.profileFolder()));
        f.recreate(false);
        QLineEdit *field = child(f.gate()->unlockView(), "passphrase");
        QTest::keyClicks(field, kPassphrase);
        QTest::keyClick(field, Qt::Key_Return);
        f.settle();
        QCOMPARE(f.profile().state(), State::Damaged);
    }
};

void TestDamagedProfile::damageIsExplainedAndNothingIsTouched()
{
    UiFixture f;
    makeDamaged(f);
    const auto files = snapshot(f.profileFolder());
    QCOMPARE(f.gate()->currentPage(), ui::GateWindow::Page::Damaged);
    QWidget *view = f.gate()->damagedView();
    QVERIFY(view->isVisible());
    const QString plan = child<QLabel>(view, "plan")->text();
    QVERIFY2(plan.contains(QStringLiteral("damaged-")) && plan.contains(f.profileFolder()), qPrintable(plan));
    QCOMPARE(child<QPushButton>(view, "setAsideButton")->text(),
             QStringLiteral("&Set the damaged files aside and create a new profile"));
    QVERIFY(child<QPushButton>(view, "quitButton")->isVisible());
    QCoreApplication::processEvents();
    QCOMPARE(snapshot(f.profileFolder()), files);
    QCOMPARE(f.profile().state(), State::Damaged);
}

void TestDamagedProfile::quitLeavesFilesAlone()
{
    UiFixture f;
    makeDamaged(f);
    const auto files = snapshot(f.profileFolder());
    QSignalSpy quit(&f.shell(), &ui::Shell::quitRequested);
    QTest::mouseClick(child<QPushButton>(f.gate()->damagedView(), "quitButton"), Qt::LeftButton);
    QCOMPARE(quit.count(), 1);
    QCOMPARE(snapshot(f.profileFolder()), files);
}

void TestDamagedProfile::setAsideMovesFilesThenOffersFirstRun()
{
    UiFixture f;
    makeDamaged(f);
    const auto files = snapshot(f.profileFolder());
    QTest::mouseClick(child<QPushButton>(f.gate()->damagedView(), "setAsideButton"), Qt::LeftButton);

    QCOMPARE(f.profile().state(), State::NoProfile);
    QCOMPARE(f.gate()->currentPage(), ui::GateWindow::Page::FirstRun);
    const QStringList folders =
        QDir(f.profileFolder()).entryList({QStringLiteral("damaged-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(folders.size(), 1);
    const QString aside = QDir(f.profileFolder()).filePath(folders.first());
    // The damaged bytes are kept, unchanged, and nothing new was created in their place.
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        QCOMPARE(snapshot(aside).value(it.key()), it.value());
    QVERIFY(!QFile::exists(QDir(f.profileFolder()).filePath(QStringLiteral("fieldline.db"))));
    const QString notice = f.gate()->firstRunView()->findChild<ui::MessageBanner *>()->text();
    QVERIFY2(notice.contains(folders.first()), qPrintable(notice));

    QVERIFY(f.createProfile()); // the explicit second step
    QVERIFY(QFile::exists(QDir(f.profileFolder()).filePath(QStringLiteral("fieldline.db"))));
}

QTEST_MAIN(TestDamagedProfile)
#include "tst_damagedprofile.moc"
