// Two fieldline-server processes on one throwaway PostgreSQL database, as behind a load balancer: a device of
// instance A edits, and a device connected to instance B's live channel hears of it through LISTEN/NOTIFY and
// pulls the edit from B. Nobody else pushes, and the devices have no timer, so only the relay can deliver it.
// A device revoked through instance A loses its live socket on instance B at once (the recheck takes a minute).
#include "ServerProcess.h"
#include "SyncServerKit.h"

#include "server/LiveRelay.h"
#include "server/LoginThrottle.h"
#include "server/OperatorToken.h"
#include "sync/LiveClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QWebSocket>
#include <QtTest>

#include <algorithm>

using namespace fieldline;
using sync::SyncProblem;

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

class TestLiveCrossInstance : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_postgres;

    /** Starts two instances on the test's database, with the password passed as an operator would. */
    bool startTwo(ServerProcess &a, ServerProcess &b, const QString &name, const QStringList &options = {})
    {
        // The URL carries no password: like an operator would, the servers get it through PGPASSWORD.
        server::PostgresAddress address = *m_postgres.postgres;
        qputenv("PGPASSWORD", address.password.toUtf8());
        address.password.clear();
        const QStringList postgres = QStringList{QStringLiteral("--postgres"), address.display()} + options;
        // Like every instance of a deployment, both hold the same operator token (it keys the login news).
        const QString dirA = m_dir.filePath(name + QStringLiteral("-a")),
                      dirB = m_dir.filePath(name + QStringLiteral("-b"));
        const QString tokenFile = QLatin1String(server::OperatorToken::FileName);
        const bool started = a.start(dirA, postgres) && QDir().mkpath(dirB) &&
                             QFile::copy(QDir(dirA).filePath(tokenFile), QDir(dirB).filePath(tokenFile)) &&
                             b.start(dirB, postgres);
        qunsetenv("PGPASSWORD");
        if (!started)
            qWarning() << a.error() << b.error();
        return started;
    }

    static QUrl url(const ServerProcess &p) { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(p.port())); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_postgres.setUp(QStringLiteral("postgres")), QString());
    }

    void anEditOnOneInstanceReachesTheOtherInstancesLiveSockets()
    {
        const QList<QByteArray> tokens =
            m_postgres.seedTenant(QStringLiteral("acme"), {QStringLiteral("a"), QStringLiteral("b")});
        QCOMPARE(tokens.size(), 2);
        const QByteArray &tokenA = tokens[0], &tokenB = tokens[1];
        ServerProcess instanceA, instanceB;
        QVERIFY(startTwo(instanceA, instanceB, QStringLiteral("edits")));

        SyncedDevice a(m_dir.filePath(QStringLiteral("a.db")), nowMs(), url(instanceA), tokenA);
        SyncedDevice b(m_dir.filePath(QStringLiteral("b.db")), nowMs(), url(instanceB), tokenB);
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        sync::LiveClient live(url(instanceB), tokenB);
        connect(&live, &sync::LiveClient::notified, b.client.get(), &sync::SyncClient::syncNow);
        QSignalSpy heard(&live, &sync::LiveClient::notified);
        live.start();
        QTRY_VERIFY(live.isConnected());

        std::vector<qint64> latencies;
        for (int i = 0; i < 10; ++i) {
            auto row = a.device->insert(QStringLiteral("contacts"),
                                        {{QStringLiteral("name"), QStringLiteral("edit %1").arg(i)}});
            QVERIFY(row);
            const qint64 start = nowMs();
            QCOMPARE(a.syncOnce(), SyncProblem::None);
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return synctest::visible(b.device, QStringLiteral("contacts"), *row,
                                                      QStringLiteral("name"))
                                 .has_value();
                         },
                         10000),
                     "the edit never reached the device on the other instance");
            latencies.push_back(nowMs() - start);
        }
        QVERIFY(heard.size() >= 10);
        std::sort(latencies.begin(), latencies.end());
        qInfo("edit on instance A to visible on a device of instance B: median %lld ms, max %lld ms (10 edits)",
              latencies[latencies.size() / 2], latencies.back());
        QTRY_COMPARE(synctest::dump(b.device), synctest::dump(a.device));
    }

    void malformedNewsIsIgnored()
    {
        QCOMPARE(m_postgres.connectAsApp(QStringLiteral("relay-listen")), QString());
        QCOMPARE(m_postgres.connectAsApp(QStringLiteral("relay-send")), QString());
        QList<QPair<qint64, qint64>> cursors, revoked;
        QList<server::LoginThrottle::News> logins;
        const auto cursorMoved = [&](qint64 tenant, qint64 cursor) { cursors.append({tenant, cursor}); };
        const auto deviceRevoked = [&](qint64 tenant, qint64 device) { revoked.append({tenant, device}); };
        server::LiveRelay relay(QStringLiteral("relay-listen"), cursorMoved, deviceRevoked);
        relay.setLoginNews([&](const server::LoginThrottle::News &news) { logins.append(news); });
        QVERIFY(relay.isActive());
        const QString digest = QStringLiteral("0123456789abcdef0123456789abcdef");
        // Anyone who may connect as the application role can NOTIFY this channel: nothing malformed may act.
        const QStringList payloads{
            QString(), QStringLiteral("1"), QStringLiteral("x:2"), QStringLiteral("1:y"), QStringLiteral("0:5"),
            QStringLiteral("-3:5"), QStringLiteral("1:-1"), QStringLiteral("1:2:3"), QStringLiteral("1:2:"),
            QStringLiteral(":1:2"), QStringLiteral("revoked:1"), QStringLiteral("revoked:0:4"),
            QStringLiteral("revoked:1:x"), QStringLiteral("Revoked:1:2"), QStringLiteral("revoked:1:2:3"),
            QStringLiteral("9223372036854775808:1"), QStringLiteral(" 1:2"), QStringLiteral("failed:") + digest,
            QStringLiteral("failed:%1:%1x").arg(digest), QStringLiteral("failed:%1:%2").arg(digest, digest.toUpper()),
            QStringLiteral("failed:%1:%2").arg(digest, digest.left(31)), QStringLiteral("failed:%1:%1:1").arg(digest),
            QStringLiteral("passed:") + digest, QStringLiteral("failed"),
            // The valid ones last: notifications arrive in order, so once they are in, every other one was read.
            QStringLiteral("7:42"), QStringLiteral("revoked:7:9"), QStringLiteral("failed:%1:%1").arg(digest)};
        QSqlQuery notify(QSqlDatabase::database(QStringLiteral("relay-send")));
        for (const QString &payload : payloads)
            QVERIFY2(notify.exec(QStringLiteral("SELECT pg_notify('%1', '%2')")
                                     .arg(QLatin1String(server::LiveRelay::Channel), payload)),
                     qPrintable(notify.lastError().text()));
        QTRY_COMPARE_WITH_TIMEOUT(cursors.size() + revoked.size() + logins.size(), 3, 5000);
        QCOMPARE(cursors, (QList<QPair<qint64, qint64>>{{7, 42}}));
        QCOMPARE(revoked, (QList<QPair<qint64, qint64>>{{7, 9}}));
        QCOMPARE(logins.size(), 1);
        QVERIFY(logins[0].account == digest.toLatin1() && logins[0].address == digest.toLatin1());
    }

    void guessesOnBothInstancesMeetOneLimit()
    {
        QCOMPARE(m_postgres.seedTenant(QStringLiteral("guessed"), {QStringLiteral("x")}).size(), 1);
        ServerProcess instanceA, instanceB;
        QVERIFY(startTwo(instanceA, instanceB, QStringLiteral("guesses"),
                         {QStringLiteral("--login-max-failures"), QStringLiteral("3")}));
        const auto login = [](ServerProcess &instance, const char *password) {
            const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("tenant"), QStringLiteral("guessed")},
                                                              {QStringLiteral("login"), QStringLiteral("u")},
                                                              {QStringLiteral("password"), QLatin1String(password)},
                                                              {QStringLiteral("device"), QStringLiteral("laptop")}})
                                        .toJson(QJsonDocument::Compact);
            return instance.post(QStringLiteral("/v1/login"), body);
        };
        const auto heard = [](ServerProcess &instance, int failures) {
            const QByteArray line = "\nfieldline_login_news_total " + QByteArray::number(failures) + '\n';
            return instance.get(QStringLiteral("/metrics")).body.contains(line);
        };
        // Two wrong guesses through A and one through B: three on the account, the limit, though each instance saw
        // fewer itself.
        QCOMPARE(login(instanceA, "guess 1").status, 401);
        QCOMPARE(login(instanceA, "guess 2").status, 401);
        QTRY_VERIFY_WITH_TIMEOUT(heard(instanceB, 2), 5000);
        QCOMPARE(login(instanceB, "guess 3").status, 401);
        QTRY_VERIFY_WITH_TIMEOUT(heard(instanceA, 1), 5000);
        // Even the right password is refused now, on either instance, until the lock ends.
        const HttpReply onA = login(instanceA, "unused password");
        QCOMPARE(onA.status, 429);
        const HttpReply onB = login(instanceB, "unused password");
        QCOMPARE(onB.status, 429);
        QVERIFY2(onB.body.contains("Try again in"), onB.body.constData());
    }

    void aDeviceRevokedOnOneInstanceLosesItsSocketOnTheOther()
    {
        const QList<QByteArray> tokens =
            m_postgres.seedTenant(QStringLiteral("revocations"), {QStringLiteral("stolen"), QStringLiteral("kept")});
        QCOMPARE(tokens.size(), 2);
        ServerProcess instanceA, instanceB;
        QVERIFY(startTwo(instanceA, instanceB, QStringLiteral("revocations")));
        QFile operatorFile(m_dir.filePath(QStringLiteral("revocations-a/")) +
                           QLatin1String(server::OperatorToken::FileName));
        QVERIFY(operatorFile.open(QIODevice::ReadOnly));
        const QByteArray operatorToken = operatorFile.readAll().trimmed();
        const QList<QPair<QByteArray, QByteArray>> asOperator{{"Authorization", "Bearer " + operatorToken}};

        // Both devices hold a socket on instance B.
        QWebSocket stolen, kept;
        for (int i = 0; i < 2; ++i) {
            QWebSocket &socket = i == 0 ? stolen : kept;
            QNetworkRequest request(sync::LiveClient::liveUrl(url(instanceB)));
            request.setRawHeader("Authorization", "Bearer " + tokens[i]);
            QSignalSpy connected(&socket, &QWebSocket::connected);
            socket.open(request);
            QVERIFY(connected.wait(10000));
        }

        // The stolen laptop is revoked through instance A.
        const HttpReply listed =
            instanceA.send("GET", QStringLiteral("/v1/admin/tenants/revocations/devices"), {}, asOperator);
        QCOMPARE(listed.status, 200);
        qint64 stolenId = 0;
        for (const QJsonValue device :
             QJsonDocument::fromJson(listed.body).object().value(QStringLiteral("devices")).toArray()) {
            if (device[QStringLiteral("name")].toString() == QLatin1String("stolen"))
                stolenId = device[QStringLiteral("id")].toInteger();
        }
        QVERIFY(stolenId > 0);
        QSignalSpy stolenClosed(&stolen, &QWebSocket::disconnected);
        QElapsedTimer sinceRevoked;
        sinceRevoked.start();
        QCOMPARE(instanceA
                     .send("POST", QStringLiteral("/v1/admin/tenants/revocations/devices/%1/revoke").arg(stolenId), {},
                           asOperator)
                     .status,
                 204);
        // Well before instance B's own recheck (a minute) would find it.
        QTRY_COMPARE_WITH_TIMEOUT(stolenClosed.size(), 1, 5000);
        QCOMPARE(stolen.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        qInfo("revoked on instance A, socket on instance B closed after %lld ms", sinceRevoked.elapsed());
        QCOMPARE(kept.state(), QAbstractSocket::ConnectedState);
        // Instance B refuses the token from now on.
        QNetworkRequest again(sync::LiveClient::liveUrl(url(instanceB)));
        again.setRawHeader("Authorization", "Bearer " + tokens[0]);
        QWebSocket retry;
        QSignalSpy retryClosed(&retry, &QWebSocket::disconnected);
        retry.open(again);
        QVERIFY(retryClosed.wait(10000));
        QCOMPARE(retry.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(kept.state(), QAbstractSocket::ConnectedState);
    }
};

QTEST_GUILESS_MAIN(TestLiveCrossInstance)
#include "tst_livecrossinstance.moc"
