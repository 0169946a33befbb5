// Sync through the real server stack on loopback: devices push and pull over HTTP with CBOR, the server merges
// and keeps the tenant's rows, and every device plus a fresh one that pulls everything end with byte-identical
// canonical dumps. Answers are lost after the server acted, devices are closed and reopened mid-way, and one
// tenant's token never reaches another tenant's rows.
//
// FIELDLINE_SERVER_SEEDS=N runs seeds 1..N of the property test (default 200); FIELDLINE_SERVER_SEED=S replays one.
// FIELDLINE_TEST_BACKEND=postgres runs every scenario against a throwaway PostgreSQL cluster instead of SQLite
// (CTest's tst_syncserver_postgres, with 30 seeds).
#include "SyncServerKit.h"
#include "server/TenantSweeper.h"
#include "sync/HybridLogicalClock.h"

#include "sync/protocol/ProtocolCodec.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <random>

using namespace fieldline;
using sync::SyncProblem;

class TestSyncServer : public QObject, protected ServerScenarios
{
    Q_OBJECT

private slots:
    void initTestCase() { QCOMPARE(setUp(), QString()); }

    void twoDevicesConvergeThroughTheServer()
    {
        InProcessServer server(path(QStringLiteral("s1")), T0, m_backend.postgres);
        QVERIFY(server.port != 0);
        const QString tenant = nextTenant();
        const QByteArray tokenA = server.newTenantToken(tenant, QStringLiteral("u"));
        QVERIFY(!tokenA.isEmpty());
        SyncedDevice a(path(QStringLiteral("a1.db")), T0, server.url(), tokenA);
        SyncedDevice b(path(QStringLiteral("b1.db")), T0 + 1000, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());

        auto row = a.device->insert(QStringLiteral("contacts"), contact("Ada", 1));
        QVERIFY(row);
        a.client->refreshPending();
        QCOMPARE(a.client->status().pending, qint64(3)); // the row record and two cells
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(a.client->status().pending, qint64(0));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(b.device, QStringLiteral("contacts"), *row, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("Ada")));

        // Concurrent edits of different cells of one row, and a delete racing an edit elsewhere.
        QVERIFY(a.device->update(QStringLiteral("contacts"), *row,
                                 {{QStringLiteral("phone"), QStringLiteral("+49 30 1")}}));
        QVERIFY(b.device->update(QStringLiteral("contacts"), *row, {{QStringLiteral("qty"), qint64(7)}}));
        auto second = b.device->insert(QStringLiteral("contacts"), contact("Bob", 2));
        QVERIFY(second);
        QVERIFY(b.device->remove(QStringLiteral("contacts"), *second));
        for (SyncedDevice *d : {&a, &b, &a})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::dump(a.device), synctest::dump(b.device));
        QCOMPARE(synctest::visible(a.device, QStringLiteral("contacts"), *row, QStringLiteral("qty")),
                 std::optional<sync::Value>(qint64(7)));
        QCOMPARE(synctest::count(a.device, "SELECT count(*) FROM contacts"), 1);
        QCOMPARE(serverImage(server, tenant, QStringLiteral("fresh1.db")), synctest::dump(a.device));
    }

    // A device applies each pulled page in pieces with its event loop running between them (the app's UI thread stays
    // responsive): rows show up part of a page at a time, the next page's answer waits for the page being applied,
    // and the device ends with everything, in order.
    void pagesAreAppliedInPiecesAndInOrder()
    {
        InProcessServer server(path(QStringLiteral("s17")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice a(path(QStringLiteral("a17.db")), T0, server.url(),
                       server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice b(path(QStringLiteral("b17.db")), T0, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        b.clientOptions.pullLimit = 300;       // 100 rows of 3 changes a page
        b.clientOptions.applyPieceChanges = 3; // a row a piece
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        constexpr int Rows = 600;
        {
            storage::Transaction tx(a.device->database());
            for (int i = 0; i < Rows; ++i)
                QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("row", i)));
            QVERIFY(tx.commit());
        }
        QCOMPARE(a.syncOnce(), SyncProblem::None);

        // Sampled between pieces: the rows present never go down, and never fall behind the cursor kept (one server
        // sequence number a row here), which moves only once a whole page is in.
        std::vector<int> counts;
        bool behind = false;
        QTimer sample;
        QObject::connect(&sample, &QTimer::timeout, [&] {
            counts.push_back(synctest::count(b.device, "SELECT count(*) FROM contacts"));
            storage::Result<qint64> cursor = b.state->pullCursor();
            behind = behind || !cursor || *cursor > counts.back();
        });
        sample.start(0);
        QCOMPARE(b.syncOnce(60'000), SyncProblem::None);
        sample.stop();
        QVERIFY2(std::any_of(counts.begin(), counts.end(), [](int n) { return n % 100 != 0; }),
                 "every count seen was a whole number of pages: no page was applied in pieces");
        QVERIFY(std::is_sorted(counts.begin(), counts.end()));
        QVERIFY2(!behind, "the cursor was kept before its page was applied");
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM contacts"), Rows);
        QCOMPARE(synctest::dump(b.device), synctest::dump(a.device));
    }

    void aLostAnswerIsResentAndChangesNothingTwice()
    {
        InProcessServer server(path(QStringLiteral("s2")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice a(path(QStringLiteral("a2.db")), T0, server.url(),
                       server.newTenantToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        for (int i = 0; i < 5; ++i)
            QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("row", i)));
        // The server stores the batch, but its answer never arrives.
        a.transport->loseAnswer = [](const QString &p) { return p == QLatin1String("/v1/push"); };
        QCOMPARE(a.syncOnce(), SyncProblem::Offline);
        QCOMPARE(a.transport->lost, 1);
        auto outbox = a.state->outbox();
        QVERIFY(outbox);
        QCOMPARE(outbox->size(), size_t(1));
        const QByteArray sentBytes = outbox->front().second;
        auto cursorAfterFirst = server.sync->cursor(*server.store->tenantId(tenant).value());
        QVERIFY(cursorAfterFirst);
        QCOMPARE(*cursorAfterFirst, qint64(5));

        // A restart in between: the outbox is in the encrypted store, not in memory.
        QCOMPARE(a.open(), QString());
        QVERIFY(a.device->update(QStringLiteral("contacts"), a.device->rows(QStringLiteral("contacts"))->front().first,
                                 {{QStringLiteral("qty"), qint64(99)}}));
        outbox = a.state->outbox();
        QCOMPARE(outbox->front().second, sentBytes); // resent byte for byte, later writes wait for the next batch
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        // The replayed batch moved nothing; the later write took exactly one more sequence number.
        auto cursorAfterAll = server.sync->cursor(*server.store->tenantId(tenant).value());
        QCOMPARE(*cursorAfterAll, qint64(6));
        QVERIFY(a.state->outbox()->empty());
        QCOMPARE(serverImage(server, tenant, QStringLiteral("fresh2.db")), synctest::dump(a.device));
    }

    void aRefusedTokenAsksForLoginAndKeepsChanges()
    {
        InProcessServer server(path(QStringLiteral("s3")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        server.newTenantToken(tenant, QStringLiteral("u"));
        SyncedDevice a(path(QStringLiteral("a3.db")), T0, server.url(), QByteArray("1.not-a-real-token"));
        QCOMPARE(a.open(), QString());
        QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("kept", 1)));
        QCOMPARE(a.syncOnce(), SyncProblem::NotLoggedIn);
        QVERIFY(!a.state->account()->isValid());
        a.client->refreshPending();
        QCOMPARE(a.client->status().pending, qint64(3));
        // Nothing is lost: after a new login the same changes go up.
        auto account = *a.state->account();
        account.token = server.deviceToken(tenant, QStringLiteral("u"));
        QVERIFY(a.state->saveAccount(account));
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(serverImage(server, tenant, QStringLiteral("fresh3.db")), synctest::dump(a.device));
    }

    void tenantsNeverSeeEachOther()
    {
        InProcessServer server(path(QStringLiteral("s4")), T0, m_backend.postgres);
        const QString tenantA = nextTenant();
        const QString tenantB = nextTenant();
        SyncedDevice a(path(QStringLiteral("a4.db")), T0, server.url(),
                       server.newTenantToken(tenantA, QStringLiteral("u")));
        SyncedDevice b(path(QStringLiteral("b4.db")), T0, server.url(),
                       server.newTenantToken(tenantB, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        auto secret = a.device->insert(QStringLiteral("contacts"), contact("tenant A only", 1));
        QVERIFY(secret);
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM contacts"), 0);
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM crdt_rows"), 0);
        // B writes the very same row id in its own tenant: A's row is untouched.
        QVERIFY(b.device->insert(QStringLiteral("contacts"), *secret, contact("tenant B", 2)));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(a.device, QStringLiteral("contacts"), *secret, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("tenant A only")));
    }

    void longTextsGoUpInBatchesUnderTheBodyLimit()
    {
        // 200 rows of 12 KB of UTF-8 each, written offline: 600 changes, one count-sized batch of 2.4 MB, which the
        // server's 1 MiB body limit would refuse on every try, holding back everything written after it.
        InProcessServer server(path(QStringLiteral("s12")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice a(path(QStringLiteral("a12.db")), T0, server.url(),
                       server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice b(path(QStringLiteral("b12.db")), T0, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        const QString report = QString(4000, QChar(0x4E2D));
        for (int i = 0; i < 200; ++i)
            QVERIFY(a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), report + QString::number(i)},
                                                                  {QStringLiteral("qty"), i}}));
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(a.client->status().pending, qint64(0));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM contacts"), 200);
        QCOMPARE(synctest::dump(b.device), synctest::dump(a.device));
    }

    void theLargestValueADeviceMayWriteReachesItsColleagues()
    {
        // 512 KiB of UTF-8 in one cell: with its row and a smaller row beside it, the push still fits the 1 MiB body.
        InProcessServer server(path(QStringLiteral("s16")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice a(path(QStringLiteral("a16.db")), T0, server.url(),
                       server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice b(path(QStringLiteral("b16.db")), T0, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        const QString largest = QString(sync::MaxWrittenValueBytes / 3, QChar(0x4E2D)) + QStringLiteral("a");
        QCOMPARE(sync::valueBytes(largest), sync::MaxWrittenValueBytes - 1);
        QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("Ada", 1)));
        QVERIFY(a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), largest}}));
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(a.client->status().pending, qint64(0));
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(b.device, "SELECT count(*) FROM contacts"), 2);
        QCOMPARE(synctest::dump(b.device), synctest::dump(a.device));
    }

    void aTokenCannotWriteAsAnotherSite()
    {
        InProcessServer server(path(QStringLiteral("s5")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        const QByteArray token = server.newTenantToken(tenant, QStringLiteral("u"));
        SyncedDevice a(path(QStringLiteral("a5.db")), T0, server.url(), token);
        SyncedDevice b(path(QStringLiteral("b5.db")), T0, server.url(), token); // the same token on another device
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("a", 1)));
        QVERIFY(b.device->insert(QStringLiteral("contacts"), contact("b", 1)));
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(b.syncOnce(), SyncProblem::Forbidden);
        QVERIFY(b.client->status().detail.contains(QLatin1String("another site")));
    }

    // A site belongs to one user's device: another user's device is refused it while that device is active, and may
    // take it once that device is revoked (the computer passed on to a colleague, its old token revoked first).
    void aSiteHeldOnlyByARevokedDeviceMayBeTaken()
    {
        InProcessServer server(path(QStringLiteral("s-site")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        const QByteArray first = server.newTenantToken(tenant, QStringLiteral("u"));
        const qint64 tenantId = server.tenantId(tenant);
        auto hash = server.credentials.hashPassword(QStringLiteral("another password"));
        QVERIFY(hash);
        auto colleague = server.store->createUser(tenantId, QStringLiteral("v"), *hash, server::Role::Field);
        QVERIFY(colleague);
        auto second = server.store->issueDeviceToken(tenantId, *colleague, QStringLiteral("colleague"));
        QVERIFY(second);
        auto owner = server.store->authenticate(first);
        auto taker = server.store->authenticate(*second);
        QVERIFY(owner && *owner && taker && *taker);
        const sync::SiteId site = sync::SiteId::generate();

        auto bound = server.sync->bindSite(**owner, site);
        QVERIFY(bound && !*bound);
        auto refused = server.sync->bindSite(**taker, site);
        QVERIFY(refused);
        QCOMPARE(refused->value_or(QString()), QStringLiteral("Another user's device already writes as this site."));

        QVERIFY(server.store->revokeDevice(tenantId, (*owner)->deviceId));
        auto taken = server.sync->bindSite(**taker, site);
        QVERIFY2(taken && !*taken, qPrintable(taken ? taken->value_or(QString()) : taken.message()));
        auto again = server.sync->bindSite(**taker, site); // now its own
        QVERIFY(again && !*again);
    }

    void changesFromAClockAheadAreKeptUntilTheServerCatchesUp()
    {
        InProcessServer server(path(QStringLiteral("s6")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice fast(path(QStringLiteral("fast.db")), T0 + 7 * 60 * 1000, server.url(),
                          server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice other(path(QStringLiteral("other.db")), T0, server.url(),
                           server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(fast.open(), QString());
        QCOMPARE(other.open(), QString());
        QVERIFY(fast.device->insert(QStringLiteral("contacts"), contact("future", 1)));
        QCOMPARE(fast.syncOnce(), SyncProblem::ClockAhead);
        QVERIFY2(fast.client->status().detail.contains(QLatin1String("7 minutes")),
                 qPrintable(fast.client->status().detail));
        QCOMPARE(fast.client->status().retryAfterMs, qint64(2 * 60 * 1000)); // then it is 5 minutes ahead
        QCOMPARE(*server.sync->cursor(*server.store->tenantId(tenant).value()), qint64(0));
        // Kept, not dropped: still counted, still queued, and refused again while the clock is still too far ahead.
        QCOMPARE(fast.client->status().pending, qint64(3));
        QCOMPARE(fast.state->outbox()->size(), size_t(1));
        server.clock.advance(60 * 1000);
        QCOMPARE(fast.syncOnce(), SyncProblem::ClockAhead);
        QCOMPARE(fast.state->outbox()->size(), size_t(1));

        // Once the server's clock has caught up, the same change is taken and reaches the other device.
        server.clock.advance(61 * 1000);
        other.device.clock.advance(121 * 1000); // the other device's clock is right too
        QCOMPARE(fast.syncOnce(), SyncProblem::None);
        QVERIFY(fast.state->outbox()->empty());
        QCOMPARE(fast.client->status().pending, qint64(0));
        QCOMPARE(other.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::dump(fast.device), synctest::dump(other.device));
        QCOMPARE(synctest::count(other.device, "SELECT count(*) FROM contacts"), 1);
    }

    void aDeviceAwayPastTheHorizonResyncsWithoutTheCollectedRows()
    {
        InProcessServer server(path(QStringLiteral("s7")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice here(path(QStringLiteral("here.db")), T0, server.url(),
                          server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice away(path(QStringLiteral("away.db")), T0, server.url(),
                          server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(here.open(), QString());
        QCOMPARE(away.open(), QString());
        auto gone = here.device->insert(QStringLiteral("contacts"), contact("gone", 1));
        QVERIFY(here.device->insert(QStringLiteral("contacts"), contact("kept", 2)));
        QCOMPARE(here.syncOnce(), SyncProblem::None);
        QCOMPARE(away.syncOnce(), SyncProblem::None);
        QVERIFY(gone && here.device->remove(QStringLiteral("contacts"), *gone));
        QCOMPARE(here.syncOnce(), SyncProblem::None);
        const qint64 tenantId = server.tenantId(tenant);

        // Younger than the horizon: kept, whoever has acknowledged it.
        constexpr qint64 Day = 24 * 3600 * 1000;
        auto advance = [&](qint64 ms) {
            server.clock.advance(ms);
            here.device.clock.advance(ms);
            away.device.clock.advance(ms);
        };
        advance(30 * Day);
        QCOMPARE(*server.sync->collectTombstones(tenantId), qint64(0));
        const char *records = "SELECT count(*) FROM crdt_rows WHERE tbl = 'contacts'";
        QCOMPARE(here.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(here.device, records), 2); // the device keeps its tombstone as long

        // Past it, with the only device that has not acknowledged the deletion silent for as long: collected.
        advance(31 * Day);
        QCOMPARE(here.syncOnce(), SyncProblem::None); // an active device acknowledges (nothing new to pull)
        // What the server runs every hour.
        server::TenantSweeper sweeper(*server.store, {{"tombstones collected", [&server](qint64 tenantId) {
                                                           return server.sync->collectTombstones(tenantId);
                                                       }}});
        QVERIFY(sweeper.sweep().front() >= 1); // with PostgreSQL, earlier scenarios' tenants share the database
        QCOMPARE(*server.sync->collectTombstones(tenantId), qint64(0)); // this tenant's one is already gone
        QCOMPARE(here.syncOnce(), SyncProblem::None);       // above the floor: no resync for a device that kept up
        QCOMPARE(synctest::count(here.device, records), 1); // and past the horizon it forgot its own tombstone

        // The device that was away also holds a row of a table that only a newer release shows, which the server no
        // longer has either (as if collected too): the resync drops it as well.
        const sync::Change future{QStringLiteral("future_things"), sync::RowId::generate(), QStringLiteral("note"),
                                  QStringLiteral("from a newer release"),
                                  sync::Stamp{1, sync::HybridLogicalClock::make(T0, 0), sync::SiteId::generate()}};
        QVERIFY(away.device->applyRemote({future}));
        const char *futureRecords = "SELECT count(*) FROM crdt_rows WHERE tbl = 'future_things'";
        QCOMPARE(synctest::count(away.device, futureRecords), 1);

        // The device that was away writes, comes back, is told to resync, and ends without the collected row but
        // with its own new one, which reaches the others. Its edit of the row deleted meanwhile loses to the deletion
        // (as it would have with the tombstone still there): the server refuses the edited cell, which alone would
        // have made a row of one cell where every other device has it deleted, and the resync drops the row.
        QVERIFY(away.device->update(QStringLiteral("contacts"), *gone,
                                    {{QStringLiteral("name"), QStringLiteral("edited while away")}}));
        QVERIFY(away.device->insert(QStringLiteral("contacts"), contact("written while away", 3)));
        QCOMPARE(away.syncOnce(), SyncProblem::Rejected);
        QVERIFY2(away.client->status().detail.contains(QLatin1String("no longer exists")),
                 qPrintable(away.client->status().detail));
        QCOMPARE(away.client->status().refusal.kind, sync::Refusal::Kind::RecordGone); // for the device to word
        QCOMPARE(synctest::count(away.device, "SELECT count(*) FROM contacts"), 2);
        QCOMPARE(synctest::count(away.device, "SELECT count(*) FROM contacts WHERE name = 'gone'"), 0);
        QCOMPARE(synctest::count(away.device, "SELECT count(*) FROM contacts WHERE name = 'edited while away'"), 0);
        QCOMPARE(synctest::count(away.device, records), 2);
        QCOMPARE(synctest::count(away.device, futureRecords), 0);
        QCOMPARE(*away.state->resyncing(), qint64(0));
        QCOMPARE(here.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(here.device, "SELECT count(*) FROM contacts"), 2);
        SyncedDevice fresh(path(QStringLiteral("fresh.db")), T0 + 61 * Day, server.url(),
                           server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(fresh.open(), QString());
        QCOMPARE(fresh.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::dump(fresh.device), synctest::dump(away.device));
        QCOMPARE(synctest::dump(here.device), synctest::dump(away.device));
    }

    void aTokenUnusedPastTheIdleLimitAsksForASignIn()
    {
        InProcessServer server(path(QStringLiteral("s8")), T0, m_backend.postgres);
        server.store->setClock(server.clock);
        const QString tenant = nextTenant();
        SyncedDevice daily(path(QStringLiteral("daily.db")), T0, server.url(),
                           server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice drawer(path(QStringLiteral("drawer.db")), T0, server.url(),
                            server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(daily.open(), QString());
        QCOMPARE(drawer.open(), QString());
        QCOMPARE(drawer.syncOnce(), SyncProblem::None);
        constexpr qint64 Day = 24 * 3600 * 1000;
        for (int month = 0; month < 4; ++month) { // the daily device keeps using its token
            server.clock.advance(30 * Day);
            daily.device.clock.advance(30 * Day);
            QCOMPARE(daily.syncOnce(), SyncProblem::None);
        }
        // 120 days in a drawer: past the 90-day limit, the token is refused and forgotten; local edits stay.
        drawer.device.clock.advance(120 * Day);
        QVERIFY(drawer.device->insert(QStringLiteral("contacts"), contact("kept", 1)));
        QCOMPARE(drawer.syncOnce(), SyncProblem::NotLoggedIn);
        QVERIFY(drawer.state->account()->token.isEmpty());
        QCOMPARE(drawer.client->status().pending, qint64(3));
        QCOMPARE(daily.syncOnce(), SyncProblem::None);
    }

    // A device's status says which of its writes the server has settled (answered, or replaced by a newer change
    // from elsewhere): a write whose cells a pulled change replaced before it was pushed counts as settled too, or
    // a dialler waiting for its claim to settle would wait for ever.
    void settledWritesIncludeThoseReplacedBeforeTheirPush()
    {
        InProcessServer server(path(QStringLiteral("s-settled")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice a(path(QStringLiteral("settled-a.db")), T0, server.url(),
                       server.newTenantToken(tenant, QStringLiteral("u")));
        SyncedDevice b(path(QStringLiteral("settled-b.db")), T0, server.url(),
                       server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QCOMPARE(b.open(), QString());
        const sync::RowId row =
            *a.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("Ada")}});
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(b.syncOnce(), SyncProblem::None);
        QCOMPARE(a.client->status().settledSeq, a.device->lastSeq());

        // a writes; b's later write of the same cell reaches a (as a round already under way would pull it)
        // before a pushes: nothing of a's write is left to push.
        QVERIFY(a.device->update(QStringLiteral("contacts"), row, {{QStringLiteral("name"), QStringLiteral("Ann")}}));
        const qint64 written = a.device->lastSeq();
        b.device.clock.advance(1000);
        const qint64 bFrom = b.device->lastSeq();
        QVERIFY(b.device->update(QStringLiteral("contacts"), row, {{QStringLiteral("name"), QStringLiteral("Bea")}}));
        QVERIFY(a.device->applyRemote(*b.device->changesSince(bFrom)));
        QVERIFY(a.client->status().settledSeq < written);
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QVERIFY(a.client->status().settledSeq >= written);

        // What is settled stays settled when the client starts again (a claim answered before a restart can be
        // dialled with no server). The profile cannot move to another server, tenant or user, so what another server
        // settled never counts here.
        const qint64 settled = a.client->status().settledSeq;
        a.close();
        QCOMPARE(a.open(), QString());
        QCOMPARE(a.client->status().settledSeq, settled);
        const sync::SyncStateStore::Account stored = *a.state->account();
        for (int field = 0; field < 3; ++field) {
            sync::SyncStateStore::Account moved = stored;
            QString &changed = field == 0 ? moved.serverUrl : field == 1 ? moved.tenant : moved.user;
            changed = field == 0 ? QStringLiteral("https://elsewhere.example") : QStringLiteral("someone-else");
            QCOMPARE(a.state->saveAccount(moved).code(), storage::ErrorCode::Constraint);
        }
        // The same account with a new token, or with the address written with a trailing slash, is kept.
        sync::SyncStateStore::Account renewed = stored;
        renewed.serverUrl += u'/';
        renewed.token = "1.renewed";
        QVERIFY(a.state->saveAccount(renewed));
        QCOMPARE(a.state->account()->token, QByteArray("1.renewed"));
        QCOMPARE(a.state->account()->tenant, stored.tenant);
    }

    void aRolledBackWriteIsNeverSettled()
    {
        InProcessServer server(path(QStringLiteral("s-rollback")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice a(path(QStringLiteral("rollback.db")), T0, server.url(),
                       server.newTenantToken(tenant, QStringLiteral("u")));
        QCOMPARE(a.open(), QString());
        QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("first", 1)));
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        const qint64 committed = a.device->lastSeq();
        // A write inside a larger transaction that fails and rolls back (an outcome whose last step failed).
        {
            storage::Transaction outer(a.device->database());
            QVERIFY(outer.begun());
            QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("rolled back", 2)));
        }
        QVERIFY(a.device->lastSeq() > committed);
        QCOMPARE(*a.device->committedSeq(), committed);
        // A round with nothing to push settles what is stored, not the seq the rolled-back write took.
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(a.client->status().settledSeq, committed);
        // After a restart the next write takes that seq again: it is not settled until the server has it.
        a.close();
        QCOMPARE(a.open(), QString());
        QVERIFY(a.device->insert(QStringLiteral("contacts"), contact("after", 3)));
        QVERIFY(a.client->status().settledSeq < a.device->lastSeq());
        QCOMPARE(a.syncOnce(), SyncProblem::None);
        QCOMPARE(a.client->status().settledSeq, a.device->lastSeq());
    }

    void aNewerReleasesColumnsAreKeptUntilTheUpgradeShowsThem()
    {
        InProcessServer server(path(QStringLiteral("s11")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice newer(path(QStringLiteral("v2.db")), T0, server.url(),
                           server.newTenantToken(tenant, QStringLiteral("u")), synctest::testSchema(true));
        SyncedDevice older(path(QStringLiteral("v1.db")), T0, server.url(),
                           server.deviceToken(tenant, QStringLiteral("u")), synctest::testSchema(false));
        QCOMPARE(newer.open(), QString());
        QCOMPARE(older.open(), QString());
        const QString contacts = QStringLiteral("contacts");
        const QString rating = QStringLiteral("rating");
        auto row = newer.device->insert(contacts, {{QStringLiteral("name"), QStringLiteral("Jo")}, {rating, 4.5}});
        QVERIFY(row);
        QCOMPARE(newer.syncOnce(), SyncProblem::None);

        // The older release gets the row, keeps the cell it cannot show, and says that a newer release wrote it.
        QCOMPARE(older.syncOnce(), SyncProblem::None);
        QVERIFY(older.client->status().newerReleaseSeen);
        QVERIFY(!newer.client->status().newerReleaseSeen);
        QCOMPARE(synctest::visible(older.device, contacts, *row, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("Jo")));
        QCOMPARE(older.device->rowState(contacts, *row)->cell(rating)->value, sync::Value(4.5));
        // Its own edit of the row does not make the row look older: a new device of the old release is told too.
        QVERIFY(older.device->update(contacts, *row, {{QStringLiteral("name"), QStringLiteral("Joan")}}));
        QCOMPARE(older.syncOnce(), SyncProblem::None);
        SyncedDevice another(path(QStringLiteral("v1-new.db")), T0, server.url(),
                             server.deviceToken(tenant, QStringLiteral("u")), synctest::testSchema(false));
        QCOMPARE(another.open(), QString());
        QCOMPARE(another.syncOnce(), SyncProblem::None);
        QVERIFY(another.client->status().newerReleaseSeen);

        // The upgrade: the same profile opened by the newer release shows the kept value, and nothing is resent.
        const qint64 lastSeq = older.device->lastSeq();
        older.close();
        older.device.schema = synctest::testSchema(true);
        QCOMPARE(older.open(), QString());
        QCOMPARE(synctest::visible(older.device, contacts, *row, rating), std::optional<sync::Value>(4.5));
        QCOMPARE(older.device->lastSeq(), lastSeq);
        QCOMPARE(older.syncOnce(), SyncProblem::None);
        QCOMPARE(newer.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::dump(older.device), synctest::dump(newer.device));
        QVERIFY(!older.client->status().newerReleaseSeen);
    }

    void property_data()
    {
        QTest::addColumn<quint64>("seed");
        const quint64 only = qEnvironmentVariableIntValue("FIELDLINE_SERVER_SEED");
        if (only) {
            QTest::addRow("seed %llu", only) << only;
            return;
        }
        bool ok = false;
        int seeds = qEnvironmentVariableIntValue("FIELDLINE_SERVER_SEEDS", &ok);
        if (!ok || seeds <= 0)
            seeds = 200;
        for (quint64 s = 1; s <= quint64(seeds); ++s)
            QTest::addRow("seed %llu", s) << s;
    }

    /** Random writes on 2-4 devices, random sync rounds, lost answers, restarts; then everyone converges. */
    void property()
    {
        QFETCH(quint64, seed);
        std::mt19937_64 rng(seed);
        auto pick = [&rng](size_t n) { return size_t(rng() % n); };
        QTemporaryDir dir;
        InProcessServer server(dir.filePath(QStringLiteral("server")), T0, m_backend.postgres);
        const QString tenant = QStringLiteral("p%1").arg(seed);
        QVERIFY(!server.newTenantToken(tenant, QStringLiteral("u")).isEmpty());
        std::vector<std::unique_ptr<SyncedDevice>> devices;
        const size_t count = 2 + pick(3);
        for (size_t i = 0; i < count; ++i) {
            const qint64 skew = qint64(pick(4 * 60 * 1000)) - 2 * 60 * 1000;
            devices.push_back(std::make_unique<SyncedDevice>(dir.filePath(QStringLiteral("d%1.db").arg(i)), T0 + skew,
                                                             server.url(),
                                                             server.deviceToken(tenant, QStringLiteral("u"))));
            // Every other device pulls pages of 7 changes and applies them two changes (a whole row at least) at a
            // time, the event loop running between pieces, as a slow page of scattered updates does in the app; the
            // next page's answer then often comes while one is being applied, and waits for it.
            if (i % 2 == 1) {
                devices.back()->clientOptions.applyPieceChanges = 2;
                devices.back()->clientOptions.pullLimit = 7;
            }
            QCOMPARE(devices.back()->open(), QString());
        }
        int writes = 0, rounds = 0, reopens = 0, lost = 0;
        const char *const names[] = {"ada", "bob", "", "\xf0\x9f\x93\x9e"};
        for (int step = 0; step < 40; ++step) {
            SyncedDevice &d = *devices[pick(devices.size())];
            d.device.clock.advance(qint64(pick(3000)));
            server.clock.advance(qint64(pick(3000)));
            const size_t roll = pick(10);
            if (roll < 6) {
                ++writes;
                auto rows = d.device->rows(QStringLiteral("contacts"));
                QVERIFY(rows);
                if (rows->empty() || pick(3) == 0) {
                    QVERIFY(d.device->insert(QStringLiteral("contacts"), contact(names[pick(4)], qint64(pick(5)))));
                } else {
                    const auto &[row, cl] = (*rows)[pick(rows->size())];
                    if (!sync::Stamp::isAlive(cl))
                        QVERIFY(d.device->resurrect(QStringLiteral("contacts"), row, contact(names[pick(4)], 1)));
                    else if (pick(4) == 0)
                        QVERIFY(d.device->remove(QStringLiteral("contacts"), row));
                    else
                        QVERIFY(d.device->update(QStringLiteral("contacts"), row,
                                                 {{QStringLiteral("qty"), qint64(pick(5))}}));
                }
            } else if (roll < 9) {
                ++rounds;
                const bool lose = pick(4) == 0;
                const QString losePath = pick(2) ? QStringLiteral("/v1/push") : QStringLiteral("/v1/pull");
                d.transport->loseAnswer = [lose, losePath](const QString &p) { return lose && p == losePath; };
                const SyncProblem problem = d.syncOnce();
                d.transport->loseAnswer = nullptr;
                QVERIFY2(problem == SyncProblem::None || (lose && problem == SyncProblem::Offline),
                         qPrintable(QStringLiteral("seed %1: %2").arg(seed).arg(d.client->status().detail)));
                lost += lose && problem == SyncProblem::Offline;
            } else {
                ++reopens;
                QCOMPARE(d.open(), QString());
            }
        }
        // Everyone syncs twice: the first pass gathers every change on the server, the second hands them out.
        for (int pass = 0; pass < 2; ++pass) {
            for (auto &d : devices) {
                d->device.clock.set(std::max(d->device.clock.nowMs(), server.clock.nowMs()));
                QCOMPARE(d->syncOnce(), SyncProblem::None);
            }
        }
        const QByteArray expected = synctest::dump(devices.front()->device);
        for (auto &d : devices) {
            const QByteArray actual = synctest::dump(d->device);
            if (actual != expected) {
                const QList<QByteArray> a = actual.split('\n'), e = expected.split('\n');
                for (qsizetype i = 0; i < std::max(a.size(), e.size()); ++i) {
                    if (a.value(i) != e.value(i))
                        qWarning("line %lld: device has\n  %s\nfirst device has\n  %s", qlonglong(i),
                                 a.value(i).constData(), e.value(i).constData());
                }
            }
            QCOMPARE(actual, expected);
        }
        SyncedDevice fresh(dir.filePath(QStringLiteral("fresh.db")), server.clock.nowMs(), server.url(),
                           server.deviceToken(tenant, QStringLiteral("u")));
        QCOMPARE(fresh.open(), QString());
        QCOMPARE(fresh.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::dump(fresh.device), expected);
        qInfo("seed %llu: %zu devices, %d writes, %d rounds, %d answers lost, %d reopens", seed, devices.size(), writes,
              rounds, lost, reopens);
    }
};

QTEST_GUILESS_MAIN(TestSyncServer)
#include "tst_syncserver.moc"
