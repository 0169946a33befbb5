// The admin routes that set a password answer after an Argon2id hash on the password threads. Meanwhile the event
// loop serves other tenants' requests, on both backends: the write after the hash must land in its own tenant, and
// it must still be allowed then (a tenant admin's device revoked during the hash is refused). Two resets of one user
// that finish out of order keep the one that arrived last.
#include "TwoTenantServer.h"

#include "server/AdminRoutes.h"
#include "server/LatestRequestWins.h"
#include "server/OperatorToken.h"
#include "server/PasswordCheck.h"
#include "server/UserDirectory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace fieldline;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

QByteArray passwordBody(const char *password)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("password"), QString::fromUtf8(password)}})
        .toJson(QJsonDocument::Compact);
}

/** A request sent now and answered whenever the server gets to it. */
std::unique_ptr<QNetworkReply> sendLater(QNetworkAccessManager &network, const QUrl &url, const QByteArray &token,
                                         const QByteArray &body)
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return std::unique_ptr<QNetworkReply>(network.post(request, body));
}

int statusOf(QNetworkReply &reply)
{
    return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

} // namespace

class TestAdminHashWait : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_postgres;
    QByteArray m_slowHash; ///< at the interactive cost: checking it keeps a password thread busy for 0.2-0.4 s
    int m_blockersDone = 0;

    struct Setup : TwoTenantServer
    {
        std::unique_ptr<server::AdminRoutes> admin;
    };

    /** A server on @p backend with two tenants, each with an admin "boss" and a field user "field", and AdminRoutes. */
    Setup setUp(const QString &backend)
    {
        Setup s;
        if (s.start(m_dir.path(), backend, m_postgres, T0))
            s.admin = std::make_unique<server::AdminRoutes>(*s.server->api, *s.directory, *s.operatorFile);
        return s;
    }

    /**
     * Fills every password thread with slow checks, and queues as many again, so a hash queued next waits for at
     * least one slow check (0.2-0.4 s). Returns how many jobs it queued (0 when it could not); m_blockersDone counts
     * those finished from then on.
     */
    int occupyPasswordThreads(InProcessServer &server)
    {
        m_blockersDone = 0;
        server::PasswordCheck &checks = server.api->passwords();
        const int jobs = 2 * checks.threads();
        if (checks.waiting() + jobs + 4 > checks.maxWaiting())
            return 0; // no room left for the requests under test
        for (int i = 0; i < jobs; ++i) {
            if (!checks.verify(m_slowHash, QStringLiteral("not it"),
                               [this](bool, const QByteArray &) { ++m_blockersDone; }))
                return 0;
        }
        return jobs;
    }
    /** Whether @p hashes more jobs than the blockers of occupyPasswordThreads() are queued or running. */
    bool hashesQueued(InProcessServer &server, int blockers, int hashes) const
    {
        return server.api->passwords().waiting() + m_blockersDone == blockers + hashes;
    }

    static bool passwordIs(InProcessServer &server, const QString &tenant, const QString &password)
    {
        const qint64 tenantId = server.tenantId(tenant);
        auto user = server.store->findUser(tenantId, QStringLiteral("field"));
        return user && user.value() && server.credentials.verifyPassword(user.value()->passwordHash, password);
    }

    /** An admin request to @p path under /v1/admin/tenants/<tenant>/, answered before this returns. */
    static AdminAnswer adminRequest(QNetworkAccessManager &network, const Setup &s, const QString &tenant,
                                    const QString &path, const QByteArray &token, const QByteArray &method = "GET")
    {
        const QUrl url = s.server->url().resolved(QUrl(QStringLiteral("/v1/admin/tenants/%1/%2").arg(tenant, path)));
        return sendAdminRequest(network, url, token, method, {}, "application/json");
    }

    QUrl passwordUrl(const Setup &s, const QString &tenant) const
    {
        return s.server->url().resolved(QUrl(QStringLiteral("/v1/admin/tenants/%1/users/field/password").arg(tenant)));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_postgres.setUp(QStringLiteral("postgres")), QString());
        auto slow = server::Credentials(server::PasswordCost::Interactive).hashPassword(QStringLiteral("slow"));
        QVERIFY(slow);
        m_slowHash = *slow;
    }

    void otherTenantsAreServedDuringTheHash_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void otherTenantsAreServedDuringTheHash()
    {
        QFETCH(QString, backend);
        Setup s = setUp(backend);
        QVERIFY(s.admin && !s.bravoAdmin.isEmpty());
        const int busy = occupyPasswordThreads(*s.server);
        QVERIFY(busy > 0);
        QNetworkAccessManager network;
        // The operator resets alpha's field user; bravo's admin resets bravo's. Both wait for the password threads.
        auto alphaReset = sendLater(network, passwordUrl(s, s.alpha), s.operatorToken, passwordBody("alpha new"));
        auto bravoReset = sendLater(network, passwordUrl(s, s.bravo), s.bravoAdmin, passwordBody("bravo new"));
        QTRY_VERIFY(hashesQueued(*s.server, busy, 2)); // both passed their checks and wait
        // Meanwhile bravo's admin reads its users and devices: the connection is entered into bravo each time.
        const AdminAnswer users = adminRequest(network, s, s.bravo, QStringLiteral("users"), s.bravoAdmin);
        const AdminAnswer devices = adminRequest(network, s, s.bravo, QStringLiteral("devices"), s.bravoAdmin);
        QCOMPARE(users.status, 200);
        QCOMPARE(users.json().value(QStringLiteral("users")).toArray().size(), 2);
        QCOMPARE(devices.status, 200);
        QVERIFY2(!alphaReset->isFinished() && !bravoReset->isFinished(),
                 "the resets were answered before the other requests ran: nothing was tested");
        QTRY_VERIFY_WITH_TIMEOUT(alphaReset->isFinished() && bravoReset->isFinished(), 30'000);
        QCOMPARE(statusOf(*alphaReset), 204);
        QCOMPARE(statusOf(*bravoReset), 204);
        // Each hash reached its own tenant's user, and only that one.
        QVERIFY(passwordIs(*s.server, s.alpha, QStringLiteral("alpha new")));
        QVERIFY(passwordIs(*s.server, s.bravo, QStringLiteral("bravo new")));
    }

    void anAdminRevokedDuringTheHashIsRefused_data() { otherTenantsAreServedDuringTheHash_data(); }

    void anAdminRevokedDuringTheHashIsRefused()
    {
        QFETCH(QString, backend);
        Setup s = setUp(backend);
        QVERIFY(s.admin && !s.bravoAdmin.isEmpty());
        const int busy = occupyPasswordThreads(*s.server);
        QVERIFY(busy > 0);
        QNetworkAccessManager network;
        auto reset = sendLater(network, passwordUrl(s, s.bravo), s.bravoAdmin, passwordBody("bravo new"));
        // The reset passed its token check and waits for its hash.
        QTRY_VERIFY(hashesQueued(*s.server, busy, 1));
        // The operator revokes the admin's device while the new password is hashed.
        const AdminAnswer devices = adminRequest(network, s, s.bravo, QStringLiteral("devices"), s.operatorToken);
        QCOMPARE(devices.status, 200);
        const QJsonArray list = devices.json().value(QStringLiteral("devices")).toArray();
        QCOMPARE(list.size(), 1);
        const qint64 device = list.first().toObject().value(QStringLiteral("id")).toInteger();
        const AdminAnswer revoked =
            adminRequest(network, s, s.bravo, QStringLiteral("devices/%1/revoke").arg(device), s.operatorToken, "POST");
        QCOMPARE(revoked.status, 204);
        QVERIFY2(!reset->isFinished(), "the reset was answered before the revocation: nothing was tested");
        QTRY_VERIFY_WITH_TIMEOUT(reset->isFinished(), 30'000);
        QCOMPARE(statusOf(*reset), 401);
        QVERIFY(passwordIs(*s.server, s.bravo, QStringLiteral("password one")));
        // The operator's own reset after the same wait goes through.
        QVERIFY(occupyPasswordThreads(*s.server) > 0);
        auto byOperator = sendLater(network, passwordUrl(s, s.bravo), s.operatorToken, passwordBody("by operator"));
        QTRY_VERIFY_WITH_TIMEOUT(byOperator->isFinished(), 30'000);
        QCOMPARE(statusOf(*byOperator), 204);
        QVERIFY(passwordIs(*s.server, s.bravo, QStringLiteral("by operator")));
    }

    void theResetThatArrivedLastWins()
    {
        auto order = std::make_shared<server::LatestRequestWins>();
        auto first = order->begin(QStringLiteral("1/field"));
        auto second = order->begin(QStringLiteral("1/field"));
        auto other = order->begin(QStringLiteral("2/field"));
        QCOMPARE(order->keys(), 2);
        // The second finishes hashing first and writes; the first, finishing after it, must not write.
        QVERIFY(second->mayWrite());
        second->wrote();
        QVERIFY(!first->mayWrite());
        QVERIFY(other->mayWrite()); // another user's reset is not held back
        // In arrival order both write.
        auto third = order->begin(QStringLiteral("1/field"));
        auto fourth = order->begin(QStringLiteral("1/field"));
        QVERIFY(third->mayWrite());
        third->wrote();
        QVERIFY(fourth->mayWrite());
        // A key is forgotten when its last ticket goes.
        first.reset();
        second.reset();
        third.reset();
        QCOMPARE(order->keys(), 2);
        fourth.reset();
        QCOMPARE(order->keys(), 1);
        other.reset();
        QCOMPARE(order->keys(), 0);
        // A ticket that outlives the table (a job dropped at shutdown) does nothing.
        auto late = order->begin(QStringLiteral("1/field"));
        order.reset();
        QVERIFY(!late->mayWrite());
        late->wrote();
        late.reset();
    }
};

QTEST_GUILESS_MAIN(TestAdminHashWait)
#include "tst_adminhashwait.moc"
