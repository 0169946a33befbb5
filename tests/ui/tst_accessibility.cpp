// Every control a user can reach with the keyboard has an accessible name, on every screen, in both
// languages; and the main window's shortcuts exist (Ctrl+L, Ctrl+, , F1, Ctrl+Q).
#include "UiFixture.h"

#include "tests/support/MemorySecretStore.h"
#include "ui/about/AboutDialog.h"
#include "ui/main/MainWindow.h"
#include "ui/settings/ChangePassphraseDialog.h"
#include "ui/settings/SettingsController.h"
#include "ui/settings/SettingsDialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QPushButton>

using namespace fieldline;
using namespace fieldline::uitest;

namespace {

bool isControl(QWidget *widget)
{
    // The line edit inside a spin box or combo box is part of that control, which carries the name.
    QWidget *parent = widget->parentWidget();
    if (parent && (qobject_cast<QAbstractSpinBox *>(parent) || qobject_cast<QComboBox *>(parent)))
        return false;
    return qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
           qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractSpinBox *>(widget) ||
           qobject_cast<QAbstractItemView *>(widget) || (widget->focusPolicy() & Qt::TabFocus);
}

/** "Class objectName" of every control below root without an accessible name; empty is good. */
QStringList unnamedControls(QWidget *root)
{
    QStringList unnamed;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (isControl(widget) && widget->accessibleName().trimmed().isEmpty())
            unnamed.append(QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ') +
                           widget->objectName());
    }
    return unnamed;
}

int controlCount(QWidget *root)
{
    int count = 0;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets)
        count += isControl(widget) ? 1 : 0;
    return count;
}

} // namespace

class TestAccessibility : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void everyScreenNamesItsControls_data();
    void everyScreenNamesItsControls();
    void mainWindowShortcuts();
    void mnemonicsOnLabelledFields();
};

void TestAccessibility::everyScreenNamesItsControls_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("Simplified Chinese") << QStringLiteral("zh_CN");
}

void TestAccessibility::everyScreenNamesItsControls()
{
    QFETCH(QString, language);
    testsupport::MemorySecretStore keychain;
    UiFixture f(&keychain);
    QVERIFY(f.language().setLanguage(language));

    auto check = [](QWidget *screen, const char *what) {
        QVERIFY2(screen, what);
        QVERIFY2(controlCount(screen) > 0, what);
        const QStringList unnamed = unnamedControls(screen);
        QVERIFY2(unnamed.isEmpty(),
                 qPrintable(QString::fromLatin1(what) + QStringLiteral(": ") + unnamed.join(QStringLiteral(", "))));
    };
    check(f.gate(), "first run");
    QVERIFY(f.createProfile());
    check(f.shell().mainWindow(), "main window");
    f.shell().showSettings();
    check(f.shell().settingsDialog(), "settings");
    QTest::mouseClick(child<QPushButton>(f.shell().settingsDialog(), "changePassphraseButton"), Qt::LeftButton);
    check(f.shell().settingsController()->changePassphraseDialog(), "change passphrase");
    f.shell().showAbout();
    check(f.shell().aboutDialog(), "about");
    f.shell().lock();
    QCOMPARE(f.gate()->currentPage(), ui::GateWindow::Page::Unlock);
    check(f.gate(), "unlock");
    f.shell().lock();
    QVERIFY(damageDatabase(f.profileFolder()));
    f.recreate(false);
    (void)f.profile().unlock(kPassphrase);
    QCoreApplication::processEvents();
    QCOMPARE(f.gate()->currentPage(), ui::GateWindow::Page::Damaged);
    check(f.gate(), "damaged");
}

void TestAccessibility::mainWindowShortcuts()
{
    ui::MainWindow window;
    QCOMPARE(window.lockAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    QCOMPARE(window.settingsAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
    QCOMPARE(window.aboutAction()->shortcut(), QKeySequence(Qt::Key_F1));
    QCOMPARE(window.quitAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Q));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy settings(&window, &ui::MainWindow::settingsRequested);
    QSignalSpy about(&window, &ui::MainWindow::aboutRequested);
    QSignalSpy quit(&window, &ui::MainWindow::quitRequested);
    QTest::keyClick(&window, Qt::Key_Comma, Qt::ControlModifier);
    QTest::keyClick(&window, Qt::Key_F1);
    QTest::keyClick(&window, Qt::Key_Q, Qt::ControlModifier);
    QCOMPARE(settings.count(), 1);
    QCOMPARE(about.count(), 1);
    QCOMPARE(quit.count(), 1);
}

void TestAccessibility::mnemonicsOnLabelledFields()
{
    // Every label with a buddy has a mnemonic, so Alt+letter reaches the field.
    UiFixture f;
    for (QLabel *label : f.gate()->findChildren<QLabel *>()) {
        if (label->buddy())
            QVERIFY2(label->text().contains(QLatin1Char('&')), qPrintable(label->text()));
    }
}

QTEST_MAIN(TestAccessibility)
#include "tst_accessibility.moc"
