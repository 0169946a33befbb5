// Settings: idle-lock minutes are saved and applied at once, "remember on this computer" goes through the
// profile (and reverts with an error when the keychain refuses), and the passphrase change dialog reports a
// wrong current passphrase and otherwise rewraps the key so only the new passphrase unlocks.
#include "UiFixture.h"

#include "tests/support/MemorySecretStore.h"
#include "ui/IdleWatcher.h"
#include "ui/controls/MessageBanner.h"
#include "ui/overview/OverviewWorkspace.h"
#include "ui/settings/ChangePassphraseDialog.h"
#include "ui/settings/SettingsController.h"
#include "ui/settings/SettingsDialog.h"

#include <QCheckBox>
#include <QPushButton>
#include <QSpinBox>

#include <chrono>

using namespace fieldline;
using namespace fieldline::uitest;
using State = app::ProfileService::State;

class TestSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void idleMinutesAreSavedAndApplied();
    void rememberToggleGoesThroughProfile();
    void rememberFailureRevertsTheCheckbox();
    void changePassphrase();
    void settingsNeedAnUnlockedProfile();
};

void TestSettings::idleMinutesAreSavedAndApplied()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    f.shell().showSettings();
    auto *minutes = child<QSpinBox>(f.shell().settingsDialog(), "idleLockMinutes");
    QCOMPARE(minutes->value(), app::AppSettings::kDefaultIdleLockMinutes);
    minutes->setValue(3);
    QCOMPARE(f.settings().idleLockMinutes(), 3);
    QCOMPARE(f.shell().idleWatcher()->timeout(), std::chrono::milliseconds(std::chrono::minutes(3)));
    QVERIFY(f.shell().idleWatcher()->isActive());
    minutes->setValue(0); // "Never"
    QCOMPARE(minutes->text(), QStringLiteral("Never"));
    QVERIFY(!f.shell().idleWatcher()->isActive());
}

void TestSettings::rememberToggleGoesThroughProfile()
{
    testsupport::MemorySecretStore keychain;
    UiFixture f(&keychain);
    QVERIFY(f.createProfile());
    QVERIFY(!f.profile().isRemembered());
    auto *remembered = child<QLabel>(f.shell().overview(), "remembered");
    QVERIFY(remembered->text().startsWith(QStringLiteral("No")));

    f.shell().showSettings();
    auto *remember = child<QCheckBox>(f.shell().settingsDialog(), "remember");
    QVERIFY(remember->isEnabled());
    remember->click();
    f.settle();
    QVERIFY(f.profile().isRemembered());
    QVERIFY(!keychain.entries().isEmpty());
    QVERIFY(remembered->text().startsWith(QStringLiteral("Yes")));

    remember->click();
    f.settle();
    QVERIFY(!f.profile().isRemembered());
    QVERIFY(keychain.entries().isEmpty());
}

void TestSettings::rememberFailureRevertsTheCheckbox()
{
    testsupport::MemorySecretStore keychain;
    UiFixture f(&keychain);
    QVERIFY(f.createProfile());
    f.shell().showSettings();
    auto *remember = child<QCheckBox>(f.shell().settingsDialog(), "remember");
    keychain.failNextStore();
    remember->click();
    f.settle();
    QVERIFY(!f.profile().isRemembered());
    QVERIFY(!remember->isChecked());
    QVERIFY(!f.shell().settingsDialog()->findChild<ui::MessageBanner *>()->text().isEmpty());
}

void TestSettings::changePassphrase()
{
    UiFixture f;
    QVERIFY(f.createProfile());
    f.shell().showSettings();
    QTest::mouseClick(child<QPushButton>(f.shell().settingsDialog(), "changePassphraseButton"), Qt::LeftButton);
    ui::ChangePassphraseDialog *dialog = f.shell().settingsController()->changePassphraseDialog();
    QVERIFY(dialog && dialog->isVisible());
    const QString next = QStringLiteral("violet tractor honey window 82");

    QTest::keyClicks(child(dialog, "currentPassphrase"), QStringLiteral("not the passphrase"));
    QTest::keyClicks(child(dialog, "newPassphrase"), next);
    QTest::keyClicks(child(dialog, "repeatPassphrase"), next);
    auto *change = child<QPushButton>(dialog, "changeButton");
    QVERIFY(change->isEnabled());
    change->click();
    f.settle();
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<ui::MessageBanner *>()->text(),
             QStringLiteral("The current passphrase is not correct. Nothing was changed."));
    QCOMPARE(dialog->focusWidget(), child(dialog, "currentPassphrase"));

    QTest::keyClicks(child(dialog, "currentPassphrase"), kPassphrase); // replaces the selected wrong attempt
    QPointer<ui::ChangePassphraseDialog> guard(dialog);
    change->click();
    f.settle();
    QTRY_VERIFY(!guard || !guard->isVisible());
    QVERIFY(f.shell().settingsDialog()->findChild<ui::MessageBanner *>()->text().startsWith(
        QStringLiteral("Your passphrase was changed.")));

    f.shell().lock();
    QCOMPARE(f.profile().unlock(kPassphrase).code(), storage::ErrorCode::WrongKey);
    QVERIFY(f.profile().unlock(next).ok());
}

void TestSettings::settingsNeedAnUnlockedProfile()
{
    UiFixture f;
    f.shell().showSettings();
    QVERIFY(!f.shell().settingsDialog());
    QVERIFY(f.createProfile());
    f.shell().showSettings();
    QVERIFY(f.shell().settingsDialog());
    f.shell().lock();
    QVERIFY(!f.shell().settingsDialog()); // closed on lock, nothing of the profile left on screen
}

QTEST_MAIN(TestSettings)
#include "tst_settings.moc"
