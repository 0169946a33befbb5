// A tenant server restored from a backup, through the real server stack on loopback: each device is told (HTTP
// 410 server-restored), sends its own writes again and reloads the rest, so every write made after the backup comes
// back; also when pushes renumbered past the devices' cursors, when a pull failed after its push was answered, and
// when the cursor was served by an instance that does not record (docs/protocol.md, "A restored server").
//
// FIELDLINE_TEST_BACKEND=postgres runs every scenario against a throwaway PostgreSQL cluster instead of SQLite
// (CTest's tst_restore_postgres).
#include "SyncServerKit.h"

#include <QtTest>

using namespace fieldline;
using sync::SyncProblem;

class TestRestore : public QObject, protected ServerScenarios
{
    Q_OBJECT

private:
    bool runOnStore(InProcessServer &server, const QStringList &statements)
    {
        return m_backend.runOnStore(server.store->connectionName(), statements);
    }
    /** A server and two devices of one new tenant, as the restore tests start. */
    struct RestoreScene
    {
        RestoreScene(TestRestore &test, const QString &tag)
            : server(test.path(QStringLiteral("s") + tag), T0, test.m_backend.postgres)
            , tenant(test.nextTenant())
            , a(test.path(QStringLiteral("a%1.db").arg(tag)), T0, server.url(),
                server.newTenantToken(tenant, QStringLiteral("u")))
            , b(test.path(QStringLiteral("b%1.db").arg(tag)), T0, server.url(),
                server.deviceToken(tenant, QStringLiteral("u")))
            , tenantId(server.tenantId(tenant))
        {}
        bool opened() { return a.open().isEmpty() && b.open().isEmpty(); }

        InProcessServer server;
        QString tenant;
        SyncedDevice a;
        SyncedDevice b;
        qint64 tenantId;
    };

private slots:
    void initTestCase() { QCOMPARE(setUp(), QString()); }

    void devicesGiveARestoredServerBackWhatItLost()
    {
        // The tenant's sync tables go back to a backup taken after the first round (what a restore does to them).
        // The devices' cursors are then past the server's newest change: before, their pulls found nothing, and the
        // changes the restored server numbered below those cursors never reached them. Now each device is told,
        // sends all of its own writes again and reloads the rest, so every write made after the backup comes back.
        RestoreScene s(*this, QStringLiteral("18"));
        QVERIFY(s.opened());
        auto first = s.a.device->insert(QStringLiteral("contacts"), contact("one", 1));
        QVERIFY(first);
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.b.syncOnce(), SyncProblem::None);
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, false)));

        QVERIFY(s.a.device->update(QStringLiteral("contacts"), *first, {{QStringLiteral("qty"), qint64(7)}}));
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("two", 2)));
        QVERIFY(s.b.device->insert(QStringLiteral("contacts"), contact("three", 3)));
        for (SyncedDevice *d : {&s.a, &s.b, &s.a})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        const QByteArray before = synctest::dump(s.a.device);
        QCOMPARE(synctest::dump(s.b.device), before);
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, true)));

        // A write made after the restore, numbered below both devices' cursors by the restored server.
        QVERIFY(s.b.device->insert(QStringLiteral("contacts"), contact("four", 4)));
        for (SyncedDevice *d : {&s.b, &s.b, &s.a, &s.a, &s.b}) // each device: told and resync, then its writes go again
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(s.a.device, "SELECT count(*) FROM contacts"), 4);
        QCOMPARE(synctest::visible(s.a.device, QStringLiteral("contacts"), *first, QStringLiteral("qty")),
                 std::optional<sync::Value>(qint64(7)));
        QCOMPARE(synctest::dump(s.b.device), synctest::dump(s.a.device));
        QCOMPARE(s.a.client->status().pending, qint64(0));
        QCOMPARE(s.b.client->status().pending, qint64(0));
        QCOMPARE(serverImage(s.server, s.tenant, QStringLiteral("fresh18.db")), synctest::dump(s.a.device));
    }

    void aRestoreIsFoundAfterPushesRenumberedPastTheCursors()
    {
        // After the restore, the first device to sync has more writes to push than the restore took away: its push
        // comes before its pull, so the tenant's newest number passes both devices' cursors. Each device is still
        // told, because its cursor is newer than any the restored server had sent it.
        RestoreScene s(*this, QStringLiteral("19"));
        QVERIFY(s.opened());
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("one", 1)));
        for (SyncedDevice *d : {&s.a, &s.b})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, false)));

        auto lost = s.b.device->insert(QStringLiteral("contacts"), contact("lost", 2));
        QVERIFY(lost);
        for (SyncedDevice *d : {&s.b, &s.a})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, true)));
        const qint64 held = *s.a.state->pullCursor();
        QCOMPARE(*s.b.state->pullCursor(), held);

        constexpr int Later = 10; // one number per row pushed: more than the restore took away
        QVERIFY(*s.server.sync->cursor(s.tenantId) + Later > held);
        for (int i = 0; i < Later; ++i)
            QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("later", 10 + i)));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(1)); // a's own pushes passed its cursor; told all the same
        QVERIFY(*s.server.sync->cursor(s.tenantId) > held);
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.b.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(2)); // and b, whose cursor a's pushes passed
        for (SyncedDevice *d : {&s.b, &s.a})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(s.a.device, "SELECT count(*) FROM contacts"), 12);
        QCOMPARE(synctest::visible(s.a.device, QStringLiteral("contacts"), *lost, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("lost")));
        QCOMPARE(synctest::dump(s.b.device), synctest::dump(s.a.device));
        QCOMPARE(serverImage(s.server, s.tenant, QStringLiteral("fresh19.db")), synctest::dump(s.a.device));
    }

    void aPushWhosePullFailedIsFoundAfterARestore_data()
    {
        QTest::addColumn<bool>("failsAgain");
        QTest::newRow("the next round pulls") << false;
        QTest::newRow("the next round pushes to the restored server, and its pull fails too") << true;
    }

    void aPushWhosePullFailedIsFoundAfterARestore()
    {
        // The push was answered, the pull of the same round failed, then the store went back to before the push: the
        // device's cursor is as old as the backup, so only the batches it says were answered show the loss; also
        // when the restored server has answered a later batch of the device since.
        QFETCH(bool, failsAgain);
        RestoreScene s(*this, failsAgain ? QStringLiteral("22") : QStringLiteral("21"));
        QVERIFY(s.opened());
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("one", 1)));
        for (SyncedDevice *d : {&s.a, &s.b})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, false)));
        auto pullsFail = [&s](bool fail) {
            s.a.transport->replace = [fail](const QString &path) -> std::optional<sync::TransportReply> {
                if (!fail || path != QLatin1String("/v1/pull"))
                    return std::nullopt;
                sync::TransportReply cut;
                cut.status = 503;
                return cut;
            };
        };

        auto lost = s.a.device->insert(QStringLiteral("contacts"), contact("lost", 2));
        QVERIFY(lost);
        pullsFail(true);
        QCOMPARE(s.a.syncOnce(), SyncProblem::ServerError);
        QCOMPARE(*s.a.state->pushedSeq(), s.a.device->lastSeq()); // answered: nothing of it is queued any more
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, true)));
        if (failsAgain) {
            QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("after", 3)));
            QCOMPARE(s.a.syncOnce(), SyncProblem::ServerError);
        }
        pullsFail(false);

        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(1));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None); // its writes go again
        QCOMPARE(s.b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(s.b.device, QStringLiteral("contacts"), *lost, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("lost")));
        QCOMPARE(synctest::count(s.b.device, "SELECT count(*) FROM contacts"), failsAgain ? 3 : 2);
        QCOMPARE(s.server.answered("pull", 410), qint64(1)); // b's cursor was in the backup, and it pushed nothing
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("later", 4)));
        for (SyncedDevice *d : {&s.a, &s.a, &s.b})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(1)); // once told, a names only what the new store answered
        QCOMPARE(*s.a.state->checkedBatch(), *s.a.state->answeredBatch());
        QCOMPARE(synctest::dump(s.b.device), synctest::dump(s.a.device));
        QCOMPARE(
            serverImage(s.server, s.tenant, failsAgain ? QStringLiteral("fresh22.db") : QStringLiteral("fresh21.db")),
            synctest::dump(s.a.device));
    }

    void aPageBelowAnEarlierRecordDoesNotCoverAPush()
    {
        // A pull cut short after its first page leaves a record above the device's cursor. After a push, a page below
        // that record says "recorded" but the record is older than the push: a restore to between the two must still
        // be found by the batch the device names.
        RestoreScene s(*this, QStringLiteral("23"));
        s.a.clientOptions.pullLimit = 1; // a page per row
        QVERIFY(s.opened());
        for (int i = 0; i < 4; ++i)
            QVERIFY(s.b.device->insert(QStringLiteral("contacts"), contact("from b", i)));
        QCOMPARE(s.b.syncOnce(), SyncProblem::None);
        int pulls = 0;
        int passing = 0; // pulls let through per round
        s.a.transport->replace = [&](const QString &path) -> std::optional<sync::TransportReply> {
            if (path != QLatin1String("/v1/pull") || ++pulls <= passing)
                return std::nullopt;
            sync::TransportReply cut;
            cut.status = 503;
            return cut;
        };
        passing = 1;
        QCOMPARE(s.a.syncOnce(), SyncProblem::ServerError); // one page: the server recorded the tenant's newest
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, false)));

        auto lost = s.a.device->insert(QStringLiteral("contacts"), contact("lost", 9));
        QVERIFY(lost);
        pulls = 0;
        QCOMPARE(s.a.syncOnce(), SyncProblem::ServerError); // pushed, then one page below the record, then cut
        QVERIFY(*s.a.state->checkedBatch() < *s.a.state->answeredBatch());
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, true)));
        s.a.transport->replace = nullptr;

        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(1));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.b.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::visible(s.b.device, QStringLiteral("contacts"), *lost, QStringLiteral("name")),
                 std::optional<sync::Value>(QStringLiteral("lost")));
        QCOMPARE(synctest::dump(s.b.device), synctest::dump(s.a.device));
    }

    void aDeviceFirstSignedInAfterTheBackupIsToldWhenItSignsInAgain()
    {
        // c signs in after the backup and only pulls. The restored store has no row of it, so its token is refused
        // and it signs in again, with a cursor from the lost history: pushes after the restore renumbered past it,
        // so only the cursor's record can tell. Its new row has none; no row of its site has one either, so it is
        // told. Before, it pulled on from that cursor and never received the changes numbered below it. A device
        // that signs in again without a restore finds its earlier row's record and pulls on.
        RestoreScene s(*this, QStringLiteral("24"));
        QVERIFY(s.opened());
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("one", 1)));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, false)));

        SyncedDevice c(path(QStringLiteral("c24.db")), T0, s.server.url(),
                       s.server.deviceToken(s.tenant, QStringLiteral("u")));
        QCOMPARE(c.open(), QString());
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("two", 2)));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(c.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(c.device, "SELECT count(*) FROM contacts"), 2);
        const qint64 cursor = *c.state->pullCursor();
        QCOMPARE(*c.state->recordedCursor(), cursor);

        // Signed in again (a token that expired): a new row, and the earlier row's record holds.
        const auto signInAgain = [&] {
            return bool(c.state->saveAccount({c.server.toString(), QStringLiteral("t"), QStringLiteral("u"),
                                              s.server.deviceToken(s.tenant, QStringLiteral("u"))}));
        };
        QVERIFY(signInAgain());
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("three", 3)));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(c.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(0));
        QCOMPARE(synctest::count(c.device, "SELECT count(*) FROM contacts"), 3);

        // The restore: the sync tables as backed up, and every row of c gone (it signed in after the backup).
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, true)));
        QVERIFY(runOnStore(s.server, {QStringLiteral("DELETE FROM devices WHERE tenant_id = %1 AND id NOT IN (SELECT"
                                                     " id FROM backup_devices_%1)")
                                          .arg(s.tenantId)}));
        constexpr int Later = 6; // a's pushes after the restore, numbered past c's cursor before a pulls
        for (int i = 0; i < Later; ++i)
            QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("later", 10 + i)));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(1)); // a is told, and resends its writes
        QVERIFY(*s.server.sync->cursor(s.tenantId) > *c.state->pullCursor());
        for (int i = 0; i < 2; ++i)
            QCOMPARE(s.a.syncOnce(), SyncProblem::None);

        QCOMPARE(c.syncOnce(), SyncProblem::NotLoggedIn); // its token went with the restore
        QVERIFY(signInAgain());
        QCOMPARE(c.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(2));
        for (int i = 0; i < 2; ++i)
            QCOMPARE(c.syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(c.device, "SELECT count(*) FROM contacts"), 3 + Later);
        QCOMPARE(synctest::dump(c.device), synctest::dump(s.a.device));
        QCOMPARE(serverImage(s.server, s.tenant, QStringLiteral("fresh24.db")), synctest::dump(s.a.device));
    }

    void aCursorNoServerRecordedIsJudgedByTheNewestNumberOnly()
    {
        // A page from an instance that does not record (an older release during a rolling upgrade) leaves the
        // device's cursor above the recorded one: the device does not claim it, so it is not taken for a restore. A
        // restore is then still seen while the cursor is above the restored server's newest number.
        RestoreScene s(*this, QStringLiteral("20"));
        QVERIFY(s.opened());
        QVERIFY(s.a.device->insert(QStringLiteral("contacts"), contact("one", 1)));
        for (SyncedDevice *d : {&s.a, &s.b})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QCOMPARE(*s.a.state->recordedCursor(), *s.a.state->pullCursor());
        // a's later pages came from an instance that does not record: its record stays behind (a's device is the
        // tenant's first).
        QVERIFY(
            runOnStore(s.server, {QStringLiteral("UPDATE devices SET served_cursor = 0 WHERE tenant_id = %1 AND id ="
                                                 " (SELECT min(id) FROM devices WHERE tenant_id = %1)")
                                      .arg(s.tenantId)}));
        QVERIFY(s.a.state->setRecordedCursor(-1));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(0));
        QCOMPARE(*s.a.state->recordedCursor(), *s.a.state->pullCursor()); // recorded again by this server

        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, false)));
        QVERIFY(s.b.device->insert(QStringLiteral("contacts"), contact("two", 2)));
        for (SyncedDevice *d : {&s.b, &s.a})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QVERIFY(runOnStore(s.server, tenantBackup(s.tenantId, true)));
        QVERIFY(s.a.state->setRecordedCursor(-1));
        QCOMPARE(s.a.syncOnce(), SyncProblem::None);
        QCOMPARE(s.server.answered("pull", 410), qint64(1));
        for (SyncedDevice *d : {&s.b, &s.b, &s.a})
            QCOMPARE(d->syncOnce(), SyncProblem::None);
        QCOMPARE(synctest::count(s.a.device, "SELECT count(*) FROM contacts"), 2);
        QCOMPARE(synctest::dump(s.b.device), synctest::dump(s.a.device));
        QCOMPARE(serverImage(s.server, s.tenant, QStringLiteral("fresh20.db")), synctest::dump(s.a.device));
    }
};

QTEST_GUILESS_MAIN(TestRestore)
#include "tst_restore.moc"
