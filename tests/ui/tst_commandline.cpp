// Command-line parsing (before any QCoreApplication), the no-display check and the core-dump switch.
#include "app/BuildInfo.h"
#include "app/CommandLine.h"
#include "app/DisplayCheck.h"
#include "app/ProcessHardening.h"

#include <QtTest>

#include <sys/prctl.h>
#include <sys/resource.h>

using fieldline::app::CommandLine;
using Mode = CommandLine::Mode;

class TestCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void tourAndProfileValues();
    void displayCheck();
    void versionReportNamesComponents();
    void coreDumpsOff();
};

void TestCommandLine::parse_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<Mode>("mode");
    const QString program = QStringLiteral("fieldline");
    QTest::newRow("nothing") << QStringList{program} << Mode::Run;
    QTest::newRow("version") << QStringList{program, QStringLiteral("--version")} << Mode::Version;
    QTest::newRow("help") << QStringList{program, QStringLiteral("--help")} << Mode::Help;
    QTest::newRow("smoke test") << QStringList{program, QStringLiteral("--smoke-test")} << Mode::SmokeTest;
    QTest::newRow("tour") << QStringList{program, QStringLiteral("--screenshot-tour"), QStringLiteral("out")}
                          << Mode::ScreenshotTour;
    QTest::newRow("profile") << QStringList{program, QStringLiteral("--profile"), QStringLiteral("/p")} << Mode::Run;
    QTest::newRow("unknown option") << QStringList{program, QStringLiteral("--frobnicate")} << Mode::Invalid;
    QTest::newRow("missing value") << QStringList{program, QStringLiteral("--profile")} << Mode::Invalid;
    QTest::newRow("stray argument") << QStringList{program, QStringLiteral("file.txt")} << Mode::Invalid;
    QTest::newRow("two modes") << QStringList{program, QStringLiteral("--version"), QStringLiteral("--smoke-test")}
                               << Mode::Invalid;
}

void TestCommandLine::parse()
{
    QFETCH(QStringList, arguments);
    QFETCH(Mode, mode);
    const CommandLine command = CommandLine::parse(arguments);
    QCOMPARE(command.mode, mode);
    QCOMPARE(command.errorText.isEmpty(), mode != Mode::Invalid);
}

void TestCommandLine::tourAndProfileValues()
{
    const CommandLine command = CommandLine::parse({QStringLiteral("fieldline"), QStringLiteral("--profile"),
                                                    QStringLiteral("/data/p"), QStringLiteral("--smoke-test")});
    QCOMPARE(command.mode, Mode::SmokeTest);
    QCOMPARE(command.profileDirectory, QStringLiteral("/data/p"));
    const CommandLine tour = CommandLine::parse(
        {QStringLiteral("fieldline"), QStringLiteral("--screenshot-tour"), QStringLiteral("docs/screenshots")});
    QCOMPARE(tour.tourDirectory, QStringLiteral("docs/screenshots"));
    QVERIFY(CommandLine::usage().contains(QStringLiteral("--screenshot-tour DIR")));
    // tools/run.sh passes --user agent first; a user given after it (the README's second demo profile) wins.
    const CommandLine field = CommandLine::parse(
        {QStringLiteral("fieldline"), QStringLiteral("--user"), QStringLiteral("agent"), QStringLiteral("--profile"),
         QStringLiteral("/data/field"), QStringLiteral("--user"), QStringLiteral("field")});
    QCOMPARE(field.user, QStringLiteral("field"));
    QCOMPARE(field.profileDirectory, QStringLiteral("/data/field"));
}

void TestCommandLine::displayCheck()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    const QByteArray display = qgetenv("DISPLAY");
    const QByteArray wayland = qgetenv("WAYLAND_DISPLAY");
    qunsetenv("QT_QPA_PLATFORM");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    const QString message = fieldline::app::missingDisplayMessage();
    QVERIFY(message.startsWith(QStringLiteral("fieldline: no display found")));
    QVERIFY(message.contains(QStringLiteral("docs/screenshots/")));
    QVERIFY(!message.contains(QLatin1Char('\n'))); // one line
    qputenv("WAYLAND_DISPLAY", "wayland-0");
    QVERIFY(fieldline::app::missingDisplayMessage().isEmpty());
    qunsetenv("WAYLAND_DISPLAY");
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QVERIFY(fieldline::app::missingDisplayMessage().isEmpty());
    qputenv("QT_QPA_PLATFORM", platform);
    if (!display.isEmpty())
        qputenv("DISPLAY", display);
    if (!wayland.isEmpty())
        qputenv("WAYLAND_DISPLAY", wayland);
}

void TestCommandLine::versionReportNamesComponents()
{
    const QString report = fieldline::app::versionReport();
    QVERIFY(report.startsWith(QStringLiteral("fieldline ") + fieldline::app::fieldlineVersion() + QLatin1Char('\n')));
    static const QRegularExpression line(QStringLiteral("^(Qt|SQLite|libsodium) \\d+\\.\\d+\\.\\d+$"),
                                         QRegularExpression::MultilineOption);
    int matches = 0;
    for (auto it = line.globalMatch(report); it.hasNext();) {
        it.next();
        ++matches;
    }
    QCOMPARE(matches, 3);
}

void TestCommandLine::coreDumpsOff()
{
    QCOMPARE(fieldline::app::disableCoreDumps(), QString());
    rlimit limit{};
    QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
    QCOMPARE(limit.rlim_cur, rlim_t(0));
    QCOMPARE(limit.rlim_max, rlim_t(0));
    QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
}

QTEST_GUILESS_MAIN(TestCommandLine)
#include "tst_commandline.moc"
