#include "tests/server/ServerProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSemaphore>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

namespace {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

QByteArray loginBody(const QString &tenant, const QString &login, const QString &password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("tenant"), tenant},
                                     {QStringLiteral("login"), login},
                                     {QStringLiteral("password"), password},
                                     {QStringLiteral("device"), QStringLiteral("cli test")}})
        .toJson(QJsonDocument::Compact);
}

/**
 * A stand-in server on its own thread (the test's thread blocks while the CLI runs): answers the first request with
 * the first of its answers, the second with the second, and every later one with the last.
 */
class StandInServer : public QThread
{
public:
    explicit StandInServer(QList<QByteArray> answers)
        : m_answers(std::move(answers))
    {}
    ~StandInServer() override
    {
        requestInterruption();
        wait();
    }
    quint16 port() const { return m_port; }
    int requests() const { return m_requests; }
    /** The body of each request so far. */
    QList<QByteArray> bodies() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_bodies;
    }
    QSemaphore listening;

    /** 429 with `Retry-After: seconds`. */
    static QByteArray busy(int seconds)
    {
        return "HTTP/1.1 429 Too Many Requests\r\nRetry-After: " + QByteArray::number(seconds) +
               "\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nbusy\n";
    }
    static QByteArray json(const QByteArray &status, const QByteArray &body)
    {
        return "HTTP/1.1 " + status +
               "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
               "\r\nConnection: close\r\n\r\n" + body;
    }
    static QByteArray done() { return QByteArrayLiteral("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"); }

protected:
    void run() override
    {
        QTcpServer server;
        if (server.listen(QHostAddress::LocalHost, 0))
            m_port = server.serverPort();
        listening.release();
        for (int idle = 0; idle < 600 && !isInterruptionRequested(); ++idle) { // at most a minute
            if (!server.waitForNewConnection(100))
                continue;
            std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            QByteArray request;
            while (!request.contains("\r\n\r\n") && socket->waitForReadyRead(2000))
                request += socket->readAll();
            const qsizetype headerEnd = request.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                continue; // the client gave up before its header was complete
            qsizetype length = 0;
            for (const QByteArray &line : request.left(headerEnd).toLower().split('\n')) {
                if (line.startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            while (request.size() - (headerEnd + 4) < length && socket->waitForReadyRead(2000))
                request += socket->readAll();
            {
                const QMutexLocker lock(&m_mutex);
                m_bodies << request.mid(headerEnd + 4);
            }
            const QByteArray answer = m_answers.at(std::min<qsizetype>(m_requests, m_answers.size() - 1));
            ++m_requests;
            socket->write(answer);
            socket->waitForBytesWritten(2000);
            socket->disconnectFromHost();
            if (socket->state() != QAbstractSocket::UnconnectedState)
                socket->waitForDisconnected(2000);
        }
    }

private:
    const QList<QByteArray> m_answers;
    mutable QMutex m_mutex;
    QList<QByteArray> m_bodies; ///< guarded by m_mutex
    std::atomic<quint16> m_port{0};
    std::atomic<int> m_requests{0};
};

} // namespace

/**
 * fieldline-admin as an operator uses it: the real binary against the real server, passwords on standard input,
 * one-line errors and exit codes 0 (done), 1 (refused or unreachable), 2 (usage).
 */
class TestAdminCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    ServerProcess m_server;
    QString m_tokenFile;

    QString serverUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.port()); }

    CliResult run(const QStringList &arguments, const QByteArray &input = {},
                  const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
    {
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(FIELDLINE_ADMIN_EXE), arguments);
        if (!process.waitForStarted(10'000))
            return {};
        process.write(input);
        process.closeWriteChannel();
        if (!process.waitForFinished(30'000)) {
            process.kill();
            process.waitForFinished(5'000);
            return {};
        }
        return CliResult{process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                         QString::fromUtf8(process.readAllStandardOutput()),
                         QString::fromUtf8(process.readAllStandardError())};
    }

    /** As the operator, with the server's own token file. */
    CliResult admin(const QStringList &command, const QByteArray &input = {})
    {
        return run(QStringList{QStringLiteral("--server"), serverUrl(), QStringLiteral("--token-file"), m_tokenFile} +
                       command,
                   input);
    }

    /** The environment with FIELDLINE_TOKEN set to a fresh device token of the demo tenant's admin. */
    QProcessEnvironment demoAdminEnvironment()
    {
        const HttpReply login =
            m_server.post(QStringLiteral("/v1/login"),
                          loginBody(QStringLiteral("demo"), QStringLiteral("admin"), QStringLiteral("admin-demo-1")));
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FIELDLINE_TOKEN"),
                           QJsonDocument::fromJson(login.body).object().value(QLatin1String("token")).toString());
        return environment;
    }

    /** The path of @p name in @p dir, holding @p content; empty when it could not be written. */
    static QString writtenFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() ? path : QString();
    }

    static bool isOneLine(const QString &text) { return text.trimmed().count(u'\n') == 0 && !text.trimmed().isEmpty(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dataDir.isValid());
        const QStringList arguments{QStringLiteral("--demo"), QStringLiteral("--password-cost"), QStringLiteral("min")};
        QVERIFY2(m_server.start(m_dataDir.path(), arguments), qPrintable(m_server.error()));
        m_tokenFile = QDir(m_dataDir.path()).filePath(QStringLiteral("operator-token"));
        QVERIFY(QFile::exists(m_tokenFile));
    }

    void helpListsEveryCommand()
    {
        const CliResult result = run({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        for (const char *command :
             {"tenant create NAME", "user create TENANT LOGIN --role ROLE", "user list TENANT",
              "user reset-password TENANT LOGIN", "user territories TENANT LOGIN [TERRITORY...]", "device list TENANT",
              "device revoke TENANT ID",
              "import contacts|accounts|products|campaigns|campaign_members|dnc_numbers TENANT FILE.csv",
              "export contacts|accounts|products|campaigns|campaign_members|dnc_numbers TENANT [FILE.csv]",
              "forms publish TENANT FILE.json", "forms list TENANT", "forms diff TENANT FORM VERSION VERSION",
              "forms retire TENANT FORM"})
            QVERIFY2(result.out.contains(QLatin1String(command)), command);
    }

    void createTenantAndUser()
    {
        const CliResult tenant = admin({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("acme")});
        QCOMPARE(tenant.exitCode, 0);
        QVERIFY2(tenant.out.contains(QLatin1String("Created tenant acme")), qPrintable(tenant.out));

        const CliResult again = admin({QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("acme")});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QLatin1String("already exists")) && again.err.contains(QLatin1String("HTTP 409")),
                 qPrintable(again.err));
        QVERIFY(isOneLine(again.err));

        // The password comes on standard input only.
        const CliResult user = admin({QStringLiteral("user"), QStringLiteral("create"), QStringLiteral("acme"),
                                      QStringLiteral("bob"), QStringLiteral("--role"), QStringLiteral("admin")},
                                     "bob-first-pass\n");
        QCOMPARE(user.exitCode, 0);
        QVERIFY2(user.out.contains(QLatin1String("Created user bob (admin) in tenant acme")), qPrintable(user.out));
        QCOMPARE(m_server
                     .post(QStringLiteral("/v1/login"),
                           loginBody(QStringLiteral("acme"), QStringLiteral("bob"), QStringLiteral("bob-first-pass")))
                     .status,
                 200);
    }

    void setTerritories()
    {
        const CliResult set = admin({QStringLiteral("user"), QStringLiteral("territories"), QStringLiteral("acme"),
                                     QStringLiteral("bob"), QStringLiteral("north"), QStringLiteral("east")});
        QCOMPARE(set.exitCode, 0);
        QVERIFY2(set.out.contains(QLatin1String("Territories of bob in tenant acme: north, east.")),
                 qPrintable(set.out));
        const CliResult bad = admin({QStringLiteral("user"), QStringLiteral("territories"), QStringLiteral("acme"),
                                     QStringLiteral("bob"), QStringLiteral("a,b")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QLatin1String("without commas")), qPrintable(bad.err));
    }

    void listUsers()
    {
        const CliResult list = admin({QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("acme")});
        QCOMPARE(list.exitCode, 0);
        const QStringList lines = list.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QLatin1String("ID")));
        QVERIFY2(lines[1].contains(QRegularExpression(QStringLiteral("^\\d+\\s+bob\\s+admin\\s+north, east$"))),
                 qPrintable(lines[1]));
    }

    void resetPassword()
    {
        const CliResult reset = admin(
            {QStringLiteral("user"), QStringLiteral("reset-password"), QStringLiteral("acme"), QStringLiteral("bob")},
            "bob-second-pass\n");
        QCOMPARE(reset.exitCode, 0);
        const QString login = QStringLiteral("/v1/login");
        QCOMPARE(
            m_server
                .post(login, loginBody(QStringLiteral("acme"), QStringLiteral("bob"), QStringLiteral("bob-first-pass")))
                .status,
            401);
        QCOMPARE(m_server
                     .post(login,
                           loginBody(QStringLiteral("acme"), QStringLiteral("bob"), QStringLiteral("bob-second-pass")))
                     .status,
                 200);
        // A password the server refuses (too short) is its message and exit 1.
        const CliResult tooShort = admin(
            {QStringLiteral("user"), QStringLiteral("reset-password"), QStringLiteral("acme"), QStringLiteral("bob")},
            "short\n");
        QCOMPARE(tooShort.exitCode, 1);
        QVERIFY2(tooShort.err.contains(QLatin1String("8 to 1024 characters")) &&
                     tooShort.err.contains(QLatin1String("HTTP 400")),
                 qPrintable(tooShort.err));
        // No password at all is a usage error before anything is sent.
        const CliResult none = admin(
            {QStringLiteral("user"), QStringLiteral("reset-password"), QStringLiteral("acme"), QStringLiteral("bob")});
        QCOMPARE(none.exitCode, 2);
        QVERIFY(none.err.contains(QLatin1String("standard input")));
    }

    void listAndRevokeDevices()
    {
        const HttpReply login =
            m_server.post(QStringLiteral("/v1/login"),
                          loginBody(QStringLiteral("acme"), QStringLiteral("bob"), QStringLiteral("bob-second-pass")));
        QCOMPARE(login.status, 200);
        const QByteArray token =
            QJsonDocument::fromJson(login.body).object().value(QLatin1String("token")).toString().toLatin1();
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), token).status, 200);

        const CliResult list = admin({QStringLiteral("device"), QStringLiteral("list"), QStringLiteral("acme")});
        QCOMPARE(list.exitCode, 0);
        const QStringList lines = list.out.split(u'\n', Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        QVERIFY(lines[0].startsWith(QLatin1String("ID")));
        // The last device is the one just logged in; it is active ("-" under REVOKED).
        const QStringList last = lines.last().split(QRegularExpression(QStringLiteral("\\s{2,}")));
        QCOMPARE(last.value(1), QStringLiteral("bob"));
        QCOMPARE(last.value(2), QStringLiteral("cli test"));
        QCOMPARE(last.value(4), QStringLiteral("-"));
        const QString id = last.value(0);

        const CliResult revoke =
            admin({QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("acme"), id});
        QCOMPARE(revoke.exitCode, 0);
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), token).status, 401);

        const CliResult again = admin({QStringLiteral("device"), QStringLiteral("revoke"), QStringLiteral("acme"), id});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains(QLatin1String("HTTP 404")), qPrintable(again.err));
    }

    void tenantAdminTokenFromEnvironment()
    {
        const QProcessEnvironment environment = demoAdminEnvironment();
        QVERIFY(!environment.value(QStringLiteral("FIELDLINE_TOKEN")).isEmpty());
        const QStringList base{QStringLiteral("--server"),    serverUrl(),
                               QStringLiteral("--token-env"), QStringLiteral("FIELDLINE_TOKEN"),
                               QStringLiteral("user"),        QStringLiteral("list")};
        const CliResult own = run(base + QStringList{QStringLiteral("demo")}, {}, environment);
        QCOMPARE(own.exitCode, 0);
        QVERIFY(own.out.contains(QLatin1String("manager")));
        const CliResult other = run(base + QStringList{QStringLiteral("acme")}, {}, environment);
        QCOMPARE(other.exitCode, 1);
        QVERIFY2(other.err.contains(QLatin1String("HTTP 404")), qPrintable(other.err));
    }

    void importAndExportCsv()
    {
        // As the demo tenant's admin, the way a customer runs it.
        const QProcessEnvironment environment = demoAdminEnvironment();
        QVERIFY(!environment.value(QStringLiteral("FIELDLINE_TOKEN")).isEmpty());
        const QStringList base{QStringLiteral("--server"), serverUrl(), QStringLiteral("--token-env"),
                               QStringLiteral("FIELDLINE_TOKEN")};
        auto runAsAdmin = [&](const QStringList &command) { return run(base + command, {}, environment); };
        QTemporaryDir dir;
        auto write = [&](const char *name, const QByteArray &content) {
            QFile file(dir.filePath(QLatin1String(name)));
            return file.open(QIODevice::WriteOnly) && file.write(content) == content.size() ? file.fileName()
                                                                                            : QString();
        };

        const QString good = write("good.csv", "\xEF\xBB\xBFsku,name,unit_price_cents\r\n"
                                               "CSV-1,\"hose, 10 m\",1999\r\nCSV-2,nozzle,250\r\nCSV-3,clamp,99\r\n");
        const CliResult checked = runAsAdmin(QStringList{QStringLiteral("import"), QStringLiteral("products"),
                                                         QStringLiteral("demo"), good, QStringLiteral("--dry-run")});
        QCOMPARE(checked.exitCode, 0);
        QCOMPARE(checked.out.trimmed(), QStringLiteral("Checked 3 rows for products of tenant demo: 3 would be new, 0 "
                                                       "updated, 0 unchanged. Nothing was written (--dry-run)."));
        const CliResult imported =
            runAsAdmin(QStringList{QStringLiteral("import"), QStringLiteral("products"), QStringLiteral("demo"), good});
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.out.trimmed(),
                 QStringLiteral("Imported 3 rows into products of tenant demo: 3 new, 0 updated, 0 unchanged."));

        const QString bad = write("bad.csv", "first_name,phone,owner\nAda,+12125550100,agent\nBen,+1 555,agent\n"
                                             "Chen,+12125550101\nDee,+12125550102,nobody\n");
        const CliResult refused =
            runAsAdmin(QStringList{QStringLiteral("import"), QStringLiteral("contacts"), QStringLiteral("demo"), bad});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.out.isEmpty());
        const QStringList lines = refused.err.trimmed().split(u'\n');
        QCOMPARE(lines.mid(0, 3),
                 (QStringList{bad + QStringLiteral(": line 3: phone '+1 555' is not a valid phone number"),
                              bad + QStringLiteral(": line 4: 2 fields, the header has 3"),
                              bad + QStringLiteral(": line 5: owner 'nobody' is not a user of this tenant")}));
        QCOMPARE(lines.value(3),
                 QStringLiteral("fieldline-admin: The file has 3 problems; nothing was imported. (HTTP 400)"));

        // export to a file, to standard output, and back in: nothing changes.
        const QString exported = dir.filePath(QStringLiteral("products.csv"));
        const CliResult toFile = runAsAdmin(
            QStringList{QStringLiteral("export"), QStringLiteral("products"), QStringLiteral("demo"), exported});
        QCOMPARE(toFile.exitCode, 0);
        QVERIFY2(toFile.out.startsWith(QLatin1String("Exported 5003 rows of products of tenant demo to ")),
                 qPrintable(toFile.out));
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray content = file.readAll();
        QVERIFY(content.startsWith("id,sku,name,unit_price_cents,tax_rate\r\n"));
        QVERIFY(content.contains(",CSV-1,\"hose, 10 m\",1999,\r\n"));
        const CliResult toStdout =
            runAsAdmin(QStringList{QStringLiteral("export"), QStringLiteral("products"), QStringLiteral("demo")});
        QCOMPARE(toStdout.exitCode, 0);
        QCOMPARE(toStdout.out.toUtf8(), content);
        const CliResult again = runAsAdmin(
            QStringList{QStringLiteral("import"), QStringLiteral("products"), QStringLiteral("demo"), exported});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains(QLatin1String("0 new, 0 updated, 5003 unchanged")), qPrintable(again.out));

        // Another tenant is not there for this admin.
        const CliResult other =
            runAsAdmin(QStringList{QStringLiteral("export"), QStringLiteral("contacts"), QStringLiteral("acme")});
        QCOMPARE(other.exitCode, 1);
        QVERIFY2(other.err.contains(QLatin1String("HTTP 404")), qPrintable(other.err));
        const CliResult missing = runAsAdmin(QStringList{QStringLiteral("import"), QStringLiteral("contacts"),
                                                         QStringLiteral("demo"), dir.filePath(QStringLiteral("none"))});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.startsWith(QLatin1String("fieldline-admin: cannot read ")), qPrintable(missing.err));
        // A file over the server's limit is refused before it is sent.
        const QString huge = write("huge.csv", "phone\n" + QByteArray(8 << 20, '1'));
        const CliResult tooLarge =
            runAsAdmin(QStringList{QStringLiteral("import"), QStringLiteral("contacts"), QStringLiteral("demo"), huge});
        QCOMPARE(tooLarge.exitCode, 2);
        QVERIFY2(tooLarge.err.contains(QLatin1String("larger than 8 MiB")), qPrintable(tooLarge.err));

        // No answer (the connection cut once the file was sent): the admin is told the import may have landed, so a
        // file without ids is not sent twice blindly.
        QTcpServer cutter;
        QVERIFY(cutter.listen(QHostAddress::LocalHost, 0));
        const quint16 port = cutter.serverPort();
        QByteArray received;
        connect(&cutter, &QTcpServer::newConnection, &cutter, [&] {
            QTcpSocket *peer = cutter.nextPendingConnection();
            connect(peer, &QTcpSocket::readyRead, peer, [&, peer] {
                received += peer->readAll();
                if (received.endsWith("CSV-3,clamp,99\r\n"))
                    peer->abort();
            });
        });
        QProcess cut; // run() blocks, and the cutting end needs this event loop
        cut.setProcessEnvironment(environment);
        cut.start(QStringLiteral(FIELDLINE_ADMIN_EXE),
                  {QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(port),
                   QStringLiteral("--token-env"), QStringLiteral("FIELDLINE_TOKEN"), QStringLiteral("import"),
                   QStringLiteral("products"), QStringLiteral("demo"), good});
        QVERIFY(QTest::qWaitFor([&] { return cut.state() == QProcess::NotRunning; }, 20'000));
        QCOMPARE(cut.exitCode(), 1);
        const QString err = QString::fromUtf8(cut.readAllStandardError());
        QVERIFY2(err.contains(QLatin1String("may have been applied")), qPrintable(err));
    }

    void publishListDiffRetireForms()
    {
        QTemporaryDir dir;
        auto layout = [&](const char *name, int version, const QByteArray &count, const QByteArray &extra) {
            const QByteArray json = R"({"format": 1, "id": "check", "version": )" + QByteArray::number(version) +
                                    R"(, "title": {"en": "Check"}, "sections": [{"id": "s", "fields": [
                {"id": "name", "type": "text", "label": {"en": "Name"}, "required": true},
                {"id": "count", "type": "integer", "label": {"en": "Count"}, "max": )" +
                                    count + "}" + extra + "]}]}";
            QFile file(dir.filePath(QLatin1String(name)));
            return file.open(QIODevice::WriteOnly) && file.write(json) == json.size() ? file.fileName() : QString();
        };
        auto forms = [&](const QStringList &rest) { return admin(QStringList{QStringLiteral("forms")} + rest); };
        const QString acme = QStringLiteral("acme");

        // Checked before anything is sent: every problem with its path, nothing published.
        const QString bad = layout("bad.json", 1, "10", R"(, {"id": "note", "type": "text", "label": {"en": "x"},
            "visibleIf": "count >"})");
        CliResult result = forms({QStringLiteral("publish"), acme, bad});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(bad + QStringLiteral(": sections[0].fields[2].visibleIf: ")),
                 qPrintable(result.err));
        QVERIFY2(result.err.contains(QLatin1String("was not published")), qPrintable(result.err));

        const QString v1 = layout("v1.json", 1, "10", {});
        result = forms({QStringLiteral("publish"), acme, v1});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QLatin1String("Published version 1 of form check in tenant acme.")),
                 qPrintable(result.out));
        result = forms({QStringLiteral("publish"), acme, v1});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QLatin1String("already published")), qPrintable(result.out));
        // Version 1 again with other content: the server refuses and says which version to use.
        result = forms({QStringLiteral("publish"), acme, layout("v1b.json", 1, "11", {})});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QLatin1String("version 2")) && result.err.contains(QLatin1String("409")),
                 qPrintable(result.err));
        const QString v2 = layout("v2.json", 2, "20", R"(, {"id": "extra", "type": "text", "label": {"en": "Extra"}})");
        QCOMPARE(forms({QStringLiteral("publish"), acme, v2}).exitCode, 0);

        result =
            forms({QStringLiteral("diff"), acme, QStringLiteral("check"), QStringLiteral("1"), QStringLiteral("2")});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed().split(u'\n'),
                 (QStringList{QStringLiteral("~ count: max 10 -> 20"), QStringLiteral("+ extra (text)")}));
        result =
            forms({QStringLiteral("diff"), acme, QStringLiteral("check"), QStringLiteral("1"), QStringLiteral("9")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QLatin1String("404")), qPrintable(result.err));

        result = forms({QStringLiteral("retire"), acme, QStringLiteral("check")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QLatin1String("Retired form check")), qPrintable(result.out));
        result = forms({QStringLiteral("list"), acme});
        QCOMPARE(result.exitCode, 0);
        const QStringList lines = result.out.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].startsWith(QLatin1String("FORM")), qPrintable(result.out));
        QCOMPARE(lines[1].simplified(), QStringLiteral("check 1 retired Check"));
        QCOMPARE(lines[2].simplified(), QStringLiteral("check 2 retired Check"));
        QCOMPARE(forms({QStringLiteral("retire"), acme, QStringLiteral("nothing")}).exitCode, 1);
    }

    void wrongTokenIsRefused()
    {
        QTemporaryDir dir;
        const QString wrong =
            writtenFile(dir, QStringLiteral("token"), "this-is-not-the-operator-token-at-all-0123456789\n");
        QVERIFY(!wrong.isEmpty());
        const CliResult result = run({QStringLiteral("--server"), serverUrl(), QStringLiteral("--token-file"), wrong,
                                      QStringLiteral("tenant"), QStringLiteral("create"), QStringLiteral("rogue")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QLatin1String("valid device token is required")) &&
                     result.err.contains(QLatin1String("HTTP 401")),
                 qPrintable(result.err));
        QVERIFY(isOneLine(result.err));
    }

    /** Runs @p command as the operator against @p server, once it listens. */
    CliResult against(StandInServer &server, const QStringList &command, const QByteArray &input = {})
    {
        server.start();
        server.listening.acquire();
        return run(QStringList{QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:%1").arg(server.port()),
                               QStringLiteral("--token-file"), m_tokenFile} +
                       command,
                   input);
    }

    void aBusyServerIsAskedAgainAfterItsRetryAfter()
    {
        const QStringList reset{QStringLiteral("user"), QStringLiteral("reset-password"), QStringLiteral("acme"),
                                QStringLiteral("bob")};
        // Two 429s with Retry-After: 1, then the change is made: one command, three requests, about two seconds.
        StandInServer twice({StandInServer::busy(1), StandInServer::busy(1), StandInServer::done()});
        QElapsedTimer clock;
        clock.start();
        const CliResult retried = against(twice, reset, "a-new-password\n");
        QCOMPARE(retried.exitCode, 0);
        QCOMPARE(twice.requests(), 3);
        QVERIFY(clock.elapsed() >= 1900);
        // A server that asks for more than 30 s is reported, not waited for.
        StandInServer longer({StandInServer::busy(120)});
        const CliResult reported = against(longer, reset, "a-new-password\n");
        QCOMPARE(reported.exitCode, 1);
        QVERIFY2(reported.err.contains(QLatin1String("429")), qPrintable(reported.err));
        QCOMPARE(longer.requests(), 1);
    }

    // 409 to an import: rows the file names changed while the server checked it, and nothing was imported. The CLI
    // sends the file again, at most three times in all, and says so; other commands report their 409 (a tenant that
    // exists) at once (createTenantAndUser).
    void anImportAnsweredConflictIsSentAgain()
    {
        QTemporaryDir dir;
        const QByteArray content = "first_name,phone,time_zone\nAda,+1 212 555 0100,America/New_York\n";
        const QString file = writtenFile(dir, QStringLiteral("contacts.csv"), content);
        QVERIFY(!file.isEmpty());
        const QStringList import{QStringLiteral("import"), QStringLiteral("contacts"), QStringLiteral("acme"), file};
        const QByteArray conflict = StandInServer::json(
            "409 Conflict", R"({"error":"Rows this file names changed while it was checked; nothing was imported."})");
        const QByteArray imported = StandInServer::json(
            "200 OK",
            R"({"table":"contacts","rows":1,"created":1,"updated":0,"unchanged":0,"cursor":7,"dryRun":false})");

        StandInServer once({conflict, imported});
        const CliResult retried = against(once, import);
        QCOMPARE(retried.exitCode, 0);
        QCOMPARE(once.requests(), 2);
        QCOMPARE(once.bodies(), QList<QByteArray>({content, content})); // the whole file each time
        QVERIFY2(retried.err.contains(QLatin1String("sending it again")), qPrintable(retried.err));
        QVERIFY2(retried.out.contains(QLatin1String("1 new")), qPrintable(retried.out));

        StandInServer always({conflict});
        const CliResult refused = against(always, import);
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(always.requests(), 3);
        QCOMPARE(always.bodies(), QList<QByteArray>({content, content, content}));
        QVERIFY2(refused.err.contains(QLatin1String("changed while it was checked")), qPrintable(refused.err));
    }

    void unreachableServer_data()
    {
        QTest::addColumn<QString>("scheme");
        QTest::newRow("http") << QStringLiteral("http");
        QTest::newRow("https") << QStringLiteral("https"); // accepted by the URL check, then refused by the socket
    }
    void unreachableServer()
    {
        QFETCH(QString, scheme);
        QTcpServer probe; // a port that was free a moment ago and now has no listener
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        const CliResult result =
            run({QStringLiteral("--server"), QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(port),
                 QStringLiteral("--token-file"), m_tokenFile, QStringLiteral("user"), QStringLiteral("list"),
                 QStringLiteral("acme")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(QLatin1String("cannot reach")) && result.err.contains(QLatin1String("refused")),
                 qPrintable(result.err));
        QVERIFY(isOneLine(result.err));
    }

    void badUsageExits2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        const QString server = QStringLiteral("--server");
        const QString url = QStringLiteral("http://127.0.0.1:1");
        const QString tokenFile = QStringLiteral("--token-file");
        const QString file = QStringLiteral("/dev/null/none");
        const QStringList list{QStringLiteral("user"), QStringLiteral("list"), QStringLiteral("acme")};
        QTest::newRow("nothing") << QStringList();
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")} + list;
        QTest::newRow("unknown command") << QStringList{
            server, url, tokenFile, file, QStringLiteral("tenant"), QStringLiteral("delete"), QStringLiteral("acme")};
        QTest::newRow("missing operand") << QStringList{
            server, url, tokenFile, file, QStringLiteral("user"), QStringLiteral("list")};
        QTest::newRow("extra operand") << QStringList{server, url, tokenFile, file} + list +
                                              QStringList{QStringLiteral("x")};
        QTest::newRow("no server") << QStringList{tokenFile, file} + list;
        QTest::newRow("no token") << QStringList{server, url} + list;
        QTest::newRow("two tokens")
            << QStringList{server, url, tokenFile, file, QStringLiteral("--token-env"), QStringLiteral("X")} + list;
        QTest::newRow("unreadable token file") << QStringList{server, url, tokenFile, file} + list;
        QTest::newRow("empty token variable")
            << QStringList{server, url, QStringLiteral("--token-env"), QStringLiteral("FIELDLINE_NO_SUCH_VARIABLE")} +
                   list;
        QTest::newRow("plain http to a remote host")
            << QStringList{server, QStringLiteral("http://192.0.2.10:8443"), tokenFile, file} + list;
        QTest::newRow("not http") << QStringList{server, QStringLiteral("ftp://127.0.0.1"), tokenFile, file} + list;
        QTest::newRow("user create without role") << QStringList{server,
                                                                 url,
                                                                 tokenFile,
                                                                 file,
                                                                 QStringLiteral("user"),
                                                                 QStringLiteral("create"),
                                                                 QStringLiteral("acme"),
                                                                 QStringLiteral("zoe")};
        QTest::newRow("unknown role") << QStringList{server,
                                                     url,
                                                     tokenFile,
                                                     file,
                                                     QStringLiteral("user"),
                                                     QStringLiteral("create"),
                                                     QStringLiteral("acme"),
                                                     QStringLiteral("zoe"),
                                                     QStringLiteral("--role"),
                                                     QStringLiteral("root")};
        QTest::newRow("role on list")
            << QStringList{server, url, tokenFile, file, QStringLiteral("--role"), QStringLiteral("agent")} + list;
        QTest::newRow("import without a file") << QStringList{
            server, url, tokenFile, file, QStringLiteral("import"), QStringLiteral("contacts"), QStringLiteral("acme")};
        QTest::newRow("import of a table that is not importable") << QStringList{server,
                                                                                 url,
                                                                                 tokenFile,
                                                                                 file,
                                                                                 QStringLiteral("import"),
                                                                                 QStringLiteral("visits"),
                                                                                 QStringLiteral("acme"),
                                                                                 QStringLiteral("v.csv")};
        QTest::newRow("region on export") << QStringList{server,
                                                         url,
                                                         tokenFile,
                                                         file,
                                                         QStringLiteral("export"),
                                                         QStringLiteral("contacts"),
                                                         QStringLiteral("acme"),
                                                         QStringLiteral("--region"),
                                                         QStringLiteral("US")};
        QTest::newRow("dry run on export") << QStringList{server,
                                                          url,
                                                          tokenFile,
                                                          file,
                                                          QStringLiteral("export"),
                                                          QStringLiteral("contacts"),
                                                          QStringLiteral("acme"),
                                                          QStringLiteral("--dry-run")};
        QTest::newRow("device id not a number") << QStringList{server,
                                                               url,
                                                               tokenFile,
                                                               file,
                                                               QStringLiteral("device"),
                                                               QStringLiteral("revoke"),
                                                               QStringLiteral("acme"),
                                                               QStringLiteral("seven")};
    }
    void badUsageExits2()
    {
        QFETCH(QStringList, arguments);
        const CliResult result = run(arguments);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(isOneLine(result.err) && result.err.startsWith(QLatin1String("fieldline-admin: ")),
                 qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestAdminCli)
#include "tst_admincli.moc"
