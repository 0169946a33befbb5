// The installed-client checks CI runs, against the built binary: --version without a display, the one-line
// message without one, the offscreen smoke test, a bad option, and the screenshot tour.
#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void versionWithoutDisplay();
    void noDisplayIsOneClearLine();
    void smokeTestOffscreen();
    void badOptionFails();
    void screenshotTourWritesBothLanguages();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    static Run run(const QStringList &arguments, const QProcessEnvironment &environment)
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(FIELDLINE_BIN), arguments);
        Run result;
        if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit)
            return result;
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }
    static QProcessEnvironment headless()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            environment.remove(QString::fromLatin1(name));
        return environment;
    }
};

void TestCli::versionWithoutDisplay()
{
    const Run result = run({QStringLiteral("--version")}, headless());
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.startsWith(QStringLiteral("fieldline ")), qPrintable(result.out));
    for (const char *component : {"Qt ", "SQLite ", "libsodium "})
        QVERIFY2(result.out.contains(QLatin1Char('\n') + QString::fromLatin1(component)), qPrintable(result.out));
}

void TestCli::noDisplayIsOneClearLine()
{
    const Run result = run({}, headless());
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.err.count(QLatin1Char('\n')), 1);
    QVERIFY(result.err.startsWith(QStringLiteral("fieldline: no display found")));
    QVERIFY(result.err.contains(QStringLiteral("docs/screenshots/")));
}

void TestCli::smokeTestOffscreen()
{
    QTemporaryDir home;
    QProcessEnvironment environment = headless();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("HOME"), home.path());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    const Run result = run(
        {QStringLiteral("--smoke-test"), QStringLiteral("--profile"), home.filePath(QStringLiteral("p"))}, environment);
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains(QStringLiteral("smoke test ok")), qPrintable(result.out + result.err));
    // Showing the first screen creates nothing: no profile until the user chooses a passphrase.
    QVERIFY(!QFile::exists(home.filePath(QStringLiteral("p/fieldline.db"))));
}

void TestCli::badOptionFails()
{
    const Run result = run({QStringLiteral("--no-such-option")}, headless());
    QCOMPARE(result.exitCode, 1);
    QVERIFY(result.err.contains(QStringLiteral("Usage: fieldline")));
}

void TestCli::screenshotTourWritesBothLanguages()
{
    QTemporaryDir out;
    QTemporaryDir home;
    QProcessEnvironment environment = headless(); // the tour picks offscreen itself
    environment.insert(QStringLiteral("HOME"), home.path());
    const Run result = run({QStringLiteral("--screenshot-tour"), out.path()}, environment);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    const QStringList english = QDir(out.path()).entryList({QStringLiteral("en-*.png")});
    const QStringList chinese = QDir(out.path()).entryList({QStringLiteral("zh_CN-*.png")});
    QVERIFY(english.size() >= 10);
    QCOMPARE(chinese.size(), english.size());
    for (const QString &name : english) {
        QImage image(QDir(out.path()).filePath(name));
        QVERIFY2(!image.isNull() && image.width() >= 300 && image.height() >= 150, qPrintable(name));
    }
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
