// An agent signed in to the real server on loopback calls a person from the campaign's shared pool only once the
// server has answered the claim on them: a dial made before that waits for the round; a colleague's claim that
// reached the server first (though stamped earlier, so a plain last-writer-wins cell would have lost it) moves the
// agent on to the next contact without dialling; with the server gone, a pool contact is not dialled and only the
// agent's own contacts are offered, and they are still called.
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

const QString AlicePassword = QStringLiteral("alice's own password 91");

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

    void poolContactsWaitForTheServersWord()
    {
        auto server = std::make_unique<InProcessServer>(m_dir.filePath(QStringLiteral("server")),
                                                        QDateTime::currentMSecsSinceEpoch());
        QVERIFY(server->port != 0);
        const QString tenant = QStringLiteral("acme");
        QVERIFY(!server->newTenantToken(tenant, QStringLiteral("first")).isEmpty());
        const qint64 tenantId = server->tenantId(tenant);
        for (const auto &[user, role] : {std::pair{"alice", server::Role::Agent}, std::pair{"bob", server::Role::Agent},
                                         std::pair{"boss", server::Role::Manager}}) {
            auto hash = server->credentials.hashPassword(AlicePassword);
            QVERIFY(hash);
            QVERIFY(server->store->createUser(tenantId, QString::fromLatin1(user), *hash, role));
        }
        SyncedDevice boss(m_dir.filePath(QStringLiteral("boss.db")), server->clock.nowMs(), server->url(),
                          server->deviceToken(tenant, QStringLiteral("boss")), app::appSchema());
        SyncedDevice bob(m_dir.filePath(QStringLiteral("bob.db")), server->clock.nowMs(), server->url(),
                         server->deviceToken(tenant, QStringLiteral("bob")), app::appSchema());
        QCOMPARE(boss.open(), QString());
        QCOMPARE(bob.open(), QString());

        // Five people: 0, 1 and 3 in the shared pool, 2 and 4 alice's own; 0 ranks first.
        QVERIFY(telemarketingtest::addCampaign(*boss.device, QStringLiteral("preview"), 5,
                                               telemarketingtest::zoneAtNoon()) != sync::RowId());
        const std::vector<sync::RowId> members = membersByPriority(*boss.device);
        QCOMPARE(members.size(), size_t(5));
        for (int own : {2, 4})
            QVERIFY(boss.device->update(telemarketing::tables::Members, members[size_t(own)],
                                        {{QStringLiteral("owner"), QStringLiteral("alice")}}));
        QCOMPARE(boss.syncOnce(), sync::SyncProblem::None);
        QCOMPARE(bob.syncOnce(), sync::SyncProblem::None);

        QList<QUrl> dialled;
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server->url().toString(), tenant, {}});
        f.phone.openLink = [&dialled](const QUrl &link) {
            dialled.append(link);
            return true;
        };
        f.recreate(false);
        QVERIFY(f.createProfile());
        ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog);
        QTest::keyClicks(child(dialog, "loginUser"), QStringLiteral("alice"));
        QTest::keyClicks(child(dialog, "loginPassword"), AlicePassword);
        QTest::keyClick(child(dialog, "loginPassword"), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isSignedIn() && f.sync()->status().lastSuccessMs > 0; }, 15000));
        auto *session = f.shell().findChild<ui::AgentSession *>();
        QVERIFY(QTest::qWaitFor([&] { return session->controller() != nullptr; }, 15000));
        auto *calls = f.shell().mainWindow()->findChild<ui::AgentWorkspace *>();
        auto *number = calls->findChild<QLabel *>(QStringLiteral("agentContactNumber"));
        auto *banner = calls->findChild<ui::MessageBanner *>();
        const auto tel = [](int i) {
            return QUrl(QStringLiteral("tel:+1212555%1").arg(100 + i, 4, 10, QLatin1Char('0')));
        };

        // Ready: person 0, from the pool, claimed on this computer. Dialled at once, before any round took the
        // claim to the server: the call waits for the server's answer, then goes.
        QTest::keyClick(calls, Qt::Key_F8);
        QCOMPARE(number->text(), QStringLiteral("+12125550100"));
        QElapsedTimer waited;
        waited.start();
        QTest::keyClick(calls, Qt::Key_Return);
        QVERIFY2(banner->text().contains(QLatin1String("Checking with the server")), qPrintable(banner->text()));
        QVERIFY(dialled.isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return dialled.size() == 1; }, 15000));
        qInfo("the dial waited %lld ms for the round that took the claim to the server", waited.elapsed());
        QCOMPARE(dialled.last(), tel(0));
        QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::WrapUp);

        // Sale; person 1 is offered and claimed here. Bob's claim on person 1, made earlier on his computer,
        // reaches the server before alice's does: the server keeps it, and alice is moved on without a call.
        const qint64 bobFrom = bob.device->lastSeq();
        QTest::keyClick(calls, Qt::Key_1);
        QCOMPARE(number->text(), QStringLiteral("+12125550101"));
        QueuedCall toBob;
        toBob.member = members[1];
        QVERIFY(Claims(*bob.device).claim(toBob, QStringLiteral("bob"), bob.device.clock.nowMs()));
        QVERIFY(server->sync->writeAsServer(tenantId, *bob.device->changesSince(bobFrom)));
        QTest::keyClick(calls, Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return number->text() == QStringLiteral("+12125550102"); }, 15000));
        QVERIFY2(banner->text().contains(QLatin1String("bob is calling this person already")),
                 qPrintable(banner->text()));
        QCOMPARE(dialled.size(), 1);
        QVERIFY(Claims(*f.sync()->replica())
                    .holds(telemarketing::tables::Members, members[1], QStringLiteral("bob"))
                    .value());

        // Person 2 is alice's own: no colleague is offered it, so it is dialled with no wait.
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(dialled.size(), 2);
        QCOMPARE(dialled.last(), tel(2));

        // The server goes. Person 3, from the pool, is offered (nothing has failed yet) but not dialled: the server
        // cannot answer for it. The next contact is alice's own person 4, which is called.
        QTest::keyClick(calls, Qt::Key_2); // no answer: retry later
        QCOMPARE(number->text(), QStringLiteral("+12125550103"));
        server.reset();
        QTest::keyClick(calls, Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return number->text() == QStringLiteral("+12125550104"); }, 20000));
        QVERIFY2(banner->text().contains(QLatin1String("could not be reached")), qPrintable(banner->text()));
        QCOMPARE(dialled.size(), 2);
        QTest::keyClick(calls, Qt::Key_Return);
        QCOMPARE(dialled.size(), 3);
        QCOMPARE(dialled.last(), tel(4));

        // While the server stays away, recording that call offers nobody from the pool (person 3 waits).
        QTest::keyClick(calls, Qt::Key_2);
        QCOMPARE(calls->mode(), ui::AgentWorkspace::Mode::Empty);
    }
};

QTEST_MAIN(TestPoolClaim)
#include "tst_poolclaim.moc"
