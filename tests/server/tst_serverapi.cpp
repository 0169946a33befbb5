#include "ServerProcess.h"

#include "server/Credentials.h"
#include "server/TenantStore.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace fieldline::server;

namespace {

QByteArray loginBody(const QString &tenant, const QString &login, const QString &password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("tenant"), tenant},
                                     {QStringLiteral("login"), login},
                                     {QStringLiteral("password"), password},
                                     {QStringLiteral("device"), QStringLiteral("test laptop")}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject json(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

} // namespace

/**
 * The real fieldline-server on loopback: health and metrics, login that never says whether a user exists,
 * throttling, bearer tokens, tenant isolation, size limits, malformed input and a restart.
 */
class TestServerApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    ServerProcess m_server;
    QByteArray m_agentToken;
    QByteArray m_acmeToken;

    const QStringList m_arguments{QStringLiteral("--demo"), QStringLiteral("--login-max-failures"), QStringLiteral("3"),
                                  QStringLiteral("--address-max-failures"), QStringLiteral("10")};

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dataDir.isValid());
        QVERIFY(Credentials::initialise());
        // A second tenant, written through the store API before the server opens the same file.
        auto store = TenantStore::open(m_dataDir.path(), QStringLiteral("test-seed"));
        QVERIFY2(store, qPrintable(store.message()));
        auto acme = store.value()->createTenant(QStringLiteral("acme"));
        QVERIFY2(acme, qPrintable(acme.message()));
        auto hash = Credentials(PasswordCost::Interactive).hashPassword(QStringLiteral("alice-secret-1"));
        QVERIFY(hash);
        auto alice = store.value()->createUser(acme.value(), QStringLiteral("alice"), hash.value(), Role::Manager);
        QVERIFY2(alice, qPrintable(alice.message()));
        store.value().reset();

        QVERIFY2(m_server.start(m_dataDir.path(), m_arguments), qPrintable(m_server.error()));
    }

    void healthz()
    {
        const HttpReply reply = m_server.get(QStringLiteral("/healthz"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(json(reply).value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(json(reply).value(QLatin1String("schema")).toInt(), TenantStore::SchemaVersion);
        const HttpReply alive = m_server.get(QStringLiteral("/livez"));
        QCOMPARE(alive.status, 200);
        QCOMPARE(json(alive).value(QLatin1String("status")).toString(), QStringLiteral("alive"));
    }

    void demoLoginAndMe()
    {
        const HttpReply login =
            m_server.post(QStringLiteral("/v1/login"),
                          loginBody(QStringLiteral("demo"), QStringLiteral("agent"), QStringLiteral("agent-demo-1")));
        QCOMPARE(login.status, 200);
        m_agentToken = json(login).value(QLatin1String("token")).toString().toLatin1();
        QVERIFY(m_agentToken.size() > 40);

        const HttpReply me = m_server.get(QStringLiteral("/v1/me"), m_agentToken);
        QCOMPARE(me.status, 200);
        QCOMPARE(json(me).value(QLatin1String("tenant")).toString(), QStringLiteral("demo"));
        QCOMPARE(json(me).value(QLatin1String("login")).toString(), QStringLiteral("agent"));
        QCOMPARE(json(me).value(QLatin1String("role")).toString(), QStringLiteral("agent"));
    }

    void everyDemoRoleLogsIn_data()
    {
        QTest::addColumn<QString>("login");
        for (const char *role : {"field", "manager", "admin"})
            QTest::newRow(role) << QString::fromLatin1(role);
    }
    void everyDemoRoleLogsIn()
    {
        QFETCH(QString, login);
        const HttpReply reply = m_server.post(
            QStringLiteral("/v1/login"), loginBody(QStringLiteral("demo"), login, login + QStringLiteral("-demo-1")));
        QCOMPARE(reply.status, 200);
        QCOMPARE(json(reply).value(QLatin1String("role")).toString(), login);
    }

    void meRefusesBadTokens_data()
    {
        QTest::addColumn<QByteArray>("authorization"); // null: no header at all
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("empty") << QByteArray("");
        QTest::newRow("garbage") << QByteArray("not-a-token");
        QTest::newRow("unknown") << QByteArray("1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        QTest::newRow("huge") << QByteArray(4000, 'x');
    }
    void meRefusesBadTokens()
    {
        QFETCH(QByteArray, authorization);
        const HttpReply reply = m_server.get(QStringLiteral("/v1/me"), authorization);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.header("WWW-Authenticate"), QByteArray("Bearer"));
        QVERIFY(!reply.body.contains("agent"));
    }

    void revokedTokenIsRefused()
    {
        const HttpReply login =
            m_server.post(QStringLiteral("/v1/login"), loginBody(QStringLiteral("demo"), QStringLiteral("manager"),
                                                                 QStringLiteral("manager-demo-1")));
        QCOMPARE(login.status, 200);
        const QByteArray token = json(login).value(QLatin1String("token")).toString().toLatin1();
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), token).status, 200);
        {
            auto store = TenantStore::open(m_dataDir.path(), QStringLiteral("test-revoke"));
            QVERIFY2(store, qPrintable(store.message()));
            auto identity = store.value()->authenticate(token);
            QVERIFY(identity && identity.value());
            QVERIFY(store.value()->revokeDevice(identity.value()->tenantId, identity.value()->deviceId));
        }
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), token).status, 401);
    }

    void loginFailuresAreIndistinguishable()
    {
        const QString login = QStringLiteral("/v1/login");
        const HttpReply wrongPassword = m_server.post(
            login, loginBody(QStringLiteral("demo"), QStringLiteral("agent"), QStringLiteral("wrong-password")));
        const HttpReply unknownUser = m_server.post(
            login, loginBody(QStringLiteral("demo"), QStringLiteral("nobody"), QStringLiteral("agent-demo-1")));
        const HttpReply unknownTenant =
            m_server.post(login, loginBody(QStringLiteral("no-such-tenant"), QStringLiteral("agent"),
                                           QStringLiteral("agent-demo-1")));
        QCOMPARE(wrongPassword.status, 401);
        QCOMPARE(unknownUser.status, wrongPassword.status);
        QCOMPARE(unknownTenant.status, wrongPassword.status);
        QCOMPARE(unknownUser.body, wrongPassword.body);
        QCOMPARE(unknownTenant.body, wrongPassword.body);
        QCOMPARE(unknownUser.header("Content-Type"), wrongPassword.header("Content-Type"));
        qInfo("login failure ms: wrong password %lld, unknown user %lld, unknown tenant %lld", wrongPassword.elapsedMs,
              unknownUser.elapsedMs, unknownTenant.elapsedMs);
        // Every path runs one Argon2id verification; skipping it would answer an order of magnitude faster.
        QVERIFY(unknownUser.elapsedMs * 3 >= wrongPassword.elapsedMs);
        QVERIFY(unknownTenant.elapsedMs * 3 >= wrongPassword.elapsedMs);
    }

    void otherTenantsPathsAreRefused()
    {
        const HttpReply login =
            m_server.post(QStringLiteral("/v1/login"),
                          loginBody(QStringLiteral("acme"), QStringLiteral("alice"), QStringLiteral("alice-secret-1")));
        QCOMPARE(login.status, 200);
        m_acmeToken = json(login).value(QLatin1String("token")).toString().toLatin1();

        const HttpReply own = m_server.get(QStringLiteral("/v1/tenants/acme/me"), m_acmeToken);
        QCOMPARE(own.status, 200);
        QCOMPARE(json(own).value(QLatin1String("login")).toString(), QStringLiteral("alice"));

        const HttpReply cross = m_server.get(QStringLiteral("/v1/tenants/demo/me"), m_acmeToken);
        QCOMPARE(cross.status, 404);
        QVERIFY(!cross.body.contains("alice"));
        QVERIFY(!cross.body.contains("agent"));
        const HttpReply crossBack = m_server.get(QStringLiteral("/v1/tenants/acme/me"), m_agentToken);
        QCOMPARE(crossBack.status, 404);
        QVERIFY(!crossBack.body.contains("alice"));

        // A token's tenant prefix cannot be rewritten to reach another tenant's devices.
        const QByteArray secret = m_acmeToken.mid(m_acmeToken.indexOf('.'));
        const QByteArray demoTenantPrefix = m_agentToken.left(m_agentToken.indexOf('.'));
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), demoTenantPrefix + secret).status, 401);
    }

    void oversizedBodiesAreRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<int>("size");
        QTest::newRow("login over 4 KiB") << QStringLiteral("/v1/login") << QByteArray("POST") << (4 << 10) + 1;
        QTest::newRow("login 2 MiB") << QStringLiteral("/v1/login") << QByteArray("POST") << (2 << 20);
        QTest::newRow("me with 2 MiB body") << QStringLiteral("/v1/me") << QByteArray("GET") << (2 << 20);
    }
    void oversizedBodiesAreRefused()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, verb);
        QFETCH(int, size);
        // Valid JSON prefix, then filler: only the size can be the reason for the refusal.
        QByteArray body = "{\"tenant\":\"demo\",\"pad\":\"" + QByteArray(size, 'a') + "\"}";
        const HttpReply reply = verb == "POST" ? m_server.post(path, body) : m_server.get(path, m_agentToken, body);
        QCOMPARE(reply.status, 413);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
    }

    void malformedLoginsAreBadRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("{\"tenant\": \"demo\", ");
        QTest::newRow("array") << QByteArray("[1, 2]");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("missing password") << QByteArray(R"({"tenant":"demo","login":"agent","device":"d"})");
        QTest::newRow("number login") << QByteArray(R"({"tenant":"demo","login":5,"password":"x","device":"d"})");
    }
    void malformedLoginsAreBadRequests()
    {
        QFETCH(QByteArray, body);
        const HttpReply reply = m_server.post(QStringLiteral("/v1/login"), body);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
        QVERIFY(!reply.body.isEmpty());
    }

    void theClientsCborLoginIsAnsweredInCbor()
    {
        namespace protocol = fieldline::sync::protocol;
        const auto cborLogin = [&](const QString &user, const QString &password) {
            return m_server.post(QStringLiteral("/v1/login"),
                                 protocol::encode(protocol::LoginRequest{QStringLiteral("demo"), user, password,
                                                                         QStringLiteral("laptop")}),
                                 "application/cbor");
        };
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        const HttpReply granted = cborLogin(QStringLiteral("manager"), QStringLiteral("manager-demo-1"));
        QCOMPARE(granted.status, 200);
        QCOMPARE(granted.header("Content-Type"), QByteArray("application/cbor"));
        auto response = protocol::decode<protocol::LoginResponse>(granted.body);
        QVERIFY2(response, qPrintable(response.message()));
        QCOMPARE(response->role, QStringLiteral("manager"));
        QVERIFY(response->serverTimeMs >= before && response->serverTimeMs <= QDateTime::currentMSecsSinceEpoch());
        const HttpReply me = m_server.get(QStringLiteral("/v1/me"), response->token.toLatin1());
        QCOMPARE(json(me).value(QLatin1String("login")).toString(), QStringLiteral("manager"));

        const HttpReply wrong = cborLogin(QStringLiteral("manager"), QStringLiteral("guess"));
        QCOMPARE(wrong.status, 401);
        auto refusal = protocol::decode<protocol::ErrorMessage>(wrong.body);
        QVERIFY2(refusal, qPrintable(refusal.message()));
        QCOMPARE(refusal->code, protocol::ErrorCode::Unauthorized);
        QCOMPARE(refusal->message, QStringLiteral("Wrong tenant, login or password."));

        const HttpReply malformed = m_server.post(QStringLiteral("/v1/login"), "\xa1\x61", "application/cbor");
        QCOMPARE(malformed.status, 400);
        auto invalid = protocol::decode<protocol::ErrorMessage>(malformed.body);
        QVERIFY2(invalid, qPrintable(invalid.message()));
        QCOMPARE(invalid->code, protocol::ErrorCode::Invalid);
    }

    void accountLoginsAreThrottled()
    {
        const QByteArray wrong = loginBody(QStringLiteral("demo"), QStringLiteral("field"), QStringLiteral("guess"));
        for (int attempt = 0; attempt < 3; ++attempt)
            QCOMPARE(m_server.post(QStringLiteral("/v1/login"), wrong).status, 401);
        const HttpReply throttled = m_server.post(QStringLiteral("/v1/login"), wrong);
        QCOMPARE(throttled.status, 429);
        const int retryAfter = throttled.header("Retry-After").toInt();
        QVERIFY2(retryAfter > 0 && retryAfter <= 60, throttled.header("Retry-After").constData());
        // The right password does not get through a lock either, or the lock would be an oracle.
        const HttpReply right =
            m_server.post(QStringLiteral("/v1/login"),
                          loginBody(QStringLiteral("demo"), QStringLiteral("field"), QStringLiteral("field-demo-1")));
        QCOMPARE(right.status, 429);
        // The client's CBOR login is locked out the same way, and told when to come back.
        const HttpReply cbor = m_server.post(
            QStringLiteral("/v1/login"),
            fieldline::sync::protocol::encode(fieldline::sync::protocol::LoginRequest{
                QStringLiteral("demo"), QStringLiteral("field"), QStringLiteral("field-demo-1"), QStringLiteral("x")}),
            "application/cbor");
        QCOMPARE(cbor.status, 429);
        QVERIFY(cbor.header("Retry-After").toInt() > 0);
        auto limited = fieldline::sync::protocol::decode<fieldline::sync::protocol::ErrorMessage>(cbor.body);
        QVERIFY2(limited, qPrintable(limited.message()));
        QCOMPARE(limited->code, fieldline::sync::protocol::ErrorCode::RateLimited);
        QCOMPARE(limited->retryAfterMs, qint64(cbor.header("Retry-After").toInt()) * 1000);
        // An unknown account locks exactly like a real one.
        const QByteArray ghost = loginBody(QStringLiteral("demo"), QStringLiteral("ghost"), QStringLiteral("guess"));
        for (int attempt = 0; attempt < 3; ++attempt)
            QCOMPARE(m_server.post(QStringLiteral("/v1/login"), ghost).status, 401);
        QCOMPARE(m_server.post(QStringLiteral("/v1/login"), ghost).status, 429);
    }

    void metricsCountRoutesAndFailures()
    {
        const HttpReply reply = m_server.get(QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain; version=0.0.4"));
        QVERIFY2(reply.body.contains("fieldline_http_requests_total{route=\"login\",status=\"200\"}"),
                 reply.body.constData());
        QVERIFY(reply.body.contains("fieldline_http_requests_total{route=\"login\",status=\"401\"}"));
        QVERIFY(reply.body.contains("fieldline_http_requests_total{route=\"login\",status=\"413\"}"));
        QVERIFY(reply.body.contains("fieldline_http_requests_total{route=\"tenant_me\",status=\"404\"}"));
        QVERIFY(reply.body.contains("fieldline_login_throttled_total 4"));
        QVERIFY(reply.body.contains("fieldline_uptime_seconds "));
        const QList<QByteArray> lines = reply.body.split('\n');
        for (const QByteArray &line : lines) {
            if (line.startsWith("fieldline_login_failures_total "))
                QVERIFY(line.mid(31).toInt() >= 10);
        }
    }

    void addressLoginsAreThrottled()
    {
        // Ten failures so far from 127.0.0.1 (3 indistinguishable, 1 over CBOR, 6 account throttling) lock the
        // address, so an account never tried before is refused from it, even with the right password.
        const HttpReply sprayed =
            m_server.post(QStringLiteral("/v1/login"),
                          loginBody(QStringLiteral("demo"), QStringLiteral("spray"), QStringLiteral("guess")));
        QCOMPARE(sprayed.status, 429);
        const HttpReply locked =
            m_server.post(QStringLiteral("/v1/login"),
                          loginBody(QStringLiteral("demo"), QStringLiteral("admin"), QStringLiteral("admin-demo-1")));
        QCOMPARE(locked.status, 429);
        QVERIFY(locked.header("Retry-After").toInt() > 0);
    }

    void restartKeepsUsersAndTokens()
    {
        m_server.stop();
        QVERIFY2(m_server.start(m_dataDir.path(), m_arguments), qPrintable(m_server.error()));
        const HttpReply me = m_server.get(QStringLiteral("/v1/me"), m_agentToken);
        QCOMPARE(me.status, 200);
        QCOMPARE(json(me).value(QLatin1String("login")).toString(), QStringLiteral("agent"));
        QCOMPARE(m_server.get(QStringLiteral("/v1/tenants/acme/me"), m_acmeToken).status, 200);
        // --demo again added nothing and changed no password.
        QCOMPARE(m_server
                     .post(QStringLiteral("/v1/login"),
                           loginBody(QStringLiteral("demo"), QStringLiteral("field"), QStringLiteral("field-demo-1")))
                     .status,
                 200);
    }

    void plainHttpOnlyOnLoopback_data()
    {
        QTest::addColumn<QString>("listen");
        QTest::newRow("any v4") << QStringLiteral("0.0.0.0:0");
        QTest::newRow("any v6") << QStringLiteral("[::]:0");
        QTest::newRow("public") << QStringLiteral("192.0.2.10:8443");
    }
    void plainHttpOnlyOnLoopback()
    {
        QFETCH(QString, listen);
        QProcess process;
        process.start(ServerProcess::executable(),
                      {QStringLiteral("--listen"), listen, QStringLiteral("--data"), m_dataDir.path()});
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 2);
        QVERIFY(process.readAllStandardError().contains("without TLS"));
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
