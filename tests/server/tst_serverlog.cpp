#include "ServerProcess.h"
#include "sync/protocol/ProtocolCodec.h"

#include "server/LogFields.h"
#include "server/ServerLog.h"
#include "server/ServerOptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fieldline::server;

namespace {

const QRegularExpression isoUtcMs(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));

/** Every line of @p log as a JSON object; a line that is not one fails the test through @p bad. */
QList<QJsonObject> jsonLines(const QByteArray &log, QByteArray &bad)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : log.split('\n')) {
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError || !document.isObject()) {
            bad = line;
            return {};
        }
        lines.append(document.object());
    }
    return lines;
}

/** The access record of @p method @p path answered with @p status, or an empty object. */
QJsonObject accessRecord(const QList<QJsonObject> &lines, const QString &method, const QString &path, int status)
{
    for (const QJsonObject &line : lines) {
        if (line.value(QLatin1String("category")).toString() == QLatin1String("fieldline.server.access") &&
            line.value(QLatin1String("method")).toString() == method &&
            line.value(QLatin1String("path")).toString() == path &&
            line.value(QLatin1String("status")).toInt() == status)
            return line;
    }
    return {};
}

} // namespace

/**
 * fieldline-server's log: JSON lines (or text) on stderr, one access record per answered request, and never a
 * password, token or query string in it, checked on the real server process.
 */
class TestServerLog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void jsonLineKeepsFixedKeysAndEscapes()
    {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
        const QJsonObject fields{{QStringLiteral("status"), 200}, {QStringLiteral("level"), QStringLiteral("forged")}};
        const QByteArray line = ServerLog::formatLine(LogFormat::Json, QtWarningMsg, "fieldline.test",
                                                      QStringLiteral("two\nlines \"quoted\""), fields, time);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        QCOMPARE(object.value(QLatin1String("time")).toString(), QStringLiteral("2023-11-14T22:13:20.123Z"));
        QCOMPARE(object.value(QLatin1String("level")).toString(), QStringLiteral("warning"));
        QCOMPARE(object.value(QLatin1String("category")).toString(), QStringLiteral("fieldline.test"));
        QCOMPARE(object.value(QLatin1String("message")).toString(), QStringLiteral("two\nlines \"quoted\""));
        QCOMPARE(object.value(QLatin1String("status")).toInt(), 200);
    }

    void textLine()
    {
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'123, Qt::UTC);
        QCOMPARE(ServerLog::formatLine(LogFormat::Text, QtCriticalMsg, "fieldline.test", QStringLiteral("disk full"),
                                       QJsonObject{{QStringLiteral("path"), QStringLiteral("/x")}}, time),
                 QByteArrayLiteral("2023-11-14T22:13:20.123Z error fieldline.test: disk full\n"));
    }

    void fieldsLiveForTheirScope()
    {
        QVERIFY(LogFields::current().isEmpty());
        {
            const LogFields outer(QJsonObject{{QStringLiteral("a"), 1}});
            {
                const LogFields inner(QJsonObject{{QStringLiteral("b"), 2}});
                QCOMPARE(LogFields::current(), QJsonObject({{QStringLiteral("b"), 2}}));
            }
            QCOMPARE(LogFields::current(), QJsonObject({{QStringLiteral("a"), 1}}));
        }
        QVERIFY(LogFields::current().isEmpty());
    }

    void logFormatOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<int>("format"); // -1: automatic
        QTest::newRow("default") << QStringList{} << 0 << -1;
        QTest::newRow("json") << QStringList{QStringLiteral("--log-format"), QStringLiteral("json")} << 0
                              << int(LogFormat::Json);
        QTest::newRow("text") << QStringList{QStringLiteral("--log-format"), QStringLiteral("text")} << 0
                              << int(LogFormat::Text);
        QTest::newRow("other") << QStringList{QStringLiteral("--log-format"), QStringLiteral("xml")} << 2 << -1;
    }

    void logFormatOption()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(int, format);
        const ParsedCommandLine parsed = parseServerCommandLine(
            QStringList{QStringLiteral("fieldline-server"), QStringLiteral("--data"), QStringLiteral("/tmp/x")} +
            arguments);
        QCOMPARE(parsed.exitCode, exitCode);
        if (exitCode != 0)
            return;
        QVERIFY(parsed.options);
        QCOMPARE(parsed.options->logFormat ? int(*parsed.options->logFormat) : -1, format);
    }

    void serverLogsJsonWithoutSecrets()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        ServerProcess server;
        QVERIFY2(server.start(dataDir.path(),
                              {QStringLiteral("--demo"), QStringLiteral("--password-cost"), QStringLiteral("min"),
                               QStringLiteral("--log-format"), QStringLiteral("json")}),
                 qPrintable(server.error()));

        const QByteArray password = "agent-demo-1";
        const QByteArray wrongPassword = "wrong-password-5678";
        const QByteArray querySecret = "query-secret-1234";
        const QByteArray bogusToken = "1.bogus-token-abcdef";
        auto login = [&](const QByteArray &secret) {
            QJsonObject body{{QStringLiteral("tenant"), QStringLiteral("demo")},
                             {QStringLiteral("login"), QStringLiteral("agent")},
                             {QStringLiteral("password"), QString::fromLatin1(secret)},
                             {QStringLiteral("device"), QStringLiteral("log test")}};
            return server.post(QStringLiteral("/v1/login"), QJsonDocument(body).toJson(QJsonDocument::Compact));
        };
        QCOMPARE(server.get(QStringLiteral("/healthz?token=") + QString::fromLatin1(querySecret)).status, 200);
        const HttpReply signedIn = login(password);
        QCOMPARE(signedIn.status, 200);
        const QByteArray token =
            QJsonDocument::fromJson(signedIn.body).object().value(QLatin1String("token")).toString().toLatin1();
        QVERIFY(token.contains('.'));
        const qint64 tenantId = token.left(token.indexOf('.')).toLongLong(); // tokens are "<tenant id>.<secret>"
        QCOMPARE(login(wrongPassword).status, 401);
        QCOMPARE(server.get(QStringLiteral("/v1/me"), token).status, 200);
        QCOMPARE(server.get(QStringLiteral("/v1/me"), bogusToken).status, 401);
        QCOMPARE(server.get(QStringLiteral("/no/such/path")).status, 404);
        // A sync route answers once the store is synced (DurableAnswers), outside Qt's after-request hook.
        const QByteArray pull = fieldline::sync::protocol::encode(fieldline::sync::protocol::PullRequest{0, 100, 0});
        QCOMPARE(server
                     .send("POST", QStringLiteral("/v1/pull"), pull,
                           {{"Authorization", "Bearer " + token}, {"Content-Type", "application/cbor"}})
                     .status,
                 200);
        // The login's token was written, and synced before its answer.
        const QByteArray metrics = server.get(QStringLiteral("/metrics")).body;
        static const QRegularExpression synced(QStringLiteral("^fieldline_store_syncs_total [1-9][0-9]*$"),
                                               QRegularExpression::MultilineOption);
        QVERIFY2(synced.match(QString::fromLatin1(metrics)).hasMatch(), metrics.constData());
        QVERIFY2(metrics.contains("\nfieldline_store_sync_failures_total 0\n"), metrics.constData());
        server.stop();
        const QByteArray log = server.takeStandardError();

        QByteArray bad;
        const QList<QJsonObject> lines = jsonLines(log, bad);
        QVERIFY2(bad.isEmpty(), bad.constData());
        QVERIFY(!lines.isEmpty());
        for (const QJsonObject &line : lines) {
            QVERIFY2(isoUtcMs.match(line.value(QLatin1String("time")).toString()).hasMatch(),
                     qPrintable(line.value(QLatin1String("time")).toString()));
            QVERIFY(QStringList({QStringLiteral("debug"), QStringLiteral("info"), QStringLiteral("warning"),
                                 QStringLiteral("error"), QStringLiteral("fatal")})
                        .contains(line.value(QLatin1String("level")).toString()));
            QVERIFY(!line.value(QLatin1String("message")).toString().isEmpty());
        }

        const QString get = QStringLiteral("GET");
        const QString post = QStringLiteral("POST");
        const QJsonObject health = accessRecord(lines, get, QStringLiteral("/healthz"), 200);
        QVERIFY2(!health.isEmpty(), log.constData());
        QCOMPARE(health.value(QLatin1String("remote")).toString(), QStringLiteral("127.0.0.1"));
        QVERIFY(health.value(QLatin1String("duration_ms")).isDouble());
        QVERIFY(health.value(QLatin1String("duration_ms")).toDouble() >= 0);
        QVERIFY(!health.contains(QLatin1String("tenant_id")));
        QCOMPARE(
            accessRecord(lines, post, QStringLiteral("/v1/login"), 200).value(QLatin1String("tenant_id")).toInteger(),
            tenantId);
        QVERIFY(!accessRecord(lines, post, QStringLiteral("/v1/login"), 401).isEmpty());
        QVERIFY(!accessRecord(lines, post, QStringLiteral("/v1/login"), 401).contains(QLatin1String("tenant_id")));
        QCOMPARE(accessRecord(lines, get, QStringLiteral("/v1/me"), 200).value(QLatin1String("tenant_id")).toInteger(),
                 tenantId);
        QVERIFY(!accessRecord(lines, get, QStringLiteral("/v1/me"), 401).isEmpty());
        QVERIFY(!accessRecord(lines, get, QStringLiteral("/no/such/path"), 404).isEmpty());
        const QJsonObject pulled = accessRecord(lines, post, QStringLiteral("/v1/pull"), 200);
        QCOMPARE(pulled.value(QLatin1String("tenant_id")).toInteger(), tenantId);
        QVERIFY(pulled.value(QLatin1String("duration_ms")).toDouble() >= 0);

        for (const QByteArray &secret :
             {password, wrongPassword, querySecret, bogusToken, token, token.mid(token.indexOf('.') + 1)})
            QVERIFY2(!log.contains(secret), secret.constData());
    }

    void serverLogsTextOnRequest()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        ServerProcess server;
        QVERIFY2(server.start(dataDir.path(), {QStringLiteral("--log-format"), QStringLiteral("text")}),
                 qPrintable(server.error()));
        QCOMPARE(server.get(QStringLiteral("/healthz")).status, 200);
        server.stop();
        const QString log = QString::fromUtf8(server.takeStandardError());
        static const QRegularExpression access(
            QStringLiteral(
                "^\\S+Z info fieldline\\.server\\.access: GET /healthz 200 [0-9.]+ ms from 127\\.0\\.0\\.1$"),
            QRegularExpression::MultilineOption);
        QVERIFY2(access.match(log).hasMatch(), qPrintable(log));
        QVERIFY(!log.startsWith(u'{'));
    }
};

QTEST_GUILESS_MAIN(TestServerLog)
#include "tst_serverlog.moc"
