// Settings read before unlock: defaults, round trips, clamping, and the profile folder choice.
#include "app/AppSettings.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using fieldline::app::AppSettings;

class TestAppSettings : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void defaultsAndRoundTrip();
    void idleMinutesAreClamped();
    void profileDirectoryChoice();
    void persistsAcrossInstances();
};

void TestAppSettings::defaultsAndRoundTrip()
{
    QTemporaryDir dir;
    QSettings qsettings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    AppSettings settings(qsettings);
    QVERIFY(settings.language().isEmpty());
    QVERIFY(settings.lastProfileDirectory().isEmpty());
    QCOMPARE(settings.idleLockMinutes(), AppSettings::kDefaultIdleLockMinutes);
    settings.setLanguage(QStringLiteral("zh_CN"));
    settings.setIdleLockMinutes(0);
    QCOMPARE(settings.language(), QStringLiteral("zh_CN"));
    QCOMPARE(settings.idleLockMinutes(), 0);
}

void TestAppSettings::idleMinutesAreClamped()
{
    QTemporaryDir dir;
    QSettings qsettings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    AppSettings settings(qsettings);
    settings.setIdleLockMinutes(100000);
    QCOMPARE(settings.idleLockMinutes(), AppSettings::kMaxIdleLockMinutes);
    // A hand-edited file must not switch the lock off by accident.
    qsettings.setValue(QStringLiteral("security/idleLockMinutes"), QStringLiteral("soon"));
    QCOMPARE(settings.idleLockMinutes(), AppSettings::kDefaultIdleLockMinutes);
    qsettings.setValue(QStringLiteral("security/idleLockMinutes"), -5);
    QCOMPARE(settings.idleLockMinutes(), AppSettings::kDefaultIdleLockMinutes);
}

void TestAppSettings::profileDirectoryChoice()
{
    QTemporaryDir dir;
    QSettings qsettings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    AppSettings settings(qsettings);
    const QString fallback = settings.profileDirectory(QString());
    QVERIFY(fallback.endsWith(QStringLiteral("/profile")));
    QVERIFY(fallback.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    settings.setLastProfileDirectory(QStringLiteral("/srv/last"));
    QCOMPARE(settings.profileDirectory(QString()), QStringLiteral("/srv/last"));
    QCOMPARE(settings.profileDirectory(QStringLiteral("/srv/explicit")), QStringLiteral("/srv/explicit"));
    QCOMPARE(settings.profileDirectory(QStringLiteral("relative")),
             QDir::current().absoluteFilePath(QStringLiteral("relative")));
}

void TestAppSettings::persistsAcrossInstances()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.ini"));
    {
        QSettings qsettings(path, QSettings::IniFormat);
        AppSettings(qsettings).setLanguage(QStringLiteral("zh_CN"));
    }
    QSettings qsettings(path, QSettings::IniFormat);
    QCOMPARE(AppSettings(qsettings).language(), QStringLiteral("zh_CN"));
}

QTEST_GUILESS_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
