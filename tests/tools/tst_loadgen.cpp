#include "tests/server/ServerProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct LoadgenResult
{
    int exitCode = -1;
    QByteArray out;
    QString err;
};

LoadgenResult runLoadgen(const QStringList &arguments, const QProcessEnvironment &environment = {})
{
    QProcess process;
    if (!environment.isEmpty())
        process.setProcessEnvironment(environment);
    process.start(QStringLiteral(FIELDLINE_LOADGEN_EXE), arguments);
    if (!process.waitForStarted(10'000) || !process.waitForFinished(60'000)) {
        process.kill();
        process.waitForFinished(5'000);
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

/**
 * fieldline-loadgen itself, against the real server: a short, gentle run must come out clean (every push answered,
 * every socket open and notified, no error of any kind), and the tool must refuse what it is not for.
 */
class TestLoadgen : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    ServerProcess m_server;

    QString serverUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.port()); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        QVERIFY2(m_server.start(m_dataDir.path(), {QStringLiteral("--password-cost"), QStringLiteral("min")}),
                 qPrintable(m_server.error()));
    }

    void shortRunIsClean()
    {
        const LoadgenResult result = runLoadgen(
            {QStringLiteral("--server"), serverUrl(), QStringLiteral("--operator-token-file"),
             m_dataDir.filePath(QStringLiteral("operator-token")), QStringLiteral("--tenants"), QStringLiteral("5"),
             QStringLiteral("--devices-per-tenant"), QStringLiteral("2"), QStringLiteral("--connections"),
             QStringLiteral("50"), QStringLiteral("--rate"), QStringLiteral("20"), QStringLiteral("--duration"),
             QStringLiteral("3"), QStringLiteral("--notify-sample"), QStringLiteral("1"), QStringLiteral("--json")});
        QVERIFY2(result.exitCode == 0, qPrintable(QStringLiteral("exit %1: ").arg(result.exitCode) + result.err +
                                                  QString::fromUtf8(result.out)));
        const QJsonObject report = QJsonDocument::fromJson(result.out).object();
        QVERIFY2(!report.isEmpty(), result.out.constData());
        QCOMPARE(report.value(QLatin1String("errors")).toObject(), QJsonObject());
        QCOMPARE(report.value(QLatin1String("pushes_scheduled")).toInt(), 60);
        QCOMPARE(report.value(QLatin1String("pushes_answered")).toInt(), 60);
        QCOMPARE(report.value(QLatin1String("connections_open")).toInt(), 50);
        QCOMPARE(report.value(QLatin1String("connections_to_notify")).toInt(), 50);
        QCOMPARE(report.value(QLatin1String("connections_notified")).toInt(), 50);
        // Every push was sampled: each of its tenant's 10 sockets heard of it.
        QCOMPARE(report.value(QLatin1String("notify_missing")).toInt(), 0);
        QCOMPARE(report.value(QLatin1String("notify")).toObject().value(QLatin1String("count")).toInt(), 60 * 10);
        QCOMPARE(report.value(QLatin1String("clean")).toBool(), true);
    }

    void wrongPasswordIsReported()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("LOADGEN_TEST_PASSWORD"), QStringLiteral("not the password"));
        const LoadgenResult result =
            runLoadgen({QStringLiteral("--server"), serverUrl(), QStringLiteral("--tenant"), QStringLiteral("nobody"),
                        QStringLiteral("--login"), QStringLiteral("nobody"), QStringLiteral("--password-env"),
                        QStringLiteral("LOADGEN_TEST_PASSWORD"), QStringLiteral("--duration"), QStringLiteral("1")},
                       environment);
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QLatin1String("logging in to nobody")), qPrintable(result.err));
        QVERIFY2(result.err.contains(QLatin1String("HTTP 401")), qPrintable(result.err));
    }

    void refusesWhatItIsNotFor_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        const QStringList server{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"),
                                 QStringLiteral("--tenant"), QStringLiteral("t"),
                                 QStringLiteral("--login"),  QStringLiteral("u")};
        QTest::newRow("not loopback") << QStringList{QStringLiteral("--server"),
                                                     QStringLiteral("http://192.0.2.1:8443"),
                                                     QStringLiteral("--tenant"),
                                                     QStringLiteral("t"),
                                                     QStringLiteral("--login"),
                                                     QStringLiteral("u")}
                                      << QStringLiteral("only talks to a server on this machine's loopback");
        QTest::newRow("too many connections")
            << server + QStringList{QStringLiteral("--connections"), QStringLiteral("1000000")}
            << QStringLiteral("--connections must be 0 to 20000");
        QTest::newRow("more sockets than devices keep")
            << server + QStringList{QStringLiteral("--devices-per-tenant"), QStringLiteral("2"),
                                    QStringLiteral("--connections"), QStringLiteral("17")}
            << QStringLiteral("--connections can be at most 8 per device");
        QTest::newRow("endless") << server + QStringList{QStringLiteral("--duration"), QStringLiteral("0")}
                                 << QStringLiteral("--duration must be 1 to 3600 seconds");
        QTest::newRow("no tenant") << QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1")}
                                   << QStringLiteral("Pass either --operator-token-file");
    }

    void refusesWhatItIsNotFor()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const LoadgenResult result = runLoadgen(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }
};

QTEST_GUILESS_MAIN(TestLoadgen)
#include "tst_loadgen.moc"
