#include "ServerProcess.h"

#include "server/Credentials.h"
#include "server/PasswordCheck.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace fieldline::server;

namespace {

QByteArray loginRequest(const QString &login, const QString &password)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("tenant"), QStringLiteral("demo")},
                                                      {QStringLiteral("login"), login},
                                                      {QStringLiteral("password"), password},
                                                      {QStringLiteral("device"), QStringLiteral("test laptop")}})
                                .toJson(QJsonDocument::Compact);
    return "POST /v1/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

/** One request on its own connection, answered whenever the server gets to it. */
struct Exchange
{
    std::unique_ptr<QTcpSocket> socket = std::make_unique<QTcpSocket>();
    QByteArray answer;
    qint64 answeredNs = -1;

    bool send(quint16 port, const QByteArray &request)
    {
        socket->connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!socket->waitForConnected(5000))
            return false;
        socket->write(request);
        return socket->waitForBytesWritten(5000);
    }
    /** Reads what has come; notes when the whole answer (headers and Content-Length bytes of body) was there. */
    void poll(const QElapsedTimer &clock)
    {
        answer += socket->readAll();
        const qsizetype end = answer.indexOf("\r\n\r\n");
        if (answeredNs >= 0 || end < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : answer.left(end).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (answer.size() >= end + 4 + length)
            answeredNs = clock.nsecsElapsed();
    }
    int status() const { return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0; }
};

/** Runs the event loop until every exchange is answered, for at most 30 s. */
bool awaitAll(std::vector<Exchange> &exchanges, const QElapsedTimer &clock)
{
    QElapsedTimer waited;
    waited.start();
    for (;;) {
        bool all = true;
        for (Exchange &e : exchanges) {
            e.poll(clock);
            all = all && e.answeredNs >= 0;
        }
        if (all)
            return true;
        if (waited.elapsed() > 30'000)
            return false;
        QTest::qWait(2);
    }
}

} // namespace

/**
 * Passwords are checked off the server's event loop (PasswordCheck): other requests are answered meanwhile, parallel
 * guesses still stop at the throttle's limit, and the number of checks waiting is bounded.
 */
class TestLoginLoad : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    ServerProcess m_server;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(Credentials::initialise());
        // The default (interactive) password cost: a check takes long enough to see what else is served meanwhile.
        QVERIFY2(m_server.start(m_dataDir.path(), {QStringLiteral("--demo"), QStringLiteral("--login-max-failures"),
                                                   QStringLiteral("3")}),
                 qPrintable(m_server.error()));
    }

    void otherRequestsAreServedWhileAPasswordIsChecked()
    {
        QElapsedTimer clock;
        clock.start();
        std::vector<Exchange> exchanges(2);
        QVERIFY(
            exchanges[0].send(m_server.port(), loginRequest(QStringLiteral("field"), QStringLiteral("field-demo-1"))));
        QTest::qWait(30); // the server has the login and is checking its password
        QVERIFY(
            exchanges[1].send(m_server.port(), "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        QVERIFY(awaitAll(exchanges, clock));
        QCOMPARE(exchanges[0].status(), 200);
        QVERIFY2(exchanges[0].answer.contains("\"token\""), exchanges[0].answer.constData());
        QCOMPARE(exchanges[1].status(), 200);
        // A server that checked the password on its event loop would answer /livez only after the login.
        QVERIFY2(exchanges[1].answeredNs < exchanges[0].answeredNs,
                 qPrintable(QStringLiteral("livez after %1 ms, login after %2 ms")
                                .arg(exchanges[1].answeredNs / 1e6)
                                .arg(exchanges[0].answeredNs / 1e6)));
    }

    void parallelGuessesStopAtTheLimit()
    {
        QElapsedTimer clock;
        clock.start();
        std::vector<Exchange> guesses(8);
        for (int i = 0; i < int(guesses.size()); ++i)
            QVERIFY(guesses[size_t(i)].send(m_server.port(),
                                            loginRequest(QStringLiteral("agent"), QStringLiteral("guess-%1").arg(i))));
        QVERIFY(awaitAll(guesses, clock));
        int wrong = 0;
        int throttled = 0;
        for (const Exchange &g : guesses) {
            wrong += g.status() == 401;
            throttled += g.status() == 429;
        }
        // The limit is 3 failures: guesses still being checked count, so the others are refused before any check.
        QVERIFY2(wrong >= 1 && wrong <= 3, qPrintable(QStringLiteral("%1 answered 401").arg(wrong)));
        QCOMPARE(wrong + throttled, int(guesses.size()));
        const QByteArray metrics = m_server.get(QStringLiteral("/metrics")).body;
        const QByteArray failures = "fieldline_login_failures_total " + QByteArray::number(wrong) + '\n';
        QVERIFY2(metrics.contains(failures), metrics.constData());
        // The right password does not get through the lock either.
        std::vector<Exchange> right(1);
        QVERIFY(right[0].send(m_server.port(), loginRequest(QStringLiteral("agent"), QStringLiteral("agent-demo-1"))));
        QVERIFY(awaitAll(right, clock));
        QCOMPARE(right[0].status(), 429);
    }

    void aPasswordResetDuringTheCheckVoidsIt()
    {
        QFile tokenFile(m_dataDir.filePath(QStringLiteral("operator-token")));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        const QByteArray operatorToken = tokenFile.readAll().trimmed();
        QElapsedTimer clock;
        clock.start();
        std::vector<Exchange> exchanges(2);
        QVERIFY(exchanges[0].send(m_server.port(),
                                  loginRequest(QStringLiteral("manager"), QStringLiteral("manager-demo-1"))));
        QTest::qWait(20); // the old password is being checked when the reset comes
        const QByteArray body = R"({"password": "a-new-password-2"})";
        QVERIFY(exchanges[1].send(m_server.port(),
                                  "POST /v1/admin/tenants/demo/users/manager/password HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Authorization: Bearer " +
                                      operatorToken + "\r\nContent-Type: application/json\r\nContent-Length: " +
                                      QByteArray::number(body.size()) + "\r\n\r\n" + body));
        QVERIFY(awaitAll(exchanges, clock));
        QVERIFY2(exchanges[1].status() / 100 == 2, exchanges[1].answer.constData());
        // The reset hashed on the event loop while the check ran: the check's result is read after it, and the
        // password it checked is no longer the user's.
        QCOMPARE(exchanges[0].status(), 401);
        std::vector<Exchange> again(1);
        QVERIFY(again[0].send(m_server.port(),
                              loginRequest(QStringLiteral("manager"), QStringLiteral("a-new-password-2"))));
        QVERIFY(awaitAll(again, clock));
        QCOMPARE(again[0].status(), 200);
    }

    void checksWaitingAreBounded()
    {
        const Credentials credentials(PasswordCost::Minimum);
        auto hash = credentials.hashPassword(QStringLiteral("right"));
        QVERIFY(hash);
        PasswordCheck checks(credentials, PasswordCheck::Limits{1, 2});
        std::vector<int> results;
        QVERIFY(checks.verify(*hash, QStringLiteral("right"), [&](bool ok) { results.push_back(ok ? 1 : 0); }));
        QVERIFY(checks.verify(*hash, QStringLiteral("wrong"), [&](bool ok) { results.push_back(ok ? 1 : 0); }));
        QCOMPARE(checks.waiting(), 2);
        QVERIFY(!checks.verify(*hash, QStringLiteral("right"), [&](bool) { results.push_back(9); }));
        QTRY_COMPARE(results.size(), size_t(2));
        QCOMPARE(results, (std::vector<int>{1, 0})); // one thread: in order
        QCOMPARE(checks.waiting(), 0);
        // An empty hash is the dummy: the same work, never a match.
        QVERIFY(checks.verify({}, QStringLiteral("right"), [&](bool ok) { results.push_back(ok ? 1 : 0); }));
        QTRY_COMPARE(results.size(), size_t(3));
        QCOMPARE(results.back(), 0);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestLoginLoad)
#include "tst_loginload.moc"
