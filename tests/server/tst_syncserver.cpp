// Sync through the real server stack on loopback: devices push and pull over HTTP with CBOR, the server merges
// and keeps the tenant's rows, and every device plus a fresh one that pulls everything end with byte-identical
// canonical dumps. Answers are lost after the server acted, devices are closed and reopened mid-way, and one
// tenant's token never reaches another tenant's rows.
//
// FIELDLINE_SERVER_SEEDS=N runs seeds 1..N of the property test (default 200); FIELDLINE_SERVER_SEED=S replays one.
// FIELDLINE_TEST_BACKEND=postgres runs every scenario against a throwaway PostgreSQL cluster instead of SQLite
// (CTest's tst_syncserver_postgres, with 30 seeds).
#include "SyncServerKit.h"
#include "app/sync/AppSchema.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "server/ReplicationScope.h"
#include "server/TombstoneSweeper.h"
#include "server/UserDirectory.h"

#include "sync/HybridLogicalClock.h"
#include "sync/protocol/ProtocolCodec.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace fieldline;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

sync::Cells contact(const char *name, qint64 qty)
{
    return {{QStringLiteral("name"), QString::fromUtf8(name)}, {QStringLiteral("qty"), qty}};
}

} // namespace

class TestSyncServer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_backend;
    int m_tenants = 0;

    QString path(const QString &name) { return m_dir.filePath(name); }
    QString nextTenant() { return QStringLiteral("tenant%1").arg(++m_tenants); }

    /** A brand-new device pulling the tenant from cursor 0: the server's state, seen through a client. */
    QByteArray serverImage(InProcessServer &server, const QString &tenant, const QString &name)
    {
        SyncedDevice fresh(path(name), server.clock.nowMs(), server.url(),
                           server.deviceToken(tenant, QStringLiteral("u")));
        if (QString e = fresh.open(); !e.isEmpty())
            return "open failed: " + e.toUtf8();
        if (fresh.syncOnce() != SyncProblem::None)
            return "sync failed: " + fresh.client->status().detail.toUtf8();
        return synctest::dump(fresh.device);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_backend.setUp(StoreBackend::fromEnvironment()), QString());
    }

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
        server::TombstoneSweeper sweeper(*server.store, *server.sync); // what the server runs every hour
        QVERIFY(sweeper.sweep() >= 1); // with PostgreSQL, earlier scenarios' tenants share the database
        QCOMPARE(*server.sync->collectTombstones(tenantId), qint64(0)); // this tenant's one is already gone
        QCOMPARE(here.syncOnce(), SyncProblem::None);       // above the floor: no resync for a device that kept up
        QCOMPARE(synctest::count(here.device, records), 1); // and past the horizon it forgot its own tombstone

        // The device that was away writes, comes back, is told to resync, and ends without the collected row but
        // with its own new one, which reaches the others.
        QVERIFY(away.device->insert(QStringLiteral("contacts"), contact("written while away", 3)));
        QCOMPARE(away.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(away.device, "SELECT count(*) FROM contacts"), 2);
        QCOMPARE(synctest::count(away.device, "SELECT count(*) FROM contacts WHERE name = 'gone'"), 0);
        QCOMPARE(synctest::count(away.device, records), 2);
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

    void changesARoleMayNotMakeAreRefusedAndUndone()
    {
        InProcessServer server(path(QStringLiteral("s9")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice field(path(QStringLiteral("field.db")), T0, server.url(),
                           server.newTenantToken(tenant, QStringLiteral("rep")));
        const qint64 tenantId = server.tenantId(tenant);
        QVERIFY(server.store->createUser(tenantId, QStringLiteral("boss"),
                                         *server.credentials.hashPassword(QStringLiteral("unused")),
                                         server::Role::Manager));
        SyncedDevice manager(path(QStringLiteral("manager.db")), T0, server.url(),
                             server.deviceToken(tenant, QStringLiteral("boss")));
        QCOMPARE(field.open(), QString());
        QCOMPARE(manager.open(), QString());
        const sync::Cells widget{{QStringLiteral("name"), QStringLiteral("Widget")}, {QStringLiteral("price"), 9.5}};
        auto product = manager.device->insert(QStringLiteral("products"), widget);
        QVERIFY(product);
        QCOMPARE(manager.syncOnce(), SyncProblem::None);
        QCOMPARE(field.syncOnce(), SyncProblem::None);

        // The field rep changes a price, adds a product of their own and edits a contact in the same push.
        QVERIFY(field.device->update(QStringLiteral("products"), *product, {{QStringLiteral("price"), 0.01}}));
        auto own = field.device->insert(QStringLiteral("products"), {{QStringLiteral("name"), QStringLiteral("Mine")}});
        QVERIFY(own);
        auto contact =
            field.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("Ok")}});
        QVERIFY(contact);
        QCOMPARE(field.syncOnce(), SyncProblem::Rejected);
        QVERIFY2(field.client->status().detail.contains(QLatin1String("product catalog")),
                 qPrintable(field.client->status().detail));
        // Nothing is left waiting, and the server's copy came back in the same round's pull.
        QCOMPARE(field.client->status().pending, qint64(0));
        QCOMPARE(synctest::visible(field.device, QStringLiteral("products"), *product, QStringLiteral("price")),
                 std::optional<sync::Value>(9.5));
        QCOMPARE(synctest::visible(field.device, QStringLiteral("products"), *own, QStringLiteral("name")),
                 std::optional<sync::Value>());
        QCOMPARE(synctest::visible(field.device, QStringLiteral("contacts"), *contact, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("Ok")));
        QCOMPARE(manager.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(manager.device, QStringLiteral("products"), *product, QStringLiteral("price")),
                 std::optional<sync::Value>(9.5));
        QCOMPARE(synctest::count(manager.device, "SELECT count(*) FROM products"), 1);
        QCOMPARE(synctest::count(field.device, "SELECT count(*) FROM products"), 1);

        // A manager's own change is taken.
        QVERIFY(manager.device->update(QStringLiteral("products"), *product, {{QStringLiteral("price"), 11.0}}));
        QCOMPARE(manager.syncOnce(), SyncProblem::None);
        QCOMPARE(field.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(field.device, QStringLiteral("products"), *product, QStringLiteral("price")),
                 std::optional<sync::Value>(11.0));
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
    }

    // Two agents' devices work the same pool: the member offered to one is claimed, and once the claim has synced
    // the other device's queue offers the next member instead (the server lets agents write claims). Two claims
    // made apart: the one that reached the server first stands until its lease runs out.
    void aPoolMemberClaimedOnOneDeviceIsNotOfferedOnAnother()
    {
        using namespace fieldline::telemarketing;
        InProcessServer server(path(QStringLiteral("s-pool")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice alice(path(QStringLiteral("pool-alice.db")), T0, server.url(),
                           server.newTenantToken(tenant, QStringLiteral("alice")), app::appSchema());
        const qint64 tenantId = server.tenantId(tenant);
        const QByteArray hash = *server.credentials.hashPassword(QStringLiteral("unused"));
        QVERIFY(server.store->createUser(tenantId, QStringLiteral("bob"), hash, server::Role::Agent));
        QVERIFY(server.store->createUser(tenantId, QStringLiteral("boss"), hash, server::Role::Manager));
        SyncedDevice bob(path(QStringLiteral("pool-bob.db")), T0, server.url(),
                         server.deviceToken(tenant, QStringLiteral("bob")), app::appSchema());
        SyncedDevice boss(path(QStringLiteral("pool-boss.db")), T0, server.url(),
                          server.deviceToken(tenant, QStringLiteral("boss")), app::appSchema());
        for (SyncedDevice *device : {&alice, &bob, &boss})
            QCOMPARE(device->open(), QString());

        // 14:13 UTC at T0: inside 09:00-21:00 for people in UTC.
        const sync::RowId campaign = *boss.device->insert(
            tables::Campaigns, {{QStringLiteral("name"), QStringLiteral("Pool")},
                                {QStringLiteral("mode"), QStringLiteral("preview")},
                                {QStringLiteral("window_start"), QStringLiteral("09:00")},
                                {QStringLiteral("window_end"), QStringLiteral("21:00")},
                                {QStringLiteral("max_attempts"), qint64(3)},
                                {QStringLiteral("retry_minutes"), QStringLiteral("60")},
                                {QStringLiteral("status"), QStringLiteral("active")},
                                {QStringLiteral("dispositions"),
                                 QStringLiteral(R"([{"code": "sale", "label": {"en": "Sale"}, "key": "1"}])")}});
        std::vector<sync::RowId> members;
        for (int i = 0; i < 2; ++i) {
            const sync::RowId person = *boss.device->insert(
                QStringLiteral("contacts"), {{QStringLiteral("first_name"), QStringLiteral("P%1").arg(i)},
                                             {QStringLiteral("phone"), QStringLiteral("+1212555010%1").arg(i)},
                                             {QStringLiteral("time_zone"), QStringLiteral("UTC")}});
            members.push_back(
                *boss.device->insert(tables::Members, {{QStringLiteral("campaign"), campaign.toBytes()},
                                                       {QStringLiteral("contact"), person.toBytes()},
                                                       {QStringLiteral("priority"), qint64(9 - i)},
                                                       {QStringLiteral("attempts"), qint64(0)},
                                                       {QStringLiteral("next_attempt_ms"), qint64(0)},
                                                       {QStringLiteral("status"), memberStatus::Queued},
                                                       {QStringLiteral("zone"), QStringLiteral("tz:UTC")}}));
        }
        QCOMPARE(boss.syncOnce(), SyncProblem::None);
        QCOMPARE(alice.syncOnce(), SyncProblem::None);
        QCOMPARE(bob.syncOnce(), SyncProblem::None);

        const QDateTime now = QDateTime::fromMSecsSinceEpoch(T0, Qt::UTC);
        const auto offer = [&](SyncedDevice &device, const QString &agent) {
            CallingHours hours;
            auto rules = Campaign::read(device.device->database(), campaign);
            auto found = ContactQueue(*device.device, hours).next(*rules, agent, now);
            return found && *found ? std::optional<QueuedCall>(**found) : std::nullopt;
        };
        const std::optional<QueuedCall> toAlice = offer(alice, QStringLiteral("alice"));
        QVERIFY(toAlice);
        QCOMPARE(toAlice->member, members[0]);
        QCOMPARE(offer(bob, QStringLiteral("bob"))->member, members[0]); // before the claim reaches bob
        QVERIFY(Claims(*alice.device).claim(*toAlice, QStringLiteral("alice"), T0));
        QCOMPARE(alice.syncOnce(), SyncProblem::None); // agents may write claims
        QCOMPARE(bob.syncOnce(), SyncProblem::None);
        QCOMPARE(offer(bob, QStringLiteral("bob"))->member, members[1]);
        QCOMPARE(Claims(*bob.device).heldByOther(*toAlice, QStringLiteral("bob"), T0).value(), QStringLiteral("alice"));

        // Apart, both claim the next member; alice's claim reaches the server first. Bob's, stamped later, would win
        // as a plain last-writer-wins cell; the server refuses it instead and gives bob's device alice's claim.
        const QueuedCall second = *offer(bob, QStringLiteral("bob"));
        QCOMPARE(second.member, members[1]);
        QVERIFY(Claims(*alice.device).claim(second, QStringLiteral("alice"), T0));
        QCOMPARE(alice.syncOnce(), SyncProblem::None);
        bob.device.clock.advance(1000);
        QVERIFY(Claims(*bob.device).claim(second, QStringLiteral("bob"), T0 + 1000));
        QCOMPARE(bob.syncOnce(), SyncProblem::None); // a claim that lost the race is no problem to show bob
        QCOMPARE(Claims(*bob.device).heldByOther(second, QStringLiteral("bob"), T0 + 1000).value(),
                 QStringLiteral("alice"));
        // Bob recording his call's outcome cannot release alice's claim either; his attempt counts.
        sync::Cells outcome = Claims::released();
        outcome.emplace_back(QStringLiteral("attempts"), qint64(1));
        QVERIFY(bob.device->update(tables::Members, second.member, outcome));
        QCOMPARE(bob.syncOnce(), SyncProblem::None);
        QCOMPARE(alice.syncOnce(), SyncProblem::None);
        for (SyncedDevice *device : {&alice, &bob}) {
            QCOMPARE(Claims(*device->device).holds(tables::Members, second.member, QStringLiteral("alice")).value(),
                     true);
            QCOMPARE(synctest::visible(device->device, tables::Members, second.member, QStringLiteral("attempts")),
                     std::optional<sync::Value>(qint64(1)));
        }
        // Alice records a sale on her computer while bob's, its clock two minutes ahead, claims the member again:
        // bob is refused, and what the server writes back for him does not undo alice's outcome, which reaches the
        // server after it (only the refused claim cells are written back).
        QVERIFY(alice.device->update(tables::Members, second.member, {{QStringLiteral("status"), memberStatus::Done}}));
        bob.device.clock.advance(120'000);
        QVERIFY(Claims(*bob.device).claim(second, QStringLiteral("bob"), bob.device.clock.nowMs()));
        QCOMPARE(bob.syncOnce(), SyncProblem::None);
        QCOMPARE(alice.syncOnce(), SyncProblem::None);
        QCOMPARE(bob.syncOnce(), SyncProblem::None);
        for (SyncedDevice *device : {&alice, &bob}) {
            QCOMPARE(synctest::visible(device->device, tables::Members, second.member, QStringLiteral("status")),
                     std::optional<sync::Value>(memberStatus::Done));
            QCOMPARE(Claims(*device->device).holds(tables::Members, second.member, QStringLiteral("alice")).value(),
                     true);
        }

        // Once her lease has run out at the server, bob may claim the member.
        server.clock.set(T0 + Claims::LeaseMs + 1);
        for (SyncedDevice *device : {&alice, &bob})
            device->device.clock.set(T0 + Claims::LeaseMs + 1);
        QVERIFY(Claims(*bob.device).claim(second, QStringLiteral("bob"), T0 + Claims::LeaseMs + 1));
        QCOMPARE(bob.syncOnce(), SyncProblem::None);
        QCOMPARE(alice.syncOnce(), SyncProblem::None);
        QCOMPARE(Claims(*alice.device).holds(tables::Members, second.member, QStringLiteral("bob")).value(), true);
    }

    void rowsReachOnlyTheUsersWhoseScopesTheyAreIn()
    {
        InProcessServer server(path(QStringLiteral("s10")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        SyncedDevice rep(path(QStringLiteral("rep.db")), T0, server.url(),
                         server.newTenantToken(tenant, QStringLiteral("rep")));
        const qint64 tenantId = server.tenantId(tenant);
        const QByteArray hash = *server.credentials.hashPassword(QStringLiteral("unused"));
        QVERIFY(server.store->createUser(tenantId, QStringLiteral("other"), hash, server::Role::Field));
        QVERIFY(server.store->createUser(tenantId, QStringLiteral("boss"), hash, server::Role::Manager));
        server::UserDirectory directory(*server.store);
        QVERIFY(server.tenantId(tenant) > 0); // scopes the connection to the tenant, as the admin API does
        QVERIFY(directory.setTerritories(tenantId, QStringLiteral("rep"), {QStringLiteral("north")}));
        SyncedDevice boss(path(QStringLiteral("boss.db")), T0, server.url(),
                          server.deviceToken(tenant, QStringLiteral("boss")));
        QCOMPARE(rep.open(), QString());
        QCOMPARE(boss.open(), QString());
        const QString accounts = QStringLiteral("accounts");
        auto account = [&](const char *name, const char *owner, const char *territory) {
            sync::Cells cells{{QStringLiteral("name"), QString::fromUtf8(name)}};
            if (owner)
                cells.push_back({QStringLiteral("owner"), QString::fromUtf8(owner)});
            if (territory)
                cells.push_back({QStringLiteral("territory"), QString::fromUtf8(territory)});
            return *boss.device->insert(accounts, cells);
        };
        const sync::RowId mine = account("mine", "rep", nullptr);
        const sync::RowId theirs = account("theirs", "other", nullptr);
        const sync::RowId north = account("north", nullptr, "north");
        const sync::RowId south = account("south", nullptr, "south");
        account("shared", nullptr, nullptr);
        QCOMPARE(boss.syncOnce(), SyncProblem::None);
        const auto names = [&](SyncedDevice &device) {
            return synctest::strings(device.device, "SELECT name FROM accounts ORDER BY name").join(u',');
        };
        QCOMPARE(rep.syncOnce(), SyncProblem::None);
        QCOMPARE(names(rep), QStringLiteral("mine,north,shared"));

        // A row that leaves the rep's scopes is dropped from the rep's device; one that enters arrives.
        QVERIFY(boss.device->update(accounts, mine, {{QStringLiteral("owner"), QStringLiteral("other")}}));
        QVERIFY(boss.device->update(accounts, south, {{QStringLiteral("territory"), QStringLiteral("north")}}));
        QCOMPARE(boss.syncOnce(), SyncProblem::None);
        QCOMPARE(rep.syncOnce(), SyncProblem::None);
        QCOMPARE(names(rep), QStringLiteral("north,shared,south"));
        QCOMPARE(synctest::count(rep.device, "SELECT count(*) FROM crdt_rows WHERE tbl = 'accounts'"), 3);

        // A row outside the rep's scopes cannot be written, even under its id: refused, and the server's copy stands.
        QVERIFY(rep.device->insert(accounts, theirs, {{QStringLiteral("name"), QStringLiteral("hijacked")}}));
        QCOMPARE(rep.syncOnce(), SyncProblem::Rejected);
        QVERIFY2(rep.client->status().detail.contains(QLatin1String("territories")),
                 qPrintable(rep.client->status().detail));
        QCOMPARE(rep.syncOnce(), SyncProblem::None); // the compensation's eviction lands on the next pull at latest
        QCOMPARE(names(rep), QStringLiteral("north,shared,south"));

        // The rep hands a row of theirs to another territory and creates one for a colleague: both are taken and
        // both leave the rep's device.
        QVERIFY(rep.device->update(accounts, north, {{QStringLiteral("territory"), QStringLiteral("west")}}));
        QVERIFY(rep.device->insert(accounts, {{QStringLiteral("name"), QStringLiteral("for other")},
                                              {QStringLiteral("owner"), QStringLiteral("other")}}));
        QCOMPARE(rep.syncOnce(), SyncProblem::None);
        QCOMPARE(rep.syncOnce(), SyncProblem::None);
        QCOMPARE(names(rep), QStringLiteral("shared,south"));
        QCOMPARE(boss.syncOnce(), SyncProblem::None);
        QCOMPARE(names(boss), QStringLiteral("for other,mine,north,shared,south,theirs"));
        QCOMPARE(synctest::strings(boss.device, "SELECT territory FROM accounts WHERE name = 'north'"),
                 QStringList{QStringLiteral("west")});

        // New territories: the rep's device reloads what the rep now sees, and ends as a new device of the rep would.
        QVERIFY(server.tenantId(tenant) > 0);
        QVERIFY(directory.setTerritories(tenantId, QStringLiteral("rep"), {QStringLiteral("west")}));
        QCOMPARE(rep.syncOnce(), SyncProblem::None);
        QCOMPARE(names(rep), QStringLiteral("north,shared"));
        SyncedDevice fresh(path(QStringLiteral("fresh-rep.db")), T0, server.url(),
                           server.deviceToken(tenant, QStringLiteral("rep")));
        QCOMPARE(fresh.open(), QString());
        QCOMPARE(fresh.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::dump(fresh.device), synctest::dump(rep.device));
    }

    void pagesCountRowsOutsideTheScopeSoTheyStayBounded()
    {
        InProcessServer server(path(QStringLiteral("s12")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        QVERIFY(!server.newTenantToken(tenant, QStringLiteral("rep")).isEmpty());
        const qint64 tenantId = server.tenantId(tenant);
        // Ten rows of another user, then one everybody sees, written by the server itself.
        sync::ChangeBatch rows;
        const sync::Stamp stamp{1, sync::HybridLogicalClock::make(T0 - 1000, 0), sync::SiteId::generate()};
        for (int i = 0; i <= 10; ++i) { // ids in order, so the merge gives them sequence numbers 1 to 11 in order
            const sync::RowId row = *sync::RowId::fromBytes(QByteArray(16, char(i + 1)));
            rows.push_back({QStringLiteral("accounts"), row, QString(), {}, stamp, 0});
            rows.push_back({QStringLiteral("accounts"), row, QStringLiteral("owner"),
                            i < 10 ? sync::Value(QStringLiteral("other")) : sync::Value(), stamp, 0});
        }
        QVERIFY(server.sync->writeAsServer(tenantId, rows));
        server::Identity rep;
        rep.tenantId = tenantId;
        rep.login = QStringLiteral("rep");
        rep.role = server::Role::Field;
        const server::ReplicationScope scope = server::ReplicationScope::of(rep);

        // From the start: pages of at most 4 rows scanned. Going on from that pull, nothing is evicted (the device
        // holds only what the chain sent); the shared row comes on the last page.
        qint64 cursor = 0;
        qint64 head = 0;
        int pages = 0;
        sync::ChangeBatch received;
        for (bool more = true; more && pages < 20; ++pages) {
            auto page = server.sync->pull(tenantId, scope, cursor, 4, head);
            QVERIFY2(page, qPrintable(page.message()));
            QVERIFY(page->evicted.empty());
            QVERIFY(page->nextCursor > cursor);
            if (cursor == 0)
                head = page->head;
            received.insert(received.end(), page->changes.begin(), page->changes.end());
            cursor = page->nextCursor;
            more = page->more;
        }
        QCOMPARE(head, qint64(11));
        QCOMPARE(pages, 3);
        QCOMPARE(received.size(), size_t(2)); // the shared row: its record and its (empty) owner cell
        // Without that claim, the other user's rows come as evictions, one unit each.
        auto evicting = server.sync->pull(tenantId, scope, 1, 4);
        QVERIFY(evicting);
        QCOMPARE(evicting->evicted.size(), size_t(4));
        QVERIFY(evicting->more);
        // A row that changes during a fresh chain is evicted even so: the chain may have sent it before.
        sync::ChangeBatch handOver{rows[20], rows[21]};
        handOver[1].value = QStringLiteral("other");
        handOver[1].stamp.hlc += 1;
        QVERIFY(server.sync->writeAsServer(tenantId, handOver));
        auto changed = server.sync->pull(tenantId, scope, 8, 4, head);
        QVERIFY(changed);
        QCOMPARE(changed->evicted.size(), size_t(1));
        QCOMPARE(changed->evicted[0].row, rows[20].row);
        // A manager sees every row.
        server::Identity boss = rep;
        boss.role = server::Role::Manager;
        auto all = server.sync->pull(tenantId, server::ReplicationScope::of(boss), 0, 5000);
        QVERIFY(all);
        QCOMPARE(all->changes.size(), size_t(22));
        QCOMPARE(all->head, qint64(12));
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
