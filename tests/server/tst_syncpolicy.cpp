// What the server lets each user write and see, through the real server stack on loopback: changes a role may not
// make are refused and compensated so the device converges back; the first agent's claim on a pool member stands
// until its lease runs out; rows reach only the users whose scopes they are in, and pages stay bounded.
//
// FIELDLINE_TEST_BACKEND=postgres runs every scenario against a throwaway PostgreSQL cluster instead of SQLite
// (CTest's tst_syncpolicy_postgres).
#include "SyncServerKit.h"
#include "app/sync/AppSchema.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "server/ReplicationScope.h"
#include "server/UserDirectory.h"
#include "sync/protocol/ProtocolCodec.h"

#include "sync/HybridLogicalClock.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

/** The manager "boss" of @p tenantId, who sees every row. */
server::Identity bossOf(qint64 tenantId)
{
    server::Identity boss;
    boss.tenantId = tenantId;
    boss.login = QStringLiteral("boss");
    boss.role = server::Role::Manager;
    return boss;
}

/** A manager's device writing one new row straight into the server's store (no HTTP in between). */
struct BossWrites
{
    server::Identity boss;
    sync::SiteId site = sync::SiteId::generate();
    sync::RowId row = sync::RowId::generate();

    /** A first-life stamp of this device at @p atMs. */
    sync::Stamp stamp(qint64 atMs) const { return {1, sync::HybridLogicalClock::make(atMs, 0), site}; }
    /** @p changes pushed as batch @p batchSeq: the server's answer, or nothing when the push failed. */
    std::optional<sync::protocol::PushResponse> push(InProcessServer &server, qint64 batchSeq,
                                                     const sync::ChangeBatch &changes) const
    {
        auto pushed = server.sync->push(boss, sync::protocol::PushRequest{site, batchSeq, 1, changes});
        if (!pushed) {
            qWarning("push: %s", qPrintable(pushed.message()));
            return std::nullopt;
        }
        auto answer = sync::protocol::decode<sync::protocol::PushResponse>(pushed->response);
        return answer ? std::optional<sync::protocol::PushResponse>(std::move(*answer)) : std::nullopt;
    }
    /** Everything the manager pulls from the start (one page). */
    storage::Result<sync::protocol::PullResponse> pullAll(InProcessServer &server) const
    {
        return server.sync->pull(boss.tenantId, server::ReplicationScope::of(boss), 0, 5000);
    }
};

} // namespace

class TestSyncPolicy : public QObject, protected ServerScenarios
{
    Q_OBJECT

private:
    /** The manager of a new tenant on @p server; nothing when the tenant could not be made. */
    std::optional<BossWrites> bossWrites(InProcessServer &server)
    {
        const QString tenant = nextTenant();
        if (server.newTenantToken(tenant, QStringLiteral("boss")).isEmpty())
            return std::nullopt;
        return BossWrites{bossOf(server.tenantId(tenant))};
    }

private slots:
    void initTestCase() { QCOMPARE(setUp(), QString()); }

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

    void pagesOfBigValuesStopBySize()
    {
        InProcessServer server(path(QStringLiteral("s13")), T0, m_backend.postgres);
        const QString tenant = nextTenant();
        QVERIFY(!server.newTenantToken(tenant, QStringLiteral("boss")).isEmpty());
        const qint64 tenantId = server.tenantId(tenant);
        // Five rows of 3 MB each (as a form layout may be): far fewer than 5,000 changes, far more than a page.
        sync::ChangeBatch rows;
        const sync::Stamp stamp{1, sync::HybridLogicalClock::make(T0 - 1000, 0), sync::SiteId::generate()};
        for (int i = 0; i < 5; ++i) {
            const sync::RowId row = *sync::RowId::fromBytes(QByteArray(16, char(i + 1)));
            rows.push_back({QStringLiteral("accounts"), row, QString(), {}, stamp, 0});
            rows.push_back({QStringLiteral("accounts"), row, QStringLiteral("notes"),
                            QString(3'000'000, QChar(u'a' + i)), stamp, 0});
        }
        QVERIFY(server.sync->writeAsServer(tenantId, rows));
        const server::Identity boss = bossOf(tenantId);
        std::vector<size_t> rowsPerPage;
        qint64 cursor = 0;
        for (bool more = true; more && rowsPerPage.size() < 10;) {
            auto page = server.sync->pull(tenantId, server::ReplicationScope::of(boss), cursor, 5000);
            QVERIFY2(page, qPrintable(page.message()));
            rowsPerPage.push_back(page->changes.size() / 2);
            // What the client reads: each 3 MB text in one piece, the page well under its 32 MiB answer limit.
            const QByteArray encoded = sync::protocol::encode(*page);
            QVERIFY(encoded.size() <= sync::protocol::Limits::PullPageBytes + 4'000'000);
            sync::protocol::Limits limits;
            limits.maxStringBytes = sync::protocol::Limits::MaxCellBytes;
            QVERIFY(sync::protocol::decode<sync::protocol::PullResponse>(encoded, limits));
            cursor = page->nextCursor;
            more = page->more;
        }
        QCOMPARE(rowsPerPage, (std::vector<size_t>{2, 2, 1})); // a third row would pass 8 MiB
    }

    void cellsOfARowTheServerLacksFollowTheirRecord()
    {
        // A new row's record refused for now (the device clock just past the limit when it was checked) and its cells
        // checked a moment later: the cells wait with the record, with the same retry, rather than being refused for
        // good as cells of a row the server does not have. Cells with no record at all are refused.
        InProcessServer server(path(QStringLiteral("s15")), T0, m_backend.postgres);
        const std::optional<BossWrites> w = bossWrites(server);
        QVERIFY(w);
        const sync::RowId &row = w->row;
        const sync::RowId orphan = sync::RowId::generate();
        const sync::Stamp ahead = w->stamp(T0 + 6 * 60'000);
        const sync::Stamp now = w->stamp(T0);
        const sync::ChangeBatch changes{
            {QStringLiteral("accounts"), row, QString(), {}, ahead, 1},
            {QStringLiteral("accounts"), row, QStringLiteral("name"), QStringLiteral("A"), now, 2},
            {QStringLiteral("accounts"), orphan, QStringLiteral("name"), QStringLiteral("B"), now, 3}};
        const auto answer = w->push(server, 1, changes);
        QVERIFY(answer);
        QCOMPARE(answer->results.size(), size_t(3));
        QCOMPARE(answer->results[0].outcome, sync::ApplyOutcome::Rejected);
        QVERIFY(answer->results[0].retryMs > 0);
        QCOMPARE(answer->results[1].outcome, sync::ApplyOutcome::Rejected);
        QCOMPARE(answer->results[1].retryMs, answer->results[0].retryMs);
        QCOMPARE(answer->results[1].reason, answer->results[0].reason);
        QCOMPARE(answer->results[2].outcome, sync::ApplyOutcome::Rejected);
        QCOMPARE(answer->results[2].retryMs, qint64(0));
        QVERIFY2(answer->results[2].reason.contains(QLatin1String("no longer exists")),
                 qPrintable(answer->results[2].reason));
        // Nothing was written: no row of cells alone.
        auto page = w->pullAll(server);
        QVERIFY(page);
        QCOMPARE(page->changes.size(), size_t(0));
    }

    void aPushedValueTooLargeForADeviceIsRefusedAndWrittenBack()
    {
        // Devices write at most 512 KiB into a cell; a bigger one pushed (a forged or older client) is refused on
        // its own and the server's copy, here none, is written back so the device converges. Its row lands.
        InProcessServer server(path(QStringLiteral("s16")), T0, m_backend.postgres);
        const std::optional<BossWrites> w = bossWrites(server);
        QVERIFY(w);
        const sync::RowId &row = w->row;
        const sync::Stamp stamp = w->stamp(T0 - 1000);
        const sync::ChangeBatch changes{
            {QStringLiteral("accounts"), row, QString(), {}, stamp, 1},
            {QStringLiteral("accounts"), row, QStringLiteral("notes"),
             QString(sync::MaxWrittenValueBytes + 1, QLatin1Char('n')), stamp, 1},
            {QStringLiteral("accounts"), row, QStringLiteral("name"), QStringLiteral("Kept"), stamp, 1}};
        const auto answer = w->push(server, 1, changes);
        QVERIFY(answer);
        QCOMPARE(answer->results.size(), size_t(3));
        QCOMPARE(answer->results[0].outcome, sync::ApplyOutcome::Applied);
        QCOMPARE(answer->results[1].outcome, sync::ApplyOutcome::Rejected);
        QCOMPARE(answer->results[1].retryMs, qint64(0));
        QVERIFY2(answer->results[1].reason.contains(QLatin1String("at most 512 KiB")),
                 qPrintable(answer->results[1].reason));
        QCOMPARE(answer->results[2].outcome, sync::ApplyOutcome::Applied);
        auto page = w->pullAll(server);
        QVERIFY(page);
        bool notesWrittenBack = false;
        for (const sync::Change &change : page->changes) {
            if (change.column == QLatin1String("notes")) {
                QVERIFY(std::holds_alternative<std::monostate>(change.value));
                QVERIFY(change.stamp.hlc > stamp.hlc); // newer than the device's, so the device takes it
                notesWrittenBack = true;
            }
            if (change.column == QLatin1String("name"))
                QCOMPARE(change.value, sync::Value(QStringLiteral("Kept")));
        }
        QVERIFY(notesWrittenBack);
    }

    void aRowHoldsAtMostItsSizeLimit()
    {
        // A forged client writing 500 KiB into ever more columns: the row stops growing at 8 MiB (a device refuses
        // such a write itself), so every device's pull still reads it. A push is judged whole, as a device judges
        // its write: growing one column while emptying another is taken, growing past the limit is not.
        InProcessServer server(path(QStringLiteral("s17")), T0, m_backend.postgres);
        const std::optional<BossWrites> w = bossWrites(server);
        QVERIFY(w);
        const sync::RowId &row = w->row;
        const sync::Stamp stamp = w->stamp(T0 - 1000);
        const QString big(500 * 1024, QLatin1Char('z'));
        auto cell = [&](int column, const QString &value, qint64 hlcStep) {
            return sync::Change{QStringLiteral("accounts"),
                                row,
                                QStringLiteral("x%1").arg(column, 2, 10, QLatin1Char('0')),
                                value,
                                sync::Stamp{1, stamp.hlc + hlcStep, w->site},
                                2 + column + 100 * hlcStep};
        };
        sync::ChangeBatch changes{{QStringLiteral("accounts"), row, QString(), {}, stamp, 1}};
        for (int i = 0; i < 16; ++i)
            changes.push_back(cell(i, big, 0));
        changes.push_back(cell(16, QString(190 * 1024, QLatin1Char('y')), 0));
        changes.push_back(cell(17, big, 0));
        const auto answer = w->push(server, 1, changes);
        QVERIFY(answer);
        QCOMPARE(answer->results.size(), size_t(19));
        for (size_t i = 0; i < 18; ++i)
            QCOMPARE(answer->results[i].outcome, sync::ApplyOutcome::Applied);
        QCOMPARE(answer->results[18].outcome, sync::ApplyOutcome::Rejected); // 8,690 KiB: the last column goes
        QVERIFY2(answer->results[18].reason.contains(QLatin1String("at most 8 MiB")),
                 qPrintable(answer->results[18].reason));

        // 8,190 KiB held: x16 grows by 310 KiB while x00 empties, which fits.
        const auto both = w->push(server, 2, {cell(16, big, 1), cell(0, QString(), 1)});
        QVERIFY(both);
        QCOMPARE(both->results[0].outcome, sync::ApplyOutcome::Applied);
        QCOMPARE(both->results[1].outcome, sync::ApplyOutcome::Applied);
        const auto past = w->push(server, 3, {cell(17, big, 2)}); // 8,000 KiB held, 8,500 after
        QVERIFY(past);
        QCOMPARE(past->results[0].outcome, sync::ApplyOutcome::Rejected);
        auto page = w->pullAll(server);
        QVERIFY(page);
        QCOMPARE(page->changes.size(), size_t(18)); // the record and x00 to x16
    }

    void aRowHoldsAtMostItsColumnLimit()
    {
        // A device that writes made-up columns (unknown ones are kept for newer releases) cannot grow a row past
        // what a page carries: cells for new columns past the limit are refused, and not written back.
        InProcessServer server(path(QStringLiteral("s14")), T0, m_backend.postgres);
        const std::optional<BossWrites> w = bossWrites(server);
        QVERIFY(w);
        const sync::SiteId &site = w->site;
        const sync::RowId &row = w->row;
        const sync::Stamp stamp = w->stamp(T0 - 1000);
        constexpr int Limit = sync::RowState::MaxColumns;
        sync::ChangeBatch changes{{QStringLiteral("accounts"), row, QString(), {}, stamp, 1}};
        for (int i = 0; i < Limit + 5; ++i)
            changes.push_back({QStringLiteral("accounts"), row, QStringLiteral("x%1").arg(i), qint64(i), stamp, i + 2});
        const auto answer = w->push(server, 1, changes);
        QVERIFY(answer);
        int applied = 0;
        int refused = 0;
        for (const sync::protocol::PushItemResult &result : answer->results) {
            applied += result.outcome == sync::ApplyOutcome::Applied;
            if (result.outcome == sync::ApplyOutcome::Rejected) {
                ++refused;
                QVERIFY2(result.reason.contains(QLatin1String("at most 1000 fields")), qPrintable(result.reason));
            }
        }
        QCOMPARE(applied, Limit + 1);
        QCOMPARE(refused, 5);
        // A held column may still change; another new one may not.
        const sync::Stamp later{1, stamp.hlc + 1, site};
        const sync::ChangeBatch more{{QStringLiteral("accounts"), row, QStringLiteral("x0"), qint64(-1), later, 9000},
                                     {QStringLiteral("accounts"), row, QStringLiteral("y"), qint64(1), later, 9001}};
        const auto second = w->push(server, 2, more);
        QVERIFY(second);
        QCOMPARE(second->results[0].outcome, sync::ApplyOutcome::Applied);
        QCOMPARE(second->results[1].outcome, sync::ApplyOutcome::Rejected);
        // The row fits a page the client reads: its record and 1,000 cells, nothing written back.
        auto page = w->pullAll(server);
        QVERIFY(page);
        QCOMPARE(page->changes.size(), size_t(Limit + 1));
    }
};

QTEST_MAIN(TestSyncPolicy)
#include "tst_syncpolicy.moc"
