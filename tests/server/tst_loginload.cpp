#include "ServerProcess.h"

#include "server/Credentials.h"
#include "server/PasswordCheck.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
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

/** An operator's password reset for a demo user. */
QByteArray resetRequest(const QByteArray &operatorToken, const QString &login, const QByteArray &password)
{
    const QByteArray body = "{\"password\": \"" + password + "\"}";
    return "POST /v1/admin/tenants/demo/users/" + login.toUtf8() +
           "/password HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + operatorToken +
           "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray readOperatorToken(const QString &dataDir)
{
    QFile tokenFile(QDir(dataDir).filePath(QStringLiteral("operator-token")));
    return tokenFile.open(QIODevice::ReadOnly) ? tokenFile.readAll().trimmed() : QByteArray();
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

    void aPasswordResetIsHashedOffTheEventLoop()
    {
        const QByteArray operatorToken = readOperatorToken(m_dataDir.path());
        QVERIFY(!operatorToken.isEmpty());
        QElapsedTimer clock;
        clock.start();
        std::vector<Exchange> exchanges(2);
        QVERIFY(
            exchanges[0].send(m_server.port(), resetRequest(operatorToken, QStringLiteral("admin"), "admin-new-1")));
        QTest::qWait(30); // the server is hashing the new password
        QVERIFY(
            exchanges[1].send(m_server.port(), "GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        QVERIFY(awaitAll(exchanges, clock));
        QCOMPARE(exchanges[0].status(), 204);
        QCOMPARE(exchanges[1].status(), 200);
        QVERIFY2(exchanges[1].answeredNs < exchanges[0].answeredNs,
                 qPrintable(QStringLiteral("livez after %1 ms, reset after %2 ms")
                                .arg(exchanges[1].answeredNs / 1e6)
                                .arg(exchanges[0].answeredNs / 1e6)));
        std::vector<Exchange> login(1);
        QVERIFY(login[0].send(m_server.port(), loginRequest(QStringLiteral("admin"), QStringLiteral("admin-new-1"))));
        QVERIFY(awaitAll(login, clock));
        QCOMPARE(login[0].status(), 200);
    }

    void aPasswordResetDuringTheCheckVoidsIt()
    {
        const QByteArray operatorToken = readOperatorToken(m_dataDir.path());
        QElapsedTimer clock;
        clock.start();
        // The reset comes first and is hashed first; the login reads the old hash meanwhile and checks it next.
        std::vector<Exchange> exchanges(2);
        QVERIFY(exchanges[1].send(m_server.port(),
                                  resetRequest(operatorToken, QStringLiteral("manager"), "a-new-password-2")));
        QTest::qWait(20);
        QVERIFY(exchanges[0].send(m_server.port(),
                                  loginRequest(QStringLiteral("manager"), QStringLiteral("manager-demo-1"))));
        QVERIFY(awaitAll(exchanges, clock));
        QVERIFY2(exchanges[1].status() / 100 == 2, exchanges[1].answer.constData());
        // With one password thread (two cores) the reset is hashed and stored before the login's check ends. A
        // loaded machine may route the login first, or more threads run the two side by side: then only a login
        // answered after the reset must be refused. The user is read again after the check and the password no
        // longer matches.
        const bool after = exchanges[0].answeredNs > exchanges[1].answeredNs;
        qInfo("login answered %s the reset: %d", after ? "after" : "before", exchanges[0].status());
        if (after)
            QCOMPARE(exchanges[0].status(), 401);
        std::vector<Exchange> again(1);
        QVERIFY(again[0].send(m_server.port(),
                              loginRequest(QStringLiteral("manager"), QStringLiteral("a-new-password-2"))));
        QVERIFY(awaitAll(again, clock));
        QCOMPARE(again[0].status(), 200);
    }

    void aLoginStoresItsPasswordAtTheServersNewCost()
    {
        // A server set up at the minimum cost, restarted at the default (interactive) one.
        QTemporaryDir dataDir;
        ServerProcess server;
        QVERIFY2(server.start(dataDir.path(),
                              {QStringLiteral("--demo"), QStringLiteral("--password-cost"), QStringLiteral("min")}),
                 qPrintable(server.error()));
        server.stop();
        const auto storedHash = [&dataDir](const QString &login) {
            QByteArray hash;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
                db.setDatabaseName(QDir(dataDir.path()).filePath(QStringLiteral("tenants.sqlite")));
                QSqlQuery query(db);
                if (db.open() &&
                    query.exec(QStringLiteral("SELECT password_hash FROM users WHERE login = '%1'").arg(login)) &&
                    query.next())
                    hash = query.value(0).toByteArray();
            }
            QSqlDatabase::removeDatabase(QStringLiteral("peek"));
            return hash;
        };
        const Credentials interactive(PasswordCost::Interactive);
        const QByteArray before = storedHash(QStringLiteral("field"));
        QVERIFY(interactive.needsRehash(before));
        QVERIFY2(server.start(dataDir.path()), qPrintable(server.error()));
        QElapsedTimer clock;
        clock.start();
        std::vector<Exchange> wrong(1), right(2), again(1);
        QVERIFY(wrong[0].send(server.port(), loginRequest(QStringLiteral("field"), QStringLiteral("not it"))));
        QVERIFY(awaitAll(wrong, clock));
        QCOMPARE(wrong[0].status(), 401);
        // Two devices at once: the second finds the hash it checked replaced by the first one's rehash, and is let in.
        for (Exchange &login : right)
            QVERIFY(login.send(server.port(), loginRequest(QStringLiteral("field"), QStringLiteral("field-demo-1"))));
        QVERIFY(awaitAll(right, clock));
        QCOMPARE(right[0].status(), 200);
        QCOMPARE(right[1].status(), 200);
        server.stop();
        const QByteArray after = storedHash(QStringLiteral("field"));
        QVERIFY(after != before);
        QVERIFY2(!interactive.needsRehash(after), after.constData());
        QVERIFY(interactive.verifyPassword(after, QStringLiteral("field-demo-1")));
        // A user who has not signed in since keeps the old hash, and it still works.
        QVERIFY(interactive.needsRehash(storedHash(QStringLiteral("agent"))));
        QVERIFY2(server.start(dataDir.path()), qPrintable(server.error()));
        QVERIFY(again[0].send(server.port(), loginRequest(QStringLiteral("agent"), QStringLiteral("agent-demo-1"))));
        QVERIFY(awaitAll(again, clock));
        QCOMPARE(again[0].status(), 200);
    }

    void aMatchAtAnotherCostIsHashedAgain()
    {
        const Credentials minimum(PasswordCost::Minimum);
        const Credentials interactive(PasswordCost::Interactive);
        auto cheap = minimum.hashPassword(QStringLiteral("right"));
        QVERIFY(cheap);
        PasswordCheck checks(interactive, PasswordCheck::Limits{1, 8});
        std::vector<std::pair<bool, QByteArray>> results;
        const auto note = [&](bool matches, const QByteArray &rehashed) { results.emplace_back(matches, rehashed); };
        QVERIFY(checks.verify(*cheap, QStringLiteral("wrong"), note));
        QVERIFY(checks.verify(*cheap, QStringLiteral("right"), note));
        QTRY_COMPARE(results.size(), size_t(2));
        QCOMPARE(results[0], (std::pair<bool, QByteArray>(false, QByteArray())));
        QVERIFY(results[1].first);
        QVERIFY(!interactive.needsRehash(results[1].second));
        QVERIFY(interactive.verifyPassword(results[1].second, QStringLiteral("right")));
        // A match at the current cost is left as it is.
        QVERIFY(checks.verify(results[1].second, QStringLiteral("right"), note));
        QTRY_COMPARE(results.size(), size_t(3));
        QCOMPARE(results[2], (std::pair<bool, QByteArray>(true, QByteArray())));
        // hash() makes a hash of the current cost.
        std::optional<fieldline::storage::Result<QByteArray>> hashed;
        QVERIFY(
            checks.hash(QStringLiteral("new"), [&](const fieldline::storage::Result<QByteArray> &h) { hashed = h; }));
        QTRY_VERIFY(hashed.has_value());
        QVERIFY(*hashed);
        QVERIFY(interactive.verifyPassword(hashed->value(), QStringLiteral("new")));
    }

    void checksWaitingAreBounded()
    {
        const Credentials credentials(PasswordCost::Minimum);
        auto hash = credentials.hashPassword(QStringLiteral("right"));
        QVERIFY(hash);
        PasswordCheck checks(credentials, PasswordCheck::Limits{1, 2});
        std::vector<int> results;
        QVERIFY(checks.verify(*hash, QStringLiteral("right"),
                              [&](bool ok, const QByteArray &) { results.push_back(ok ? 1 : 0); }));
        QVERIFY(checks.verify(*hash, QStringLiteral("wrong"),
                              [&](bool ok, const QByteArray &) { results.push_back(ok ? 1 : 0); }));
        QCOMPARE(checks.waiting(), 2);
        QVERIFY(
            !checks.verify(*hash, QStringLiteral("right"), [&](bool, const QByteArray &) { results.push_back(9); }));
        QTRY_COMPARE(results.size(), size_t(2));
        QCOMPARE(results, (std::vector<int>{1, 0})); // one thread: in order
        QCOMPARE(checks.waiting(), 0);
        // An empty hash is the dummy: the same work, never a match.
        QVERIFY(checks.verify({}, QStringLiteral("right"),
                              [&](bool ok, const QByteArray &) { results.push_back(ok ? 1 : 0); }));
        QTRY_COMPARE(results.size(), size_t(3));
        QCOMPARE(results.back(), 0);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestLoginLoad)
#include "tst_loginload.moc"
