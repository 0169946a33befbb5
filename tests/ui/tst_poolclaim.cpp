// An agent signed in to the real server on loopback calls a person from the campaign's shared pool only once the
// server has answered the claim on them. A colleague's claim that reached the server first (though stamped earlier,
// so a plain last-writer-wins cell would have lost it) moves the agent on to the next contact without dialling. The
// next pool members are claimed ahead in the same round: they are dialled at once, and still while the server is
// gone, whereas a pool member whose claim the server never answered is not dialled, and only the agent's own
// contacts and the ones held ahead are offered. Escape stops a dial that waits for the server.
#include "CampaignFixture.h"
#include "UiFixture.h"

#include "app/sync/AppSchema.h"
#include "app/telemarketing/Claims.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Statement.h"
#include "tests/server/SyncServerKit.h"
#include "ui/controls/MessageBanner.h"
#include "ui/main/MainWindow.h"
#include "ui/sync/LoginDialog.h"
#include "ui/telemarketing/AgentSession.h"
#include "ui/telemarketing/AgentWorkspace.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLabel>

using namespace fieldline;
using namespace fieldline::uitest;
using telemarketing::Claims;
using telemarketing::QueuedCall;

namespace {

const QString Password = QStringLiteral("alice's own password 91");

/** The campaign's members on @p device, highest priority first. */
std::vector<sync::RowId> membersByPriority(sync::Replica &device)
{
    std::vector<sync::RowId> members;
    auto query = device.database().prepare("SELECT id FROM campaign_members ORDER BY priority DESC");
    if (!query)
        return members;
    (void)(*query)->forEachRow([&](const storage::Statement &row) {
        if (auto id = sync::RowId::fromBytes(row.blob(0)))
            members.push_back(*id);
    });
    return members;
}

QUrl tel(int person)
{
    return QUrl(QStringLiteral("tel:+1212555%1").arg(100 + person, 4, 10, QLatin1Char('0')));
}

/** The server, a manager's and bob's devices, and alice's client signed in, her agent's screen ready to start. */
struct CallFloor
{
    std::unique_ptr<InProcessServer> server;
    qint64 tenantId = 0;
    std::unique_ptr<SyncedDevice> bob;
    std::vector<sync::RowId> members; ///< person i is members[i]
    std::unique_ptr<UiFixture> f;
    QList<QUrl> dialled;
    ui::AgentWorkspace *calls = nullptr;
    QLabel *number = nullptr;
    ui::MessageBanner *banner = nullptr;

    /** Whether the round after alice's last write has ended with the server's answer. */
    bool settled() { return f->sync()->status().settledSeq >= f->sync()->replica()->lastSeq(); }
};

/** Sets up @p floor with @p people in the campaign, alice owning @p own and the others in the pool. */
void openFloor(CallFloor &floor, const QString &dir, int people, const std::vector<int> &own)
{
    const QDir folder(dir);
    floor.server = std::make_unique<InProcessServer>(folder.filePath(QStringLiteral("server")),
                                                     QDateTime::currentMSecsSinceEpoch());
    InProcessServer &server = *floor.server;
    QVERIFY(server.port != 0);
    const QString tenant = QStringLiteral("acme");
    QVERIFY(!server.newTenantToken(tenant, QStringLiteral("first")).isEmpty());
    floor.tenantId = server.tenantId(tenant);
    for (const auto &[user, role] : {std::pair{"alice", server::Role::Agent}, std::pair{"bob", server::Role::Agent},
                                     std::pair{"boss", server::Role::Manager}}) {
        auto hash = server.credentials.hashPassword(Password);
        QVERIFY(hash);
        QVERIFY(server.store->createUser(floor.tenantId, QString::fromLatin1(user), *hash, role));
    }
    SyncedDevice boss(folder.filePath(QStringLiteral("boss.db")), server.clock.nowMs(), server.url(),
                      server.deviceToken(tenant, QStringLiteral("boss")), app::appSchema());
    floor.bob =
        std::make_unique<SyncedDevice>(folder.filePath(QStringLiteral("bob.db")), server.clock.nowMs(), server.url(),
                                       server.deviceToken(tenant, QStringLiteral("bob")), app::appSchema());
    QCOMPARE(boss.open(), QString());
    QCOMPARE(floor.bob->open(), QString());
    QVERIFY(telemarketingtest::addCampaign(*boss.device, QStringLiteral("preview"), people,
                                           telemarketingtest::zoneAtNoon()) != sync::RowId());
    floor.members = membersByPriority(*boss.device);
    QCOMPARE(floor.members.size(), size_t(people));
    for (int person : own)
        QVERIFY(boss.device->update(telemarketing::tables::Members, floor.members[size_t(person)],
                                    {{QStringLiteral("owner"), QStringLiteral("alice")}}));
    QCOMPARE(boss.syncOnce(), sync::SyncProblem::None);
    QCOMPARE(floor.bob->syncOnce(), sync::SyncProblem::None);

    floor.f =
        std::make_unique<UiFixture>(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), tenant, {}});
    UiFixture &f = *floor.f;
    f.phone.openLink = [&floor](const QUrl &link) {
        floor.dialled.append(link);
        return true;
    };
    f.recreate(false);
    QVERIFY(f.createProfile());
    ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
    QVERIFY(dialog);
    QTest::keyClicks(child(dialog, "loginUser"), QStringLiteral("alice"));
    QTest::keyClicks(child(dialog, "loginPassword"), Password);
    QTest::keyClick(child(dialog, "loginPassword"), Qt::Key_Return);
    QVERIFY(QTest::qWaitFor([&] { return f.sync()->isSignedIn() && f.sync()->status().lastSuccessMs > 0; }, 15000));
    auto *session = f.shell().findChild<ui::AgentSession *>();
    QVERIFY(QTest::qWaitFor([&] { return session->controller() != nullptr; }, 15000));
    floor.calls = f.shell().mainWindow()->findChild<ui::AgentWorkspace *>();
    floor.number = floor.calls->findChild<QLabel *>(QStringLiteral("agentContactNumber"));
    floor.banner = floor.calls->findChild<ui::MessageBanner *>();
    QVERIFY(floor.number && floor.banner);
}

bool failedToReach(sync::SyncProblem problem)
{
    return problem != sync::SyncProblem::None && problem != sync::SyncProblem::Rejected;
}

} // namespace

class TestPoolClaim : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
    }

    // Eight people: 2 and 4 alice's own, the others the pool's; 0 ranks first.
    void poolContactsWaitForTheServersWordOrAreHeldAhead()
    {
        CallFloor floor;
        openFloor(floor, m_dir.filePath(QStringLiteral("held")), 8, {2, 4});
        if (QTest::currentTestFailed())
            return;
        ui::AgentWorkspace *calls = floor.calls;

        // Ready: person 0 is offered and claimed, and so are 1 and 3, the pool's among the next three offers. Bob's
        // claim on person 0, made earlier on his computer, reaches the server before alice's: the server keeps it.
        // Alice dials before any round has taken her claims to the server: the dial waits for the server's answer,
        // which moves her on to person 1 without a call.
        const qint64 bobFrom = floor.bob->device->lastSeq();
        QTest::keyClick(calls, Qt::Key_F8);
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550100"));
        QueuedCall toBob;
        toBob.member = floor.members[0];
        QVERIFY(Claims(*floor.bob->device).claim(toBob, QStringLiteral("bob"), floor.bob->device.clock.nowMs()));
        QVERIFY(floor.server->sync->writeAsServer(floor.tenantId, *floor.bob->device->changesSince(bobFrom)));
        QElapsedTimer waited;
        waited.start();
        QTest::keyClick(calls, Qt::Key_Return);
        QVERIFY2(floor.banner->text().contains(QLatin1String("Checking with the server")),
                 qPrintable(floor.banner->text()));
        QVERIFY(QTest::qWaitFor([&] { return floor.number->text() == QStringLiteral("+12125550101"); }, 15000));
        qInfo("the dial waited %lld ms for the round that took the claims to the server", waited.elapsed());
        QVERIFY2(floor.banner->text().contains(QLatin1String("bob is calling this person already")),
                 qPrintable(floor.banner->text()));
        QVERIFY(floor.dialled.isEmpty());
        QCOMPARE(floor.f->sync()->status().problem, sync::SyncProblem::None); // a claim lost is no sync problem
        sync::Replica &alice = *floor.f->sync()->replica();
        QVERIFY(Claims(alice).holds(telemarketing::tables::Members, floor.members[0], QStringLiteral("bob")).value());

        // Person 1 was held ahead, and the same round brought the server's answer: dialled at once.
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 1);
        QCOMPARE(floor.dialled.last(), tel(1));

        // Sale. Person 2 is alice's own: dialled with no wait; person 5 joins the people held ahead.
        QTest::keyClick(calls, Qt::Key_1);
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550102"));
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 2);
        QCOMPARE(floor.dialled.last(), tel(2));
        QVERIFY(QTest::qWaitFor([&] { return floor.settled(); }, 15000));
        for (int person : {3, 5})
            QVERIFY(Claims(alice)
                        .holds(telemarketing::tables::Members, floor.members[size_t(person)], QStringLiteral("alice"))
                        .value());

        // The server goes. Person 3 (held ahead) is still dialled at once, and so is alice's own person 4.
        floor.server.reset();
        QTest::keyClick(calls, Qt::Key_2); // no answer: retry later
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550103"));
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 3);
        QCOMPARE(floor.dialled.last(), tel(3));
        QTest::keyClick(calls, Qt::Key_2);
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550104"));
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 4);
        QVERIFY(QTest::qWaitFor([&] { return failedToReach(floor.f->sync()->status().problem); }, 20000));

        // Person 5, held ahead and confirmed, is offered and dialled with no server. Persons 6 and 7 were claimed
        // ahead when 3 and 4 were offered, after the server went, so it never answered those claims: with those
        // left, nobody is offered.
        QTest::keyClick(calls, Qt::Key_2);
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550105"));
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 5);
        QCOMPARE(floor.dialled.last(), tel(5));
        QVERIFY(Claims(alice).holds(telemarketing::tables::Members, floor.members[6], QStringLiteral("alice")).value());

        QTest::keyClick(calls, Qt::Key_2);
        QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::Empty);
        // Nobody to call: the claims held ahead are let go as well.
        for (int person : {6, 7})
            QVERIFY(!Claims(alice)
                         .holds(telemarketing::tables::Members, floor.members[size_t(person)], QStringLiteral("alice"))
                         .value());
    }

    // Three people, all the pool's: Escape stops a dial that waits for the server's answer.
    void escapeStopsADialThatWaits()
    {
        CallFloor floor;
        openFloor(floor, m_dir.filePath(QStringLiteral("escape")), 3, {});
        if (QTest::currentTestFailed())
            return;
        ui::AgentWorkspace *calls = floor.calls;
        QTest::keyClick(calls, Qt::Key_F8);
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550100"));
        QTest::keyClick(calls, Qt::Key_Return);
        QVERIFY(floor.banner->text().contains(QLatin1String("Checking with the server")));
        QTest::keyClick(calls, Qt::Key_Escape);
        QVERIFY2(floor.banner->text().isEmpty(), qPrintable(floor.banner->text()));
        // The round ends and its answer arrives: nothing is dialled, and the person stays on screen.
        QVERIFY(QTest::qWaitFor([&] { return floor.settled(); }, 15000));
        QTest::qWait(100);
        QVERIFY(floor.dialled.isEmpty());
        QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::Preview);
        // Enter again: the claim has its answer now, so the call goes at once.
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 1);
        QCOMPARE(floor.dialled.last(), tel(0));
    }

    // Five people: 2 and 4 alice's own, 0, 1 and 3 the pool's.
    void poolContactsWaitWhenTheServerNeverAnswered()
    {
        CallFloor floor;
        openFloor(floor, m_dir.filePath(QStringLiteral("gone")), 5, {2, 4});
        if (QTest::currentTestFailed())
            return;
        ui::AgentWorkspace *calls = floor.calls;

        // Person 0 is offered and claimed, 1 and 3 are claimed ahead; the server goes before any of it reaches it.
        // The dial waits for a round, which fails: person 0 is not dialled, nor are 1 and 3, and alice's own person
        // 2 is offered and called.
        QTest::keyClick(calls, Qt::Key_F8);
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550100"));
        floor.server.reset();
        QTest::keyClick(calls, Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return floor.number->text() == QStringLiteral("+12125550102"); }, 20000));
        QVERIFY2(floor.banner->text().contains(QLatin1String("could not be reached")),
                 qPrintable(floor.banner->text()));
        QVERIFY(floor.dialled.isEmpty());
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 1);
        QCOMPARE(floor.dialled.last(), tel(2));

        // Then her own person 4. Paused during that call: once its outcome is recorded, the claims on 1 and 3 (held
        // ahead, never answered) are let go, and the claim on person 0 was already.
        QTest::keyClick(calls, Qt::Key_2);
        QCOMPARE(floor.number->text(), QStringLiteral("+12125550104"));
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(floor.dialled.size(), 2);
        sync::Replica &alice = *floor.f->sync()->replica();
        QVERIFY(Claims(alice).holds(telemarketing::tables::Members, floor.members[1], QStringLiteral("alice")).value());
        QTest::keyClick(calls, Qt::Key_F8);
        QTest::keyClick(calls, Qt::Key_2);
        QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::Paused);
        for (int person : {0, 1, 3})
            QVERIFY(!Claims(alice)
                         .holds(telemarketing::tables::Members, floor.members[size_t(person)], QStringLiteral("alice"))
                         .value());
    }
};

QTEST_MAIN(TestPoolClaim)
#include "tst_poolclaim.moc"
