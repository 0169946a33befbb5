#include "ServerProcess.h"

#include "server/AdminRoutes.h"
#include "server/OperatorToken.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

#include <sys/stat.h>

namespace {

QByteArray toJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray loginBody(const QString &tenant, const QString &login, const QString &password)
{
    return toJson(QJsonObject{{QStringLiteral("tenant"), tenant},
                              {QStringLiteral("login"), login},
                              {QStringLiteral("password"), password},
                              {QStringLiteral("device"), QStringLiteral("admin test")}});
}

QByteArray userBody(const QString &login, const QString &password, const QString &role)
{
    return toJson(QJsonObject{
        {QStringLiteral("login"), login}, {QStringLiteral("password"), password}, {QStringLiteral("role"), role}});
}

QJsonObject json(const HttpReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

} // namespace

/**
 * The administration API on the real fieldline-server: tenants by the operator, users and devices by the operator
 * or a tenant admin, with 401 / 403 / 404 / 409 / 400 / 413 where each belongs, and the operator token file.
 */
class TestAdminApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dataDir;
    ServerProcess m_server;
    QByteArray m_operator;
    QByteArray m_demoAdmin; ///< device token of the demo tenant's admin
    QByteArray m_demoAgent; ///< device token of the demo tenant's agent
    QByteArray m_acmeAdmin; ///< device token of an admin of tenant acme

    // Argon2id at its minimum cost keeps every password hash fast under the sanitizers.
    const QStringList m_arguments{QStringLiteral("--demo"), QStringLiteral("--password-cost"), QStringLiteral("min")};

    /** Any verb with an optional bearer token; ServerProcess's get/post cannot combine POST with a token. */
    HttpReply call(const QByteArray &verb, const QString &path, const QByteArray &bearer = {},
                   const QByteArray &body = {})
    {
        QList<QPair<QByteArray, QByteArray>> headers{
            {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}};
        if (!bearer.isNull())
            headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + bearer});
        return m_server.send(verb, path, body, headers);
    }

    QByteArray login(const QString &tenant, const QString &user, const QString &password)
    {
        const HttpReply reply = m_server.post(QStringLiteral("/v1/login"), loginBody(tenant, user, password));
        return reply.status == 200 ? json(reply).value(QLatin1String("token")).toString().toLatin1() : QByteArray();
    }

    /** Opens the live channel as the device of @p token; true once connected (within 10 s). */
    bool openLive(QWebSocket &live, const QByteArray &token)
    {
        QNetworkRequest request(QUrl(QStringLiteral("ws://127.0.0.1:%1/v1/live").arg(m_server.port())));
        request.setRawHeader("Authorization", "Bearer " + token);
        QEventLoop wait;
        QTimer::singleShot(10000, &wait, &QEventLoop::quit);
        connect(&live, &QWebSocket::connected, &wait, &QEventLoop::quit);
        live.open(request);
        wait.exec();
        return live.state() == QAbstractSocket::ConnectedState;
    }

    /** The token for each caller a data row names. */
    QByteArray caller(const QString &name) const
    {
        if (name == QLatin1String("operator"))
            return m_operator;
        if (name == QLatin1String("demo admin"))
            return m_demoAdmin;
        if (name == QLatin1String("demo agent"))
            return m_demoAgent;
        if (name == QLatin1String("acme admin"))
            return m_acmeAdmin;
        if (name == QLatin1String("garbage"))
            return QByteArrayLiteral("not-a-token");
        return {}; // "nobody": no Authorization header
    }

    static void addRouteRows()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        const QByteArray user =
            userBody(QStringLiteral("someone"), QStringLiteral("password-1"), QStringLiteral("agent"));
        const QByteArray password = "{\"password\":\"password-2\"}";
        QTest::newRow("user create") << QByteArray("POST") << QStringLiteral("/v1/admin/tenants/demo/users") << user;
        QTest::newRow("user list") << QByteArray("GET") << QStringLiteral("/v1/admin/tenants/demo/users")
                                   << QByteArray();
        QTest::newRow("password") << QByteArray("POST") << QStringLiteral("/v1/admin/tenants/demo/users/agent/password")
                                  << password;
        QTest::newRow("territories") << QByteArray("POST")
                                     << QStringLiteral("/v1/admin/tenants/demo/users/field/territories")
                                     << QByteArray("{\"territories\":[\"north\"]}");
        QTest::newRow("device list") << QByteArray("GET") << QStringLiteral("/v1/admin/tenants/demo/devices")
                                     << QByteArray();
        QTest::newRow("device revoke") << QByteArray("POST")
                                       << QStringLiteral("/v1/admin/tenants/demo/devices/1/revoke") << QByteArray();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dataDir.isValid());
        QVERIFY2(m_server.start(m_dataDir.path(), m_arguments), qPrintable(m_server.error()));
        QFile tokenFile(QDir(m_dataDir.path()).filePath(QLatin1String(fieldline::server::OperatorToken::FileName)));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        m_operator = tokenFile.readAll().trimmed();
        m_demoAdmin = login(QStringLiteral("demo"), QStringLiteral("admin"), QStringLiteral("admin-demo-1"));
        m_demoAgent = login(QStringLiteral("demo"), QStringLiteral("agent"), QStringLiteral("agent-demo-1"));
        QVERIFY(!m_demoAdmin.isEmpty());
        QVERIFY(!m_demoAgent.isEmpty());
    }

    void operatorTokenFileIsPrivate()
    {
        const QString path = QDir(m_dataDir.path()).filePath(QLatin1String(fieldline::server::OperatorToken::FileName));
        struct stat status = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &status), 0);
        QCOMPARE(status.st_mode & 0777, mode_t(0600));
        QVERIFY(m_operator.size() >= 32);
        QVERIFY(!m_operator.contains('.'));
        // No temporary file is left next to it.
        QCOMPARE(QDir(m_dataDir.path()).entryList({QStringLiteral("operator-token*")}, QDir::Files).size(), 1);
    }

    void operatorCreatesTenants()
    {
        const QString path = QStringLiteral("/v1/admin/tenants");
        const HttpReply created = call("POST", path, m_operator, "{\"name\":\"acme\"}");
        QCOMPARE(created.status, 201);
        QCOMPARE(json(created).value(QLatin1String("name")).toString(), QStringLiteral("acme"));
        QVERIFY(json(created).value(QLatin1String("id")).toInteger() > 0);

        const HttpReply again = call("POST", path, m_operator, "{\"name\":\"acme\"}");
        QCOMPARE(again.status, 409);
        QVERIFY(json(again).value(QLatin1String("error")).toString().contains(QLatin1String("already exists")));

        // The operator seeds acme's first admin, whose token the later tests use.
        const HttpReply admin =
            call("POST", QStringLiteral("/v1/admin/tenants/acme/users"), m_operator,
                 userBody(QStringLiteral("root"), QStringLiteral("acme-root-1"), QStringLiteral("admin")));
        QCOMPARE(admin.status, 201);
        m_acmeAdmin = login(QStringLiteral("acme"), QStringLiteral("root"), QStringLiteral("acme-root-1"));
        QVERIFY(!m_acmeAdmin.isEmpty());
    }

    void onlyTheOperatorCreatesTenants_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("status");
        QTest::newRow("nobody") << QStringLiteral("nobody") << 401;
        QTest::newRow("garbage token") << QStringLiteral("garbage") << 401;
        QTest::newRow("tenant admin") << QStringLiteral("demo admin") << 403;
        QTest::newRow("agent") << QStringLiteral("demo agent") << 403;
    }
    void onlyTheOperatorCreatesTenants()
    {
        QFETCH(QString, who);
        QFETCH(int, status);
        const HttpReply reply = call("POST", QStringLiteral("/v1/admin/tenants"), caller(who), "{\"name\":\"rogue\"}");
        QCOMPARE(reply.status, status);
        QCOMPARE(call("GET", QStringLiteral("/v1/admin/tenants/rogue/users"), m_operator).status, 404);
    }

    void malformedTenantsAreBadRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("{\"name\": ");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("array") << QByteArray("[\"acme\"]");
        QTest::newRow("no name") << QByteArray("{\"title\":\"x\"}");
        QTest::newRow("number") << QByteArray("{\"name\":42}");
        QTest::newRow("empty name") << QByteArray("{\"name\":\"\"}");
        QTest::newRow("slash") << QByteArray("{\"name\":\"a/b\"}");
        QTest::newRow("space") << QByteArray("{\"name\":\"a b\"}");
        QTest::newRow("65 characters") << toJson(QJsonObject{{QStringLiteral("name"), QString(65, u'a')}});
    }
    void malformedTenantsAreBadRequests()
    {
        QFETCH(QByteArray, body);
        const HttpReply reply = call("POST", QStringLiteral("/v1/admin/tenants"), m_operator, body);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
        QVERIFY(!reply.body.trimmed().isEmpty());
    }

    void everyRouteWantsAToken_data() { addRouteRows(); }
    void everyRouteWantsAToken()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QCOMPARE(call(verb, path, caller(QStringLiteral("nobody")), body).status, 401);
        QCOMPARE(call(verb, path, caller(QStringLiteral("garbage")), body).status, 401);
    }

    void otherRolesAreForbidden_data() { addRouteRows(); }
    void otherRolesAreForbidden()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        const HttpReply reply = call(verb, path, m_demoAgent, body);
        QCOMPARE(reply.status, 403);
        QVERIFY(!reply.body.contains("someone"));
    }

    void otherTenantsLookMissing_data() { addRouteRows(); }
    void otherTenantsLookMissing()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        // acme's admin on demo's paths answers exactly as the operator on a tenant that does not exist.
        const HttpReply cross = call(verb, path, m_acmeAdmin, body);
        QCOMPARE(cross.status, 404);
        QString missingPath = path;
        missingPath.replace(QLatin1String("/demo/"), QLatin1String("/no-such-tenant/"));
        const HttpReply missing = call(verb, missingPath, m_operator, body);
        QCOMPARE(missing.status, 404);
        QCOMPARE(cross.body, missing.body);
        // A non-admin of another tenant learns nothing either: 404, not 403.
        QString acmePath = path;
        acmePath.replace(QLatin1String("/demo/"), QLatin1String("/acme/"));
        QCOMPARE(call(verb, acmePath, m_demoAgent, body).status, 404);
    }

    void oversizedBodiesAreRefused_data() { addRouteRows(); }
    void oversizedBodiesAreRefused()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        // Valid JSON, only too long: the size alone is the reason, and it is checked before the token.
        const QByteArray body =
            "{\"name\":\"big\",\"pad\":\"" + QByteArray(fieldline::server::AdminRoutes::MaxBodyBytes, 'a') + "\"}";
        const HttpReply reply = call(verb, path, m_operator, body);
        QCOMPARE(reply.status, 413);
        QCOMPARE(call(verb, path, caller(QStringLiteral("nobody")), body).status, 413);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants"), m_operator, body).status, 413);
    }

    void operatorAndTenantAdminCreateUsers()
    {
        const HttpReply byOperator =
            call("POST", QStringLiteral("/v1/admin/tenants/acme/users"), m_operator,
                 userBody(QStringLiteral("carol"), QStringLiteral("carol-pass-1"), QStringLiteral("field")));
        QCOMPARE(byOperator.status, 201);
        QCOMPARE(json(byOperator).value(QLatin1String("login")).toString(), QStringLiteral("carol"));
        QCOMPARE(json(byOperator).value(QLatin1String("role")).toString(), QStringLiteral("field"));

        const HttpReply byAdmin =
            call("POST", QStringLiteral("/v1/admin/tenants/demo/users"), m_demoAdmin,
                 userBody(QStringLiteral("dave"), QStringLiteral("dave-pass-1"), QStringLiteral("manager")));
        QCOMPARE(byAdmin.status, 201);
        QVERIFY(!login(QStringLiteral("demo"), QStringLiteral("dave"), QStringLiteral("dave-pass-1")).isEmpty());

        const HttpReply duplicate =
            call("POST", QStringLiteral("/v1/admin/tenants/demo/users"), m_operator,
                 userBody(QStringLiteral("dave"), QStringLiteral("other-pass-1"), QStringLiteral("agent")));
        QCOMPARE(duplicate.status, 409);
        // The same login in another tenant is another user.
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/users"), m_acmeAdmin,
                      userBody(QStringLiteral("dave"), QStringLiteral("acme-dave-1"), QStringLiteral("agent")))
                     .status,
                 201);
    }

    void malformedUsersAreBadRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not json") << QByteArray("{\"login\":");
        QTest::newRow("missing role") << QByteArray("{\"login\":\"x\",\"password\":\"long-enough\"}");
        QTest::newRow("number password") << QByteArray("{\"login\":\"x\",\"password\":12345678,\"role\":\"agent\"}");
        QTest::newRow("unknown role") << userBody(QStringLiteral("x"), QStringLiteral("long-enough"),
                                                  QStringLiteral("root"));
        QTest::newRow("empty login") << userBody(QString(), QStringLiteral("long-enough"), QStringLiteral("agent"));
        QTest::newRow("129-character login")
            << userBody(QString(129, u'x'), QStringLiteral("long-enough"), QStringLiteral("agent"));
        QTest::newRow("slash in login") << userBody(QStringLiteral("a/b"), QStringLiteral("long-enough"),
                                                    QStringLiteral("agent"));
        QTest::newRow("7-character password")
            << userBody(QStringLiteral("x"), QStringLiteral("1234567"), QStringLiteral("agent"));
        QTest::newRow("1025-character password")
            << userBody(QStringLiteral("x"), QString(1025, u'p'), QStringLiteral("agent"));
    }
    void malformedUsersAreBadRequests()
    {
        QFETCH(QByteArray, body);
        const HttpReply reply = call("POST", QStringLiteral("/v1/admin/tenants/demo/users"), m_demoAdmin, body);
        QCOMPARE(reply.status, 400);
        QVERIFY(reply.header("Content-Type").startsWith("text/plain"));
    }

    void boundaryUsersAreAccepted()
    {
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/users"), m_operator,
                      userBody(QString(128, u'l'), QString(1024, u'p'), QStringLiteral("agent")))
                     .status,
                 201);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/users"), m_operator,
                      userBody(QStringLiteral("eve"), QStringLiteral("12345678"), QStringLiteral("admin")))
                     .status,
                 201);
    }

    void usersAreListedWithoutHashes()
    {
        const HttpReply reply = call("GET", QStringLiteral("/v1/admin/tenants/acme/users"), m_acmeAdmin);
        QCOMPARE(reply.status, 200);
        const QJsonArray users = json(reply).value(QLatin1String("users")).toArray();
        QStringList logins;
        for (const QJsonValue &user : users) {
            logins.append(user.toObject().value(QLatin1String("login")).toString());
            QCOMPARE(user.toObject().keys(), (QStringList{QStringLiteral("id"), QStringLiteral("login"),
                                                          QStringLiteral("role"), QStringLiteral("territories")}));
        }
        QVERIFY(logins.contains(QStringLiteral("root")));
        QVERIFY(logins.contains(QStringLiteral("carol")));
        QVERIFY(!logins.contains(QStringLiteral("agent"))); // demo's users stay in demo
        QVERIFY(!reply.body.contains("argon2"));

        const HttpReply demo = call("GET", QStringLiteral("/v1/admin/tenants/demo/users"), m_operator);
        QCOMPARE(demo.status, 200);
        QCOMPARE(json(demo).value(QLatin1String("users")).toArray().size(), 5); // four demo roles and dave
    }

    void passwordResetReplacesTheOldPassword()
    {
        const QString path = QStringLiteral("/v1/admin/tenants/demo/users/field/password");
        const HttpReply reset = call("POST", path, m_demoAdmin, "{\"password\":\"field-new-password\"}");
        QCOMPARE(reset.status, 204);
        QVERIFY(reset.body.isEmpty());
        QVERIFY(login(QStringLiteral("demo"), QStringLiteral("field"), QStringLiteral("field-demo-1")).isEmpty());
        QVERIFY(
            !login(QStringLiteral("demo"), QStringLiteral("field"), QStringLiteral("field-new-password")).isEmpty());

        // The operator may reset too; a user that does not exist is 404; a short password is 400.
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/users/carol/password"), m_operator,
                      "{\"password\":\"carol-pass-2\"}")
                     .status,
                 204);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/demo/users/nobody/password"), m_demoAdmin,
                      "{\"password\":\"whatever-1\"}")
                     .status,
                 404);
        QCOMPARE(call("POST", path, m_demoAdmin, "{\"password\":\"short\"}").status, 400);
        QCOMPARE(call("POST", path, m_demoAdmin, "{\"password\":").status, 400);
        QCOMPARE(call("POST", path, m_demoAdmin, "{\"secret\":\"field-other-1\"}").status, 400);
        // dave in acme is not dave in demo.
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/users/dave/password"), m_acmeAdmin,
                      "{\"password\":\"acme-dave-2\"}")
                     .status,
                 204);
        QVERIFY(!login(QStringLiteral("demo"), QStringLiteral("dave"), QStringLiteral("dave-pass-1")).isEmpty());
    }

    /** New territories change what the user's devices may hold: their open live sockets are told to pull now. */
    void newTerritoriesTellTheLiveChannel()
    {
        QWebSocket live;
        QVERIFY(openLive(live, m_demoAgent));
        int frames = 0;
        connect(&live, &QWebSocket::binaryMessageReceived, this, [&frames] { ++frames; });
        QTest::qWait(300);
        QCOMPARE(frames, 0); // nothing else moves the demo tenant here
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/demo/users/agent/territories"), m_demoAdmin,
                      "{\"territories\":[\"north\"]}")
                     .status,
                 204);
        QTRY_COMPARE_WITH_TIMEOUT(frames, 1, 5000);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/demo/users/agent/territories"), m_demoAdmin,
                      "{\"territories\":[]}")
                     .status,
                 204);
        QTRY_COMPARE_WITH_TIMEOUT(frames, 2, 5000);
    }

    void territoriesAreSetAndListed()
    {
        const QString path = QStringLiteral("/v1/admin/tenants/acme/users/carol/territories");
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":[\"north\",\"east\",\"north\"]}").status, 204);
        const auto territoriesOf = [&](const QString &tenant, const QString &login) {
            const HttpReply list = call("GET", QStringLiteral("/v1/admin/tenants/%1/users").arg(tenant), m_operator);
            for (const QJsonValue &user : json(list).value(QLatin1String("users")).toArray()) {
                if (user.toObject().value(QLatin1String("login")).toString() == login)
                    return user.toObject().value(QLatin1String("territories")).toVariant().toStringList();
            }
            return QStringList{QStringLiteral("<no such user>")};
        };
        QCOMPARE(territoriesOf(QStringLiteral("acme"), QStringLiteral("carol")),
                 (QStringList{QStringLiteral("north"), QStringLiteral("east")}));
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":[]}").status, 204);
        QCOMPARE(territoriesOf(QStringLiteral("acme"), QStringLiteral("carol")), QStringList());

        // Malformed names, too many, another tenant's user, a user that does not exist.
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":[\"a,b\"]}").status, 400);
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":[\"\"]}").status, 400);
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":[\" padded\"]}").status, 400);
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":[7]}").status, 400);
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":\"north\"}").status, 400);
        QCOMPARE(call("POST", path, m_acmeAdmin, "{\"territories\":[" + QByteArray("\"t\",").repeated(100) + "\"u\"]}")
                     .status,
                 400);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/demo/users/field/territories"), m_acmeAdmin,
                      "{\"territories\":[\"north\"]}")
                     .status,
                 404);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/acme/users/nobody/territories"), m_acmeAdmin,
                      "{\"territories\":[\"north\"]}")
                     .status,
                 404);
        QCOMPARE(territoriesOf(QStringLiteral("demo"), QStringLiteral("field")), QStringList());
    }

    void revokedDevicesLoseAccess()
    {
        const QByteArray manager =
            login(QStringLiteral("demo"), QStringLiteral("manager"), QStringLiteral("manager-demo-1"));
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), manager).status, 200);

        const HttpReply list = call("GET", QStringLiteral("/v1/admin/tenants/demo/devices"), m_demoAdmin);
        QCOMPARE(list.status, 200);
        QVERIFY(!list.body.contains("token"));
        qint64 managerDevice = 0;
        const QJsonArray devices = json(list).value(QLatin1String("devices")).toArray();
        for (const QJsonValue &value : devices) {
            const QJsonObject device = value.toObject();
            QCOMPARE(device.keys(),
                     (QStringList{QStringLiteral("created"), QStringLiteral("id"), QStringLiteral("login"),
                                  QStringLiteral("name"), QStringLiteral("revoked")}));
            QVERIFY(device.value(QLatin1String("revoked")).isNull());
            QVERIFY(!device.value(QLatin1String("created")).toString().isEmpty());
            if (device.value(QLatin1String("login")).toString() == QLatin1String("manager"))
                managerDevice = device.value(QLatin1String("id")).toInteger();
        }
        QVERIFY(managerDevice > 0);

        // acme's admin cannot revoke a demo device even through acme's own path.
        const QString revokeInAcme = QStringLiteral("/v1/admin/tenants/acme/devices/%1/revoke").arg(managerDevice);
        QCOMPARE(call("POST", revokeInAcme, m_acmeAdmin).status, 404);
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), manager).status, 200);

        // The manager's device holds the live channel open; revocation closes it at once.
        QWebSocket live;
        QVERIFY(openLive(live, manager));

        const QString revoke = QStringLiteral("/v1/admin/tenants/demo/devices/%1/revoke").arg(managerDevice);
        QCOMPARE(call("POST", revoke, m_demoAdmin).status, 204);
        if (live.state() != QAbstractSocket::UnconnectedState) {
            QEventLoop closed;
            QTimer::singleShot(10000, &closed, &QEventLoop::quit);
            connect(&live, &QWebSocket::disconnected, &closed, &QEventLoop::quit);
            closed.exec();
        }
        QCOMPARE(live.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(live.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), manager).status, 401);
        QCOMPARE(call("POST", revoke, m_demoAdmin).status, 404); // already revoked
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/demo/devices/999999/revoke"), m_operator).status, 404);
        QCOMPARE(call("POST", QStringLiteral("/v1/admin/tenants/demo/devices/abc/revoke"), m_operator).status, 404);

        const HttpReply after = call("GET", QStringLiteral("/v1/admin/tenants/demo/devices"), m_operator);
        bool sawRevoked = false;
        const QJsonArray afterDevices = json(after).value(QLatin1String("devices")).toArray();
        for (const QJsonValue &value : afterDevices) {
            if (value.toObject().value(QLatin1String("id")).toInteger() == managerDevice)
                sawRevoked = value.toObject().value(QLatin1String("revoked")).isString();
        }
        QVERIFY(sawRevoked);
        // Other devices keep working.
        QCOMPARE(m_server.get(QStringLiteral("/v1/me"), m_demoAgent).status, 200);
    }

    void metricsCountAdminRoutes()
    {
        const HttpReply reply = m_server.get(QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        for (const char *line :
             {"route=\"admin_tenant_create\",status=\"201\"", "route=\"admin_tenant_create\",status=\"409\"",
              "route=\"admin_tenant_create\",status=\"403\"", "route=\"admin_user_create\",status=\"413\"",
              "route=\"admin_user_list\",status=\"401\"", "route=\"admin_user_password\",status=\"204\"",
              "route=\"admin_device_list\",status=\"200\"", "route=\"admin_device_revoke\",status=\"404\""}) {
            QVERIFY2(reply.body.contains(line), line);
        }
    }

    void restartKeepsTheOperatorToken()
    {
        m_server.stop();
        QVERIFY2(m_server.start(m_dataDir.path(), m_arguments), qPrintable(m_server.error()));
        QFile tokenFile(QDir(m_dataDir.path()).filePath(QLatin1String(fieldline::server::OperatorToken::FileName)));
        QVERIFY(tokenFile.open(QIODevice::ReadOnly));
        QCOMPARE(tokenFile.readAll().trimmed(), m_operator);
        QCOMPARE(call("GET", QStringLiteral("/v1/admin/tenants/acme/users"), m_operator).status, 200);
        // A token that differs in its last character is not the operator.
        QByteArray wrong = m_operator;
        wrong.back() = wrong.back() == 'A' ? 'B' : 'A';
        QCOMPARE(call("GET", QStringLiteral("/v1/admin/tenants/acme/users"), wrong).status, 401);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestAdminApi)
#include "tst_adminapi.moc"
