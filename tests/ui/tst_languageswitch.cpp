// Switching the language applies live: visible labels, menus, messages already on screen and the workspace
// list follow, without a restart; the choice is saved for the next start.
#include "UiFixture.h"

#include "ui/controls/MessageBanner.h"
#include "ui/controls/StrengthMeter.h"
#include "ui/main/MainWindow.h"
#include "ui/main/WorkspaceListModel.h"
#include "ui/settings/SettingsDialog.h"

#include <QComboBox>
#include <QMenuBar>

using namespace fieldline;
using namespace fieldline::uitest;

class TestLanguageSwitch : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void gateComboRetranslatesVisibleLabels();
    void messagesOnScreenFollowTheSwitch();
    void settingsDialogSwitchesMainWindow();
    void unknownLanguageIsRefused();

private:
    static void choose(QComboBox *combo, const QString &code)
    {
        const int index = combo->findData(code);
        QVERIFY(index >= 0);
        combo->setCurrentIndex(index);
        emit combo->activated(index);
        // Qt posts LanguageChange to every window: the switch shows on the next turn of the event loop.
        QCoreApplication::processEvents();
    }
};

void TestLanguageSwitch::gateComboRetranslatesVisibleLabels()
{
    UiFixture f;
    QWidget *view = f.gate()->firstRunView();
    auto *title = child<QLabel>(view, "title");
    QVERIFY(title->isVisible());
    QCOMPARE(title->text(), QStringLiteral("Create your encrypted profile"));

    choose(child<QComboBox>(f.gate(), "language"), QStringLiteral("zh_CN"));
    QCOMPARE(f.language().language(), QStringLiteral("zh_CN"));
    QCOMPARE(title->text(), QStringLiteral("创建加密资料库"));
    QCOMPARE(child(view, "passphrase")->accessibleName(), QStringLiteral("密码"));
    QCOMPARE(f.settings().language(), QStringLiteral("zh_CN"));

    choose(child<QComboBox>(f.gate(), "language"), QStringLiteral("en"));
    QCOMPARE(title->text(), QStringLiteral("Create your encrypted profile"));
}

void TestLanguageSwitch::messagesOnScreenFollowTheSwitch()
{
    UiFixture f;
    QWidget *view = f.gate()->firstRunView();
    QTest::keyClicks(child(view, "passphrase"), kPassphrase);
    auto *hint = child<QLabel>(view, "hint");
    QCOMPARE(hint->text(), QStringLiteral("Type the passphrase again to confirm it."));
    auto *meter = view->findChild<ui::StrengthMeter *>();
    QCOMPARE(meter->levelText(), QStringLiteral("Very strong"));

    QVERIFY(f.language().setLanguage(QStringLiteral("zh_CN")));
    QCoreApplication::processEvents();
    QCOMPARE(hint->text(), QStringLiteral("请再次输入密码以确认。"));
    QCOMPARE(meter->levelText(), QStringLiteral("非常强"));
}

void TestLanguageSwitch::settingsDialogSwitchesMainWindow()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    ui::MainWindow *main = f.shell().mainWindow();
    QCOMPARE(main->menuBar()->actions().first()->text(), QStringLiteral("&File"));
    QCOMPARE(main->workspaceModel()->index(0).data().toString(), QStringLiteral("Overview"));

    f.shell().showSettings();
    ui::SettingsDialog *dialog = f.shell().settingsDialog();
    QVERIFY(dialog && dialog->isVisible());
    choose(child<QComboBox>(dialog, "language"), QStringLiteral("zh_CN"));

    QCOMPARE(main->menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
    QCOMPARE(main->workspaceModel()->index(0).data().toString(), QStringLiteral("概览"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("设置"));
    QCOMPARE(child<QLabel>(dialog, "languageLabel")->text(), QStringLiteral("语言(&L)："));
    QCOMPARE(f.settings().language(), QStringLiteral("zh_CN"));
}

void TestLanguageSwitch::unknownLanguageIsRefused()
{
    ui::LanguageManager language;
    QVERIFY(language.setLanguage(QStringLiteral("en")));
    QVERIFY(!language.setLanguage(QStringLiteral("xx_YY")));
    QCOMPARE(language.language(), QStringLiteral("en"));
    QCOMPARE(ui::LanguageManager::resolve(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(ui::LanguageManager::resolve(QStringLiteral("xx_YY")), ui::LanguageManager::systemLanguage());
}

QTEST_MAIN(TestLanguageSwitch)
#include "tst_languageswitch.moc"
