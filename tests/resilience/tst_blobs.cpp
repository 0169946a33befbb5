// Attachments through the real server stack: a blob added on one device reaches another, byte for byte; the same
// content is never sent twice; an upload cut off mid-way resumes where the server stopped; the changes that name
// a blob never reach the server before its content; wrong content, oversized blobs and another tenant's names are
// refused without revealing anything. On embedded SQLite, and on PostgreSQL with FIELDLINE_TEST_BACKEND=postgres.
#include "BlobDevice.h"
#include "FaultProxy.h"
#include "sync/blobs/BlobFetches.h"
#include "sync/blobs/BlobTransfer.h"
#include "sync/protocol/ProtocolCodec.h"
#include "tests/sync/ManualClock.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

using namespace fieldline;
using sync::BlobName;
using sync::BlobOutcome;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

/** One raw request to the server, answered. */
sync::TransportReply request(sync::HttpSyncTransport &http, const sync::TransportRequest &what, const QByteArray &token)
{
    sync::TransportReply reply;
    bool done = false;
    http.send(what, token, [&](const sync::TransportReply &r) {
        reply = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        reply.networkError = QStringLiteral("no answer within 20 s");
    return reply;
}

sync::TransportRequest chunk(const BlobName &name, qint64 offset, qint64 length, const QByteArray &bytes)
{
    return {QByteArrayLiteral("PUT"),
            QStringLiteral("/v1/blobs/%1/upload").arg(QString::fromLatin1(name.hex())),
            bytes,
            QByteArrayLiteral("application/octet-stream"),
            {{"Upload-Offset", QByteArray::number(offset)}, {"Upload-Length", QByteArray::number(length)}}};
}

} // namespace

class TestBlobs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_backend;
    int m_case = 0;

    QString path(const char *name)
    {
        return m_dir.filePath(QStringLiteral("%1-%2").arg(m_case).arg(QLatin1String(name)));
    }

    /** Puts @p bytes at @p start of the tenant's upload of @p name by hand, with no count that explains them. */
    bool insertPart(InProcessServer &server, qint64 tenantId, const BlobName &name, qint64 start,
                    const QByteArray &bytes)
    {
        const bool postgres = m_backend.postgres.has_value();
        auto literal = [postgres](const QByteArray &value) {
            const QString hex = QString::fromLatin1(value.toHex());
            return postgres ? QStringLiteral("'\\x%1'::bytea").arg(hex) : QStringLiteral("x'%1'").arg(hex);
        };
        const QString insert = QStringLiteral("INSERT INTO blob_parts (tenant_id, name, start, data) VALUES "
                                              "(%1, %2, %3, %4)")
                                   .arg(tenantId)
                                   .arg(literal(name.bytes()))
                                   .arg(start)
                                   .arg(literal(bytes));
        return m_backend.runOnStore(server.store->connectionName(), {insert});
    }

    /** A server and two devices (256 KiB chunks) of one new tenant, as most tests start. */
    struct BlobScene
    {
        explicit BlobScene(TestBlobs &test)
            : server(test.path("server"), T0, test.m_backend.postgres)
            , tenant(QStringLiteral("t%1").arg(test.m_case))
            , a(test.path("a.db"), server.url(), server.newTenantToken(tenant, QStringLiteral("u")), 256 << 10)
            , b(test.path("b.db"), server.url(), server.deviceToken(tenant, QStringLiteral("u")), 256 << 10)
        {}
        bool opened() const { return a.opened.isEmpty() && b.opened.isEmpty(); }

        InProcessServer server;
        QString tenant;
        BlobDevice a;
        BlobDevice b;
    };

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_backend.setUp(StoreBackend::fromEnvironment()), QString());
    }

    void init() { ++m_case; }

    void aBlobReachesAnotherDeviceOnceAndIntact()
    {
        BlobScene s(*this);
        QVERIFY(s.opened());
        const QByteArray photo = randomBytes(1'300'000, 1);
        auto name = s.a.local->add(photo);
        QVERIFY(name);
        QVERIFY(s.a.synced.device->insert(QStringLiteral("contacts"),
                                          {{QStringLiteral("name"), QString::fromLatin1(name->hex())}}));
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(s.a.transfer->bytesSent(), qint64(photo.size()));
        QVERIFY(s.a.local->waitingForUpload()->empty());
        QVERIFY(s.server.blobs->state(s.server.tenantId(s.tenant), *name)->complete);

        QCOMPARE(s.b.synced.syncOnce(), SyncProblem::None);
        QVERIFY(s.b.fetch(*name).ok());
        QCOMPARE(s.b.local->content(*name)->value(), photo);
        QCOMPARE(s.b.transfer->bytesReceived(), qint64(photo.size()));
        QVERIFY(s.b.fetch(*name).ok()); // already here: nothing is downloaded again
        QCOMPARE(s.b.transfer->bytesReceived(), qint64(photo.size()));
    }

    void aRestoredServerGetsItsAttachmentsBack()
    {
        // A photo went up with the row that names it, the pull of that round failed, and the store went back to a
        // backup from before: the device is told, and sends the photo again with its rows, so others can open it.
        BlobScene s(*this);
        QVERIFY(s.opened());
        const qint64 tenantId = s.server.tenantId(s.tenant);
        QVERIFY(m_backend.runOnStore(s.server.store->connectionName(), tenantBackup(tenantId, false)));
        const QByteArray photo = randomBytes(600'000, 7);
        auto name = s.a.local->add(photo);
        QVERIFY(name);
        QVERIFY(s.a.synced.device->insert(QStringLiteral("contacts"),
                                          {{QStringLiteral("name"), QString::fromLatin1(name->hex())}}));
        s.a.synced.transport->replace = [](const QString &path) -> std::optional<sync::TransportReply> {
            if (path != QLatin1String("/v1/pull"))
                return std::nullopt;
            sync::TransportReply cut;
            cut.status = 503;
            return cut;
        };
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::ServerError);
        s.a.synced.transport->replace = nullptr;
        QVERIFY(s.server.blobs->state(tenantId, *name)->complete);
        QVERIFY(m_backend.runOnStore(s.server.store->connectionName(), tenantBackup(tenantId, true)));
        QVERIFY(!s.server.blobs->state(tenantId, *name)->complete);

        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None); // told: its writes and attachments go again next round
        QCOMPARE(s.a.local->waitingForUpload()->size(), size_t(1));
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        QVERIFY(s.server.blobs->state(tenantId, *name)->complete);
        QVERIFY(s.a.local->waitingForUpload()->empty());
        QCOMPARE(s.b.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(s.b.synced.device, "SELECT count(*) FROM contacts"), 1);
        QVERIFY(s.b.fetch(*name).ok());
        QCOMPARE(s.b.local->content(*name)->value(), photo);
    }

    void theSameContentIsNotSentTwice()
    {
        BlobScene s(*this);
        QVERIFY(s.opened());
        const QByteArray signature = randomBytes(40'000, 2);
        QVERIFY(s.a.local->add(signature));
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        QVERIFY(s.b.local->add(signature));
        QCOMPARE(s.b.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(s.b.transfer->bytesSent(), qint64(0));
        QVERIFY(s.b.local->waitingForUpload()->empty());
        QCOMPARE(s.server.answered("blob_upload"), qint64(1)); // a's one chunk; b only asked (blob_state)
        QCOMPARE(s.server.answered("blob_state"), qint64(2));
    }

    void aDamagedAttachmentDoesNotHoldBackTheRows()
    {
        // One attachment's content on this device no longer matches its name (a damaged store): it is set aside before
        // its last chunk goes (read and hashed a chunk at a time, it is found out there), so the server never
        // completes it; the other attachment and every row still go up, and it is tried again later, repaired.
        BlobScene s(*this);
        QVERIFY(s.opened());
        const QByteArray photo = randomBytes(300'000, 11);
        const QByteArray damagedPhoto = randomBytes(300'000, 12);
        auto good = s.a.local->add(photo);
        auto damaged = s.a.local->add(damagedPhoto);
        QVERIFY(good && damaged);
        auto replaceContent = [&s, &damaged](const QByteArray &content) {
            auto update = s.a.synced.device->database().prepare("UPDATE sync_blobs SET content = ?1 WHERE name = ?2");
            return update && (*update)->bind(1, content).bind(2, damaged->bytes()).run().ok();
        };
        QVERIFY(replaceContent(randomBytes(300'000, 13)));
        for (const BlobName &name : {*good, *damaged})
            QVERIFY(s.a.synced.device->insert(QStringLiteral("contacts"),
                                              {{QStringLiteral("name"), QString::fromLatin1(name.hex())}}));

        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::Rejected);
        const auto aside = [&s] { return s.a.synced.client->status().attachmentsSetAside; };
        QCOMPARE(aside().count, 1);
        QCOMPARE(aside().reason, sync::SetAsideBlobs::Reason::Damaged);
        QCOMPARE(s.a.synced.client->status().pending, qint64(0));
        QCOMPARE(s.server.answered("blob_upload"), qint64(3)); // the good one's two chunks, the damaged one's first
        const qint64 tenantId = s.server.tenantId(s.tenant);
        QVERIFY(s.server.blobs->state(tenantId, *good)->complete);
        QVERIFY(!s.server.blobs->state(tenantId, *damaged)->complete);
        QCOMPARE(s.b.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(s.b.synced.device, "SELECT count(*) FROM contacts"), 2);
        QVERIFY(s.b.fetch(*good).ok());
        QCOMPARE(s.b.fetch(*damaged).reply.status, 404); // not there yet

        // Set aside: the next rounds neither try it nor count it as waiting (which would start round after round),
        // and say so.
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::Rejected);
        QCOMPARE(aside().count, 1);
        QVERIFY(s.a.transfer->waiting()->empty());
        QCOMPARE(s.a.local->waitingForUpload()->size(), size_t(1));
        QVERIFY(!s.a.synced.client->status().running);
        QCOMPARE(s.server.answered("blob_state"), qint64(2)); // asked about once, in the first round

        // Once the wait is over it is tried again: repaired meanwhile, it goes up and opens on the other device.
        QVERIFY(replaceContent(damagedPhoto));
        s.a.synced.device.clock.advance(sync::SetAsideBlobs::RetryMs);
        s.server.clock.advance(sync::SetAsideBlobs::RetryMs);
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(aside().count, 0);
        // Its last chunk, onto the damaged first part the server held: the whole does not match, the server discards
        // it (400), and the two chunks go again from the start.
        QCOMPARE(s.server.answered("blob_upload"), qint64(6));
        QCOMPARE(s.server.answered("blob_upload", 400), qint64(1));
        QVERIFY(s.server.blobs->state(tenantId, *damaged)->complete);
        QVERIFY(s.a.local->waitingForUpload()->empty());
        QVERIFY(s.b.fetch(*damaged).ok());
        QCOMPARE(s.b.local->content(*damaged)->value(), damagedPhoto);
    }

    void anUploadTheServerDiscardedIsSentOnceMoreFromTheStart()
    {
        // The server holds the first 400 bytes and a part at 400 that no count explains (a store put back by hand):
        // the device's chunk there is answered 400 with the upload discarded, and the device sends the whole again.
        BlobScene s(*this);
        QVERIFY(s.opened());
        const QByteArray content = randomBytes(1000, 15);
        const BlobName name = BlobName::of(content);
        const qint64 tenantId = s.server.tenantId(s.tenant);
        QCOMPARE(s.server.blobs->append(tenantId, name, 0, 1000, content.left(400))->outcome,
                 server::BlobStore::Appended::Stored);
        QVERIFY(insertPart(s.server, tenantId, name, 400, content.mid(400)));
        QVERIFY(s.a.local->add(content));
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("blob_upload", 400), qint64(1));
        QCOMPARE(s.a.synced.client->status().attachmentsSetAside.count, 0);
        QVERIFY(s.server.blobs->state(tenantId, name)->complete);
        QVERIFY(s.a.local->waitingForUpload()->empty());
        QCOMPARE(s.server.blobs->read(tenantId, name, 0, 1000)->value().bytes, content);
    }

    void aDownloadThatFailedArrivesWhenTriedAgain()
    {
        // A form opened on b before a's photo went up: the download fails (404), waits longer after each failure,
        // and arrives on a retry after a's round. Two screens asking at once share one download.
        BlobScene s(*this);
        QVERIFY(s.opened());
        const QByteArray photo = randomBytes(700'000, 14);
        auto name = s.a.local->add(photo);
        QVERIFY(name);
        sync::BlobFetches fetches(*s.b.transfer, s.b.synced.device.clock);
        int arrived = 0;
        fetches.fetch(*name, s.b.synced.token, [&arrived] { ++arrived; });
        QVERIFY(QTest::qWaitFor([&] { return fetches.inFlight() == 0; }, 20000));
        QCOMPARE(fetches.waiting(), size_t(1));
        QCOMPARE(arrived, 0);
        fetches.retry(s.b.synced.token); // too soon: not asked again
        QCOMPARE(fetches.inFlight(), size_t(0));
        QCOMPARE(s.server.answered("blob_download"), qint64(1));
        ManualClock &clock = s.b.synced.device.clock;
        clock.advance(sync::BlobFetches::FirstWaitMs);
        fetches.retry(s.b.synced.token); // still not there: waits twice as long
        QCOMPARE(fetches.inFlight(), size_t(1));
        QVERIFY(QTest::qWaitFor([&] { return fetches.inFlight() == 0; }, 20000));
        QCOMPARE(fetches.waiting(), size_t(1));
        QCOMPARE(s.server.answered("blob_download", 404), qint64(2));
        clock.advance(sync::BlobFetches::FirstWaitMs);
        fetches.retry(s.b.synced.token);
        QCOMPARE(fetches.inFlight(), size_t(0));

        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        clock.advance(sync::BlobFetches::FirstWaitMs);
        fetches.retry(s.b.synced.token);
        fetches.fetch(*name, s.b.synced.token, [&arrived] { ++arrived; }); // a second screen, while it downloads
        QCOMPARE(fetches.inFlight(), size_t(1));
        QVERIFY(QTest::qWaitFor([&] { return arrived == 2; }, 20000));
        QCOMPARE(fetches.waiting(), size_t(0));
        QCOMPARE(s.b.transfer->bytesReceived(), qint64(photo.size()));
        QCOMPARE(s.b.local->content(*name)->value(), photo);
        fetches.fetch(*name, s.b.synced.token, [&arrived] { ++arrived; }); // here already: at once
        QCOMPARE(arrived, 3);
    }

    void aDownloadIsTriedAgainOnlyWhenTheStoreMayTakeItLater()
    {
        // b's disk is full when a's photo arrives: the download waits and arrives once there is room. A store that is
        // broken (here its attachments table is gone) does not come right by waiting: given up at once.
        BlobScene s(*this);
        QVERIFY(s.opened());
        const QByteArray photo = randomBytes(400'000, 15);
        auto name = s.a.local->add(photo);
        QVERIFY(name);
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        storage::Database &db = s.b.synced.device->database();
        auto pages = db.queryInt("PRAGMA page_count");
        QVERIFY(pages);
        const QByteArray full = "PRAGMA max_page_count=" + QByteArray::number(*pages); // no room left
        QVERIFY(db.exec(full.constData()));
        sync::BlobFetches fetches(*s.b.transfer, s.b.synced.device.clock);
        int arrived = 0;
        fetches.fetch(*name, s.b.synced.token, [&arrived] { ++arrived; });
        QVERIFY(QTest::qWaitFor([&] { return fetches.inFlight() == 0; }, 20000));
        QCOMPARE(fetches.waiting(), size_t(1));
        QCOMPARE(arrived, 0);
        QCOMPARE(s.b.transfer->bytesReceived(), qint64(photo.size())); // it came, and found no room
        QVERIFY(db.exec("PRAGMA max_page_count=1000000"));
        s.b.synced.device.clock.advance(sync::BlobFetches::FirstWaitMs);
        fetches.retry(s.b.synced.token);
        QVERIFY(QTest::qWaitFor([&] { return arrived == 1; }, 20000));
        QCOMPARE(fetches.waiting(), size_t(0));
        QCOMPARE(s.b.local->content(*name)->value(), photo);

        // Content that is not what its name says is the caller's mistake, not a failing store: given up as such.
        QCOMPARE(s.b.local->addDownloaded(*name, photo.left(10)).code(), storage::ErrorCode::Invalid);

        auto later = s.a.local->add(randomBytes(1000, 16));
        QVERIFY(later);
        QCOMPARE(s.a.synced.syncOnce(), SyncProblem::None);
        QVERIFY(db.exec("DROP TABLE sync_blobs"));
        const qint64 asked = s.server.answered("blob_download");
        fetches.fetch(*later, s.b.synced.token, [&arrived] { ++arrived; });
        QCOMPARE(fetches.inFlight(), size_t(0));
        QCOMPARE(fetches.waiting(), size_t(0));
        s.b.synced.device.clock.advance(sync::BlobFetches::MaxWaitMs);
        fetches.retry(s.b.synced.token);
        QCOMPARE(fetches.inFlight(), size_t(0));
        QCOMPARE(s.server.answered("blob_download"), asked);
        QCOMPARE(arrived, 1);
    }

    void aCutUploadResumesWhereTheServerStopped()
    {
        InProcessServer server(path("server"), T0, m_backend.postgres);
        const QString tenant = QStringLiteral("t%1").arg(m_case);
        FaultProxy proxy(server.port);
        QVERIFY(proxy.listen());
        const QUrl viaProxy(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()));
        constexpr qint64 Chunk = 64 << 10;
        BlobDevice a(path("a.db"), viaProxy, server.newTenantToken(tenant, QStringLiteral("u")), Chunk);
        QCOMPARE(a.opened, QString());
        const QByteArray pdf = randomBytes(300'000, 3);
        auto name = a.local->add(pdf);
        QVERIFY(name);
        QVERIFY(a.synced.device->insert(QStringLiteral("contacts"),
                                        {{QStringLiteral("name"), QString::fromLatin1(name->hex())}}));

        // The connection is reset after about two and a half chunks have gone up.
        proxy.setMode(FaultProxy::Mode::CutRequest, int(2.5 * Chunk));
        QCOMPARE(a.synced.syncOnce(), SyncProblem::Offline);
        auto held = server.blobs->state(server.tenantId(tenant), *name);
        QVERIFY(held);
        QCOMPARE(held->received, 2 * Chunk);
        QVERIFY(!held->complete);
        // The change that names the blob stayed on the device: no device may learn a name before its content.
        QCOMPARE(*server.sync->cursor(server.tenantId(tenant)), qint64(0));

        proxy.setMode(FaultProxy::Mode::Pass);
        const qint64 sentBefore = a.transfer->bytesSent();
        QCOMPARE(a.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(a.transfer->bytesSent() - sentBefore, pdf.size() - 2 * Chunk); // only the rest went up
        QVERIFY(server.blobs->state(server.tenantId(tenant), *name)->complete);
        QVERIFY(*server.sync->cursor(server.tenantId(tenant)) > 0);
        qInfo("resumed upload: %lld bytes before the cut, %lld after", sentBefore,
              a.transfer->bytesSent() - sentBefore);
    }

    void anAbandonedUploadIsForgottenAndStartsAgain()
    {
        // Half an upload, then nothing for a week: the hourly sweep forgets it (a store filling with partial
        // uploads nobody finishes would otherwise only grow). A complete blob stays; the device starts again from 0.
        InProcessServer server(path("server"), T0, m_backend.postgres);
        const QString tenant = QStringLiteral("t%1").arg(m_case);
        FaultProxy proxy(server.port);
        QVERIFY(proxy.listen());
        constexpr qint64 Chunk = 64 << 10;
        BlobDevice a(path("a.db"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port())),
                     server.newTenantToken(tenant, QStringLiteral("u")), Chunk);
        QCOMPARE(a.opened, QString());
        const qint64 tenantId = server.tenantId(tenant);
        const QByteArray photo = randomBytes(300'000, 5);
        auto name = a.local->add(photo);
        QVERIFY(name);
        QVERIFY(a.synced.device->insert(QStringLiteral("contacts"),
                                        {{QStringLiteral("name"), QString::fromLatin1(name->hex())}}));
        proxy.setMode(FaultProxy::Mode::CutRequest, int(2.5 * Chunk));
        QCOMPARE(a.synced.syncOnce(), SyncProblem::Offline);
        QCOMPARE(server.blobs->state(tenantId, *name)->received, 2 * Chunk);
        const QByteArray note = randomBytes(1000, 6);
        const BlobName whole = BlobName::of(note);
        QVERIFY(server.blobs->append(tenantId, whole, 0, note.size(), note));
        QVERIFY(server.blobs->state(tenantId, whole)->complete);

        server.clock.advance(server::BlobStore::AbandonedAfterMs - 1000);
        QCOMPARE(*server.blobs->forgetAbandoned(tenantId), qint64(0)); // idle for less than a week
        server.clock.advance(2000);
        QCOMPARE(*server.blobs->forgetAbandoned(tenantId), qint64(1));
        QCOMPARE(server.blobs->state(tenantId, *name)->received, qint64(0));
        QVERIFY(server.blobs->state(tenantId, whole)->complete);

        proxy.setMode(FaultProxy::Mode::Pass);
        const qint64 sentBefore = a.transfer->bytesSent();
        QCOMPARE(a.synced.syncOnce(), SyncProblem::None);
        QCOMPARE(a.transfer->bytesSent() - sentBefore, qint64(photo.size())); // from the start again
        QVERIFY(server.blobs->state(tenantId, *name)->complete);
    }

    void anUploadAnswerThatSaysNothingEndsTheRound()
    {
        // Something between device and server that answers 200 and drops the upload headers (Upload-Offset,
        // Blob-Complete): the round must end with a problem, not wait for ever.
        QTcpServer bare;
        QVERIFY(bare.listen(QHostAddress::LocalHost));
        connect(&bare, &QTcpServer::newConnection, &bare, [&bare] {
            while (QTcpSocket *socket = bare.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        BlobDevice a(path("a.db"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bare.serverPort())), "1.token",
                     64 << 10);
        QCOMPARE(a.opened, QString());
        QVERIFY(a.local->add(randomBytes(10'000, 4)));
        QCOMPARE(a.synced.syncOnce(), SyncProblem::ServerError);
        QVERIFY(!a.synced.client->status().running);
        QVERIFY(!a.local->waitingForUpload()->empty()); // still to go up, next round
    }

    void aBlobTheServerRefusesTwiceIsSetAside()
    {
        // A server that holds part of the blob and discards the upload on every chunk (its CBOR 400 with
        // Upload-Offset 0): the device sends the whole once more from the start, then sets the blob aside with the
        // server's words. The rest of the round (its pull, answered 503 here) goes on without it.
        const QByteArray refusal = sync::protocol::encode(
            sync::protocol::ErrorMessage{sync::protocol::ErrorCode::Invalid, QStringLiteral("Not this one."), 0});
        QList<qint64> putOffsets;
        QTcpServer bare;
        QVERIFY(bare.listen(QHostAddress::LocalHost));
        connect(&bare, &QTcpServer::newConnection, &bare, [&] {
            while (QTcpSocket *socket = bare.nextPendingConnection()) {
                auto received = std::make_shared<QByteArray>();
                connect(socket, &QTcpSocket::readyRead, socket, [&, socket, received] {
                    *received += socket->readAll();
                    const qsizetype end = received->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    static const QRegularExpression length(QStringLiteral("(?i)content-length: *(\\d+)"));
                    static const QRegularExpression offset(QStringLiteral("(?i)upload-offset: *(\\d+)"));
                    const QString head = QString::fromLatin1(received->left(end));
                    const auto match = length.match(head);
                    if (received->size() < end + 4 + (match.hasMatch() ? match.captured(1).toLongLong() : 0))
                        return; // the rest of the body is still coming
                    QByteArray answer;
                    if (received->startsWith("GET ")) {
                        answer = "HTTP/1.1 200 OK\r\nUpload-Offset: 4096\r\nUpload-Length: 10000\r\n"
                                 "Blob-Complete: 0\r\nContent-Length: 0\r\n";
                    } else if (received->startsWith("PUT ")) {
                        putOffsets.append(offset.match(head).captured(1).toLongLong());
                        answer = "HTTP/1.1 400 Bad Request\r\nUpload-Offset: 0\r\nContent-Type: application/cbor\r\n"
                                 "Content-Length: " +
                                 QByteArray::number(refusal.size()) + "\r\n";
                    } else {
                        answer = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n";
                    }
                    const QByteArray body = received->startsWith("PUT ") ? refusal : QByteArray();
                    const QByteArray whole = answer + "Connection: close\r\n\r\n" + body;
                    socket->write(whole);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        BlobDevice a(path("a.db"), QUrl(QStringLiteral("http://127.0.0.1:%1").arg(bare.serverPort())), "1.token",
                     64 << 10);
        QCOMPARE(a.opened, QString());
        QVERIFY(a.local->add(randomBytes(10'000, 16)));
        QCOMPARE(a.synced.syncOnce(), SyncProblem::ServerError); // the pull's 503, after the upload
        QCOMPARE(putOffsets, (QList<qint64>{4096, 0}));          // where the server stood, then the whole again
        const sync::SetAsideBlobs::Summary aside = a.transfer->setAsideSummary();
        QCOMPARE(aside.count, 1);
        QCOMPARE(aside.reason, sync::SetAsideBlobs::Reason::Refused);
        QCOMPARE(aside.serverWords, QStringLiteral("Not this one."));
        QVERIFY(a.transfer->waiting()->empty());
        a.synced.device.clock.advance(sync::SetAsideBlobs::RetryMs);
        QCOMPARE(a.transfer->waiting()->size(), size_t(1)); // its wait is over
    }

    void eachSetAsideBlobKeepsItsOwnReason()
    {
        ManualClock clock;
        sync::SetAsideBlobs aside(clock);
        const BlobName missing = BlobName::of("gone");
        const BlobName refused = BlobName::of("refused");
        aside.add(missing, sync::SetAsideBlobs::Reason::Missing);
        clock.advance(60'000);
        aside.add(refused, sync::SetAsideBlobs::Reason::Refused, QStringLiteral("Not this one."));
        sync::SetAsideBlobs::Summary summary = aside.summary();
        QCOMPARE(summary.count, 2);
        QCOMPARE(summary.reason, sync::SetAsideBlobs::Reason::Refused); // the newest
        QCOMPARE(summary.serverWords, QStringLiteral("Not this one."));
        QVERIFY(!summary.oneReason);

        std::vector<BlobName> waiting{missing}; // the refused one was uploaded since (another device had it)
        aside.filter(waiting);
        QVERIFY(waiting.empty());
        summary = aside.summary();
        QCOMPARE(summary.count, 1);
        QCOMPARE(summary.reason, sync::SetAsideBlobs::Reason::Missing);
        QVERIFY(summary.serverWords.isEmpty());
        QVERIFY(summary.oneReason);

        clock.advance(sync::SetAsideBlobs::RetryMs - 60'000); // its 15 minutes are over
        waiting = {missing};
        aside.filter(waiting);
        QCOMPARE(waiting.size(), size_t(1));
        QCOMPARE(aside.summary().count, 0);
    }

    void aPartAlreadyAtTheOffsetIsNeverAServerError()
    {
        // Two instances on one PostgreSQL (or a retry that overtook its first try) both read "400 received" and both
        // store the chunk at 400: the second finds the part there. That was a 500; now the device is told where the
        // upload stands (409 with the other request's count). The race cannot be timed from here, so the part is
        // put there by hand without a count that explains it (a store put back by hand): that upload starts again
        // rather than sending the device back to 400 for ever, and then completes intact.
        InProcessServer server(path("server"), T0, m_backend.postgres);
        const QString tenant = QStringLiteral("t%1").arg(m_case);
        server.newTenantToken(tenant, QStringLiteral("u"));
        const qint64 tenantId = server.tenantId(tenant);
        const QByteArray content = randomBytes(1000, 8);
        const BlobName name = BlobName::of(content);
        QCOMPARE(server.blobs->append(tenantId, name, 0, 1000, content.left(400))->outcome,
                 server::BlobStore::Appended::Stored);
        // The first instance's part, committed after the second read the state (the count is still 400 here).
        QVERIFY(insertPart(server, tenantId, name, 400, content.mid(400)));
        auto orphan = server.blobs->append(tenantId, name, 400, 1000, content.mid(400));
        QVERIFY2(orphan, qPrintable(orphan.message()));
        QCOMPARE(orphan->outcome, server::BlobStore::Appended::WrongContent);
        QCOMPARE(server.blobs->state(tenantId, name)->received, qint64(0));

        QCOMPARE(server.blobs->append(tenantId, name, 0, 1000, content.left(400))->outcome,
                 server::BlobStore::Appended::Stored);
        QCOMPARE(server.blobs->append(tenantId, name, 400, 1000, content.mid(400))->outcome,
                 server::BlobStore::Appended::Complete);
        QCOMPARE(server.blobs->read(tenantId, name, 0, 1000)->value().bytes, content);
    }

    void wrongContentOversizeAndOtherTenantsAreRefused()
    {
        InProcessServer server(path("server"), T0, m_backend.postgres);
        const QByteArray tokenA = server.newTenantToken(QStringLiteral("a%1").arg(m_case), QStringLiteral("u"));
        const QByteArray tokenB = server.newTenantToken(QStringLiteral("b%1").arg(m_case), QStringLiteral("u"));
        sync::HttpSyncTransport http(server.url());
        const QByteArray content = randomBytes(1000, 4);
        const BlobName name = BlobName::of(content);

        // Content that is not what its name says is discarded, and the upload starts again from zero.
        const QByteArray other = randomBytes(1000, 5);
        auto refused = request(http, chunk(name, 0, 1000, other), tokenA);
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.header("Upload-Offset"), QByteArray("0"));
        QVERIFY(!server.blobs->state(server.tenantId(QStringLiteral("a%1").arg(m_case)), name)->complete);

        // A chunk that does not start where the server is gets 409 and the server's offset.
        QCOMPARE(request(http, chunk(name, 0, 1000, content.left(400)), tokenA).status, 200);
        auto conflict = request(http, chunk(name, 100, 1000, content.mid(100, 300)), tokenA);
        QCOMPARE(conflict.status, 409);
        QCOMPARE(conflict.header("Upload-Offset"), QByteArray("400"));
        auto finished = request(http, chunk(name, 400, 1000, content.mid(400)), tokenA);
        QCOMPARE(finished.status, 200);
        QCOMPARE(finished.header("Blob-Complete"), QByteArray("1"));

        // Ranges of it, for tenant A only.
        sync::TransportRequest get{QByteArrayLiteral("GET"),
                                   QStringLiteral("/v1/blobs/%1").arg(QString::fromLatin1(name.hex())),
                                   {},
                                   {},
                                   {{"Range", "bytes=10-19"}}};
        auto part = request(http, get, tokenA);
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, content.mid(10, 10));
        QCOMPARE(part.header("Content-Range"), QByteArray("bytes 10-19/1000"));
        // Ends and starts near 2^63: the whole blob, and a range past its end.
        get.headers = {{"Range", "bytes=0-9223372036854775807"}};
        auto open = request(http, get, tokenA);
        QCOMPARE(open.status, 200);
        QCOMPARE(open.body, content);
        get.headers = {{"Range", "bytes=9223372036854775806-9223372036854775807"}};
        QCOMPARE(request(http, get, tokenA).status, 416);
        get.headers = {{"Range", "bytes=10-19"}};
        QCOMPARE(request(http, get, tokenB).status, 404);
        sync::TransportRequest state{QByteArrayLiteral("GET"),
                                     QStringLiteral("/v1/blobs/%1/upload").arg(QString::fromLatin1(name.hex())),
                                     {},
                                     {},
                                     {}};
        auto seenByB = request(http, state, tokenB);
        QCOMPARE(seenByB.status, 200);
        QCOMPARE(seenByB.header("Blob-Complete"), QByteArray("0")); // B learns nothing of A's blob
        QCOMPARE(seenByB.header("Upload-Offset"), QByteArray("0"));

        // Limits: an empty attachment, a declared size over 64 MiB, a chunk over the body limit, a malformed name, no
        // token.
        QCOMPARE(request(http, chunk(name, 0, 0, QByteArray()), tokenB).status, 400);
        QCOMPARE(request(http, chunk(name, 0, BlobName::MaxBlobBytes + 1, content), tokenB).status, 413);
        QCOMPARE(request(http, chunk(name, 0, 4 << 20, QByteArray(2 << 20, 'x')), tokenB).status, 413);
        sync::TransportRequest badName = get;
        badName.path = QStringLiteral("/v1/blobs/NOT-A-NAME");
        QCOMPARE(request(http, badName, tokenA).status, 404);
        QCOMPARE(request(http, get, QByteArray()).status, 401);
    }
};

QTEST_GUILESS_MAIN(TestBlobs)
#include "tst_blobs.moc"
