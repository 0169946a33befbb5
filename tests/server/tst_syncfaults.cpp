// Every way an answer can go wrong, on every sync endpoint: error statuses (400, 403, 409, 413, 429 with
// Retry-After, 500, 503), a truncated body, an answer lost after the server acted. The client reports each in
// its own words, keeps what it has not had acknowledged, and once the server answers properly again every
// queue drains and the devices converge. One bad change does not sink its batch.
#include "SyncServerKit.h"

#include "sync/protocol/ProtocolCodec.h"

#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;
using sync::TransportReply;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

TransportReply answer(int status, const QByteArray &body = {}, qint64 retryAfterMs = 0)
{
    TransportReply reply;
    reply.status = status;
    reply.body = body;
    reply.retryAfterMs = retryAfterMs;
    return reply;
}

} // namespace

class TestSyncFaults : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_case = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
    }

    void badAnswers_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("afterServer");
        QTest::addColumn<bool>("truncated");
        QTest::addColumn<int>("problem");
        for (const char *path : {"/v1/push", "/v1/pull", "/v1/ack"}) {
            for (int status : {400, 403, 409, 413, 429, 500, 503}) {
                const SyncProblem problem = status == 403   ? SyncProblem::Forbidden
                                            : status == 429 ? SyncProblem::RateLimited
                                                            : SyncProblem::ServerError;
                QTest::addRow("%s %d", path, status)
                    << QString::fromLatin1(path) << status << false << false << int(problem);
            }
            QTest::addRow("%s truncated after the server acted", path)
                << QString::fromLatin1(path) << 200 << true << true << int(SyncProblem::ServerError);
            QTest::addRow("%s 503 after the server acted", path)
                << QString::fromLatin1(path) << 503 << true << false << int(SyncProblem::ServerError);
        }
    }

    void badAnswers()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        QFETCH(bool, afterServer);
        QFETCH(bool, truncated);
        QFETCH(int, problem);
        ++m_case;
        InProcessServer server(m_dir.filePath(QStringLiteral("s%1").arg(m_case)), T0);
        const QString tenant = QStringLiteral("t%1").arg(m_case);
        SyncedDevice a(m_dir.filePath(QStringLiteral("a%1.db").arg(m_case)), T0, server.url(),
                       server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice b(m_dir.filePath(QStringLiteral("b%1.db").arg(m_case)), T0, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        QVERIFY(b.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("from b")}}));
        QCOMPARE(b.syncOnce(), SyncProblem::None); // so a's pull has something to bring
        QVERIFY(a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("from a")}}));

        // The real answer's first half, for the truncated case: a push or pull answer cut mid-message.
        a.transport->replaceAfterServer = afterServer;
        a.transport->replace = [&, path, status, truncated](const QString &p) -> std::optional<TransportReply> {
            if (p != path)
                return std::nullopt;
            if (truncated)
                return answer(200, sync::protocol::encode(sync::protocol::PullResponse{{}, 1, false}).left(5));
            const QByteArray body = sync::protocol::encode(
                sync::protocol::ErrorMessage{sync::protocol::ErrorCode::Unavailable, QStringLiteral("test fault"), 0});
            return answer(status, body, status == 429 || status == 503 ? 7000 : 0);
        };
        QCOMPARE(int(a.syncOnce()), problem);
        if (status == 429)
            QCOMPARE(a.client->status().retryAfterMs, qint64(7000));
        if (path == QLatin1String("/v1/push")) {
            // Not acknowledged: still queued, still counted.
            QCOMPARE(a.state->outbox()->size(), size_t(1));
            QCOMPARE(a.client->status().pending, qint64(2));
        }

        // The server answers properly again: everything drains and both devices agree with the server.
        a.transport->replace = nullptr;
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QVERIFY(a.state->outbox()->empty());
        QCOMPARE(a.client->status().pending, qint64(0));
        QCOMPARE(synctest::count(a.device, "SELECT count(*) FROM contacts"), 2);
        QCOMPARE(synctest::dump(a.device), synctest::dump(b.device));
    }

    void oneBadChangeDoesNotSinkItsBatch()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("bad-item")), T0);
        SyncedDevice a(m_dir.filePath(QStringLiteral("bad-item.db")), T0, server.url(),
                       server.newTenantToken(QStringLiteral("bad"), QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QVERIFY(a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("good")}}));
        auto changes = a.device->changesSince(0);
        QVERIFY(changes && changes->size() == 2);
        sync::Change bad = changes->back();
        bad.table = QStringLiteral("contacts; DROP TABLE sync_rows");
        const std::vector<sync::Change> withBad{changes->front(), bad, changes->back()};
        const QByteArray body = sync::protocol::encode(sync::protocol::PushRequest{a.device->siteId(), 1, 1, withBad});
        TransportReply reply;
        a.http->post(QStringLiteral("/v1/push"), body, a.token, [&](const TransportReply &r) { reply = r; });
        QTRY_VERIFY(reply.status != 0);
        QCOMPARE(reply.status, 200);
        auto response = sync::protocol::decode<sync::protocol::PushResponse>(reply.body);
        QVERIFY2(response, qPrintable(response.message()));
        QCOMPARE(response->results.size(), size_t(3));
        QCOMPARE(response->results[0].outcome, sync::ApplyOutcome::Applied);
        QCOMPARE(response->results[1].outcome, sync::ApplyOutcome::Rejected);
        QVERIFY(response->results[1].reason.contains(QLatin1String("table name")));
        QCOMPARE(response->results[2].outcome, sync::ApplyOutcome::Applied);
        QCOMPARE(response->cursor, qint64(1));
    }
};

QTEST_GUILESS_MAIN(TestSyncFaults)
#include "tst_syncfaults.moc"
