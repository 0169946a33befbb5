// The client online, driven from the keyboard against the real server stack on loopback: the sign-in form opens
// by itself for a profile without an account, a wrong password is explained and keeps the focus, the right one
// signs in and the first sync brings the team's rows; a colleague's edit arrives through the live channel; F5
// syncs at once; a local write goes up by itself; with the server gone the status says
// offline and counts the changes kept on this computer; locking closes everything.
#include "UiFixture.h"

#include "server/BlobStore.h"
#include "sync/HybridLogicalClock.h"
#include "sync/blobs/BlobFetches.h"
#include "tests/server/SyncServerKit.h"
#include "ui/controls/MessageBanner.h"
#include "ui/designer/DesignerWorkspace.h"
#include "ui/main/MainWindow.h"
#include "ui/sync/LoginDialog.h"
#include "ui/sync/SyncController.h"
#include "ui/sync/SyncStatusWidget.h"
#include "ui/telemarketing/CampaignSetupWorkspace.h"
#include "ui/telemarketing/ProgressWorkspace.h"

#include <QAction>
#include <QDateTime>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>

using namespace fieldline;
using namespace fieldline::uitest;

class TestSignIn : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /** Types the user and password into the sign-in form and presses Enter, like a user. */
    static void submit(ui::LoginDialog *dialog, const QString &user, const QString &password)
    {
        QTest::keyClicks(child(dialog, "loginUser"), user);
        QTest::keyClicks(child(dialog, "loginPassword"), password);
        QTest::keyClick(child(dialog, "loginPassword"), Qt::Key_Return);
    }

    static bool waitForStatus(UiFixture &f, const QString &part)
    {
        auto *status = f.shell().syncController()->statusWidget();
        return QTest::qWaitFor([&] { return status->text().contains(part); }, 15000);
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
    }

    void signInSyncAndGoOffline()
    {
        auto server = std::make_unique<InProcessServer>(m_dir.filePath(QStringLiteral("server")),
                                                        QDateTime::currentMSecsSinceEpoch());
        QVERIFY(server->port != 0);
        // A colleague's device has already shared three contacts.
        SyncedDevice colleague(m_dir.filePath(QStringLiteral("colleague.db")), server->clock.nowMs(), server->url(),
                               server->newTenantToken(QStringLiteral("acme"), QStringLiteral("u")));
        QCOMPARE(colleague.open(), QString());
        for (const char *name : {"Ada", "Bob", "Cy"})
            QVERIFY(colleague.device->insert(QStringLiteral("contacts"),
                                             {{QStringLiteral("name"), QString::fromLatin1(name)}}));
        QCOMPARE(colleague.syncOnce(), sync::SyncProblem::None);

        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server->url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
        QVERIFY2(dialog && dialog->isVisible(), "the sign-in form opens for a profile without an account");
        QCOMPARE(child(dialog, "loginServer")->text(), server->url().toString());
        QVERIFY(waitForStatus(f, QStringLiteral("Not signed in")));

        // The focus starts in the first empty field: the user name.
        QVERIFY(QTest::qWaitFor([&] { return child(dialog, "loginUser")->hasFocus() || !dialog->isActiveWindow(); }));
        submit(dialog, QStringLiteral("u"), QStringLiteral("not the password"));
        auto *banner = dialog->findChild<ui::MessageBanner *>();
        QVERIFY(QTest::qWaitFor([&] { return !banner->text().isEmpty(); }, 15000));
        QVERIFY2(banner->text().contains(QLatin1String("not correct")), qPrintable(banner->text()));
        QVERIFY(!f.sync()->isSignedIn());

        child(dialog, "loginPassword")->clear();
        QTest::keyClicks(child(dialog, "loginPassword"), QStringLiteral("unused password"));
        QTest::keyClick(child(dialog, "loginPassword"), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return !f.shell().syncController()->loginDialog(); }, 15000));
        QVERIFY(f.sync()->isSignedIn());
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));
        QCOMPARE(f.sync()->visibleRows(QStringLiteral("contacts")), qint64(3));
        // The token lives in the encrypted profile, nowhere else.
        QCOMPARE(f.sync()->account().tenant, QStringLiteral("acme"));
        // A field user is not offered the form designer, not even by its shortcut.
        QCOMPARE(f.sync()->account().role, QStringLiteral("field"));
        auto *designer = f.shell().mainWindow()->findChild<ui::DesignerWorkspace *>();
        QVERIFY(designer);
        QVERIFY(!f.shell().mainWindow()->isWorkspaceAvailable(designer));
        // Nor the managers' campaign progress.
        QVERIFY(!f.shell().mainWindow()->isWorkspaceAvailable(
            f.shell().mainWindow()->findChild<ui::ProgressWorkspace *>()));
        QTest::keyClick(f.shell().mainWindow(), Qt::Key_3, Qt::ControlModifier);
        QVERIFY(f.shell().mainWindow()->currentWorkspace() != designer);

        // A new contact from the colleague arrives by itself, through the live channel.
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isLive(); }, 15000));
        QVERIFY(
            colleague.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("Dee")}}));
        QCOMPARE(colleague.syncOnce(), sync::SyncProblem::None);
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->visibleRows(QStringLiteral("contacts")) == 4; }, 15000));

        // F5 runs a round at once.
        f.shell().mainWindow()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(f.shell().mainWindow()));
        QVERIFY(f.shell().syncController()->syncNowAction()->isEnabled());
        QTest::qWait(5);
        const qint64 before = f.sync()->status().lastSuccessMs;
        QTest::keyClick(f.shell().mainWindow(), Qt::Key_F5);
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->status().lastSuccessMs > before; }, 15000));

        // A local write goes up by itself moments later, with no sync asked for: the colleague's next round has it.
        // That is one round: the live channel's word of the push, which comes back to this computer too, starts no
        // other.
        QVERIFY(QTest::qWaitFor([&] { return !f.sync()->status().running; }, 15000)); // F5's may follow another
        QSignalSpy rounds(f.sync(), &app::SyncService::roundEnded);
        QVERIFY(f.sync()->replica()->insert(QStringLiteral("contacts"),
                                            {{QStringLiteral("first_name"), QStringLiteral("Fay")}}));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return colleague.syncOnce() == sync::SyncProblem::None &&
                       synctest::count(colleague.device, "SELECT count(*) FROM contacts") == 5;
            },
            5000));
        QTest::qWait(1500); // past the one-second gap between rounds started this way
        QCOMPARE(rounds.count(), 1);

        // The server goes away; a local write is kept and counted, and nothing blocks.
        server.reset();
        QVERIFY(f.sync()->replica()->insert(QStringLiteral("contacts"),
                                            {{QStringLiteral("first_name"), QStringLiteral("Eve")}}));
        QTest::keyClick(f.shell().mainWindow(), Qt::Key_F5);
        QVERIFY(waitForStatus(f, QStringLiteral("Offline")));
        const QString offline = f.shell().syncController()->statusWidget()->text();
        QVERIFY2(offline.contains(QLatin1String("2 changes")) && offline.contains(QLatin1String("Last synced")),
                 qPrintable(offline));
        // Another write offline is counted within moments, with no round to wait for.
        QVERIFY(f.sync()->replica()->insert(QStringLiteral("contacts"),
                                            {{QStringLiteral("first_name"), QStringLiteral("Gus")}}));
        // Within 2 s: the next retry (about 5 s away) would recount them too.
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return f.shell().syncController()->statusWidget()->text().contains(QLatin1String("4 changes")); },
                2000),
            qPrintable(f.shell().syncController()->statusWidget()->text()));

        // Locking closes the replica and hides the corner; unlocking brings it back with the pending count.
        QTest::keyClick(f.shell().mainWindow(), Qt::Key_L, Qt::ControlModifier);
        QVERIFY(!f.sync()->isOpen());
        QTest::keyClicks(child(f.gate()->unlockView(), "passphrase"), kPassphrase);
        QTest::keyClick(child(f.gate()->unlockView(), "passphrase"), Qt::Key_Return);
        f.settle();
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isOpen(); }, 15000));
        QCOMPARE(f.sync()->visibleRows(QStringLiteral("contacts")), qint64(7));
        QVERIFY(f.sync()->isSignedIn());
        QVERIFY(!f.shell().syncController()->loginDialog()); // signed in already: no form
        // Still offline after the restart, and the status still says when the last sync was.
        QVERIFY2(waitForStatus(f, QStringLiteral("Last synced")),
                 qPrintable(f.shell().syncController()->statusWidget()->text()));
    }

    // A sign-in sent to an address that never answers, cancelled, and another sent to the right one: the second
    // signs in, and the first can no longer answer for it (before, its handler stayed connected, took the second
    // answer and kept the wrong address, or the second answer found no handler and nothing was kept).
    void aSignInCancelledWhileUnderWayNeverLands()
    {
        QTcpServer silent; // accepts connections and never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        InProcessServer server(m_dir.filePath(QStringLiteral("server-cancel")), QDateTime::currentMSecsSinceEpoch());
        server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog && dialog->isVisible());
        child(dialog, "loginServer")->setText(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        submit(dialog, QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(QTest::qWaitFor([&] { return silent.hasPendingConnections(); }, 5000));
        QTest::keyClick(dialog, Qt::Key_Escape);
        QVERIFY(QTest::qWaitFor([&] { return !f.shell().syncController()->loginDialog(); }, 5000));

        f.shell().syncController()->signInAction()->trigger();
        dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(child(dialog, "loginServer")->text(), server.url().toString());
        submit(dialog, QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isSignedIn(); }, 15000));
        QCOMPARE(f.sync()->account().serverUrl, server.url().toString());
        QVERIFY(QTest::qWaitFor([&] { return !f.shell().syncController()->loginDialog(); }, 5000));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));
        // The silent end lets go: the first attempt's reply, gone already, tells no one.
        while (QTcpSocket *peer = silent.nextPendingConnection())
            peer->abort();
        QTest::qWait(200);
        QCOMPARE(f.sync()->account().serverUrl, server.url().toString());
        QVERIFY(f.sync()->isSignedIn());
    }

    // A profile that has signed in belongs to that server, organisation and user: the form shows them read-only,
    // and another organisation is refused before any password is sent, so this profile's rows, cursor and unsent
    // changes never reach another tenant.
    void aProfileKeepsItsAccount()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("server-kept")), QDateTime::currentMSecsSinceEpoch());
        QVERIFY(server.port != 0);
        server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        server.newTenantToken(QStringLiteral("other"), QStringLiteral("u"));
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog && dialog->isVisible());
        QVERIFY(!child(dialog, "loginTenant")->isReadOnly()); // a new profile may go anywhere
        submit(dialog, QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isSignedIn(); }, 15000));
        QVERIFY(f.sync()->replica()->insert(QStringLiteral("contacts"),
                                            {{QStringLiteral("first_name"), QStringLiteral("Kept")}}));

        f.sync()->signOut();
        f.shell().syncController()->signInAction()->trigger();
        dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog && dialog->isVisible());
        for (const char *name : {"loginServer", "loginTenant", "loginUser"})
            QVERIFY2(child(dialog, name)->isReadOnly(), name);
        QVERIFY(!child(dialog, "loginPassword")->isReadOnly());
        QCOMPARE(child(dialog, "loginTenant")->text(), QStringLiteral("acme"));

        // Asked all the same (another caller than the form), the service refuses without contacting the server.
        const qint64 before = server.answered("login");
        QVERIFY(before >= 1); // the sign-in above was counted
        std::optional<app::LoginProblem> problem;
        const QMetaObject::Connection noted =
            connect(f.sync(), &app::SyncService::loginFinished, this,
                    [&](const app::LoginResult &result) { problem = result.problem; });
        f.sync()->login(server.url(), QStringLiteral("other"), QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(QTest::qWaitFor([&] { return problem.has_value(); }, 5000));
        disconnect(noted);
        QCOMPARE(*problem, app::LoginProblem::OtherAccount);
        auto *banner = dialog->findChild<ui::MessageBanner *>();
        QVERIFY2(banner->text().contains(QLatin1String("another server, organisation or user")),
                 qPrintable(banner->text()));
        QCOMPARE(server.answered("login"), before);
        QCOMPARE(f.sync()->account().tenant, QStringLiteral("acme"));
        QVERIFY(!f.sync()->isSignedIn());

        // The same account signs in again from the form, with the password alone, and the kept row goes up.
        QTest::keyClicks(child(dialog, "loginPassword"), QStringLiteral("unused password"));
        QTest::keyClick(child(dialog, "loginPassword"), Qt::Key_Return);
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isSignedIn(); }, 15000));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));
        QCOMPARE(f.sync()->status().pending, qint64(0));
    }

    // A round that cannot write the profile (a full disk) says so, and sync resumes by itself once it can again.
    void syncResumesAfterALocalError()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("server-local")), QDateTime::currentMSecsSinceEpoch());
        QVERIFY(server.port != 0);
        SyncedDevice colleague(m_dir.filePath(QStringLiteral("colleague-local.db")), server.clock.nowMs(), server.url(),
                               server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u")));
        QCOMPARE(colleague.open(), QString());
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog);
        submit(dialog, QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isLive(); }, 15000));

        QVERIFY(f.sync()->replica()->database().exec("PRAGMA query_only = 1"));
        QVERIFY(
            colleague.device->insert(QStringLiteral("contacts"), {{QStringLiteral("name"), QStringLiteral("Gus")}}));
        QCOMPARE(colleague.syncOnce(), sync::SyncProblem::None);
        QVERIFY(waitForStatus(f, QStringLiteral("Sync paused")));
        QCOMPARE(f.sync()->visibleRows(QStringLiteral("contacts")), qint64(0));

        // Nobody presses F5: the retry timer's round (5 s after the first failure) takes the change.
        QVERIFY(f.sync()->replica()->database().exec("PRAGMA query_only = 0"));
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->visibleRows(QStringLiteral("contacts")) == 1; }, 15000));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));
    }

    // A photo a form asked for before its author's upload reached the server (404) arrives by itself: after a later
    // round that reached the server, once the download's first wait is over, without the form asking again.
    void aPhotoAskedForTooSoonArrivesAfterALaterRound()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("server-photo")), QDateTime::currentMSecsSinceEpoch());
        server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u"));
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog && dialog->isVisible());
        submit(dialog, QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isSignedIn(); }, 15000));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));

        f.clock().freeze(); // the download's first wait is over only when the test says so
        const QByteArray photo(50'000, 'p');
        const sync::BlobName name = sync::BlobName::of(photo);
        int arrived = 0;
        f.sync()->fetchBlob(QString::fromLatin1(name.hex()), [&arrived](bool ok) { arrived += ok ? 1 : 100; });
        QVERIFY(QTest::qWaitFor([&] { return server.answered("blob_download", 404) == 1; }, 15000));
        auto stored = server.blobs->append(server.tenantId(QStringLiteral("acme")), name, 0, photo.size(), photo);
        QVERIFY(stored && stored->outcome == server::BlobStore::Appended::Complete); // the author's upload

        QSignalSpy ended(f.sync(), &app::SyncService::roundEnded);
        f.sync()->syncNow(); // before the wait is over: not asked again
        QVERIFY(ended.wait(15000));
        QCOMPARE(server.answered("blob_download"), qint64(1));
        f.clock().advance(sync::BlobFetches::FirstWaitMs);
        f.sync()->syncNow();
        QVERIFY(QTest::qWaitFor([&] { return arrived != 0; }, 15000));
        QCOMPARE(arrived, 1);
        QCOMPARE(server.answered("blob_download", 200), qint64(1)); // the whole photo, once
        QCOMPARE(server.answered("blob_download"), qint64(2));
    }

    void theStatusSaysOnceWhenItSyncedAndWhatWaits()
    {
        using ui::SyncController;
        using Reason = sync::SetAsideBlobs::Reason;
        const QString at = QStringLiteral("10:02");
        const QString gone = QStringLiteral("This record no longer exists.");
        QCOMPARE(SyncController::rejectedText(at, gone, {}),
                 QStringLiteral("Synced at 10:02, but the server refused some changes: This record no longer exists."));
        sync::SetAsideBlobs::Summary damaged{2, Reason::Damaged, {}, true};
        const QString both = SyncController::rejectedText(at, gone, damaged);
        QCOMPARE(both.count(QLatin1String("Synced at")), 1);
        QVERIFY2(both.contains(QLatin1String("no longer exists. 2 attachment")), qPrintable(both));
        QVERIFY2(both.contains(QLatin1String("(damaged on this computer)")), qPrintable(both));
        const QString onlyAside = SyncController::rejectedText(at, {}, damaged);
        QVERIFY2(onlyAside.startsWith(QLatin1String("Synced at 10:02. 2 attachment")), qPrintable(onlyAside));
        QVERIFY2(onlyAside.contains(QLatin1String("every 15 minutes")), qPrintable(onlyAside));
        sync::SetAsideBlobs::Summary mixed{3, Reason::Refused, QStringLiteral("Not this one."), false};
        QVERIFY2(SyncController::setAsideText(mixed).contains(
                     QLatin1String("(for more than one reason; the latest: the server did not accept it)")),
                 qPrintable(SyncController::setAsideText(mixed)));
        QVERIFY(SyncController::setAsideText({}).isEmpty());
    }

    // After a failed round only the retry timer (or the user) starts the next: live notifications meanwhile (every
    // device of the tenant hears each push) do not send this computer to a failing server again. A 429's Retry-After
    // takes the same path (RetryPolicy); here the server's store fails (500).
    void aFailingServerIsNotAskedAgainAtEachLiveNotification()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("server-failing")), QDateTime::currentMSecsSinceEpoch());
        QVERIFY(server.port != 0);
        QVERIFY(!server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u")).isEmpty());
        const qint64 tenant = server.tenantId(QStringLiteral("acme"));
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        submit(f.shell().syncController()->loginDialog(), QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));
        QVERIFY(QTest::qWaitFor([&] { return f.sync()->isLive(); }, 15000));

        QSqlDatabase store = QSqlDatabase::database(server.store->connectionName());
        QVERIFY(QSqlQuery(store).exec(QStringLiteral("ALTER TABLE sync_rows RENAME TO sync_rows_away")));
        const qint64 failedBefore = server.answered("pull", 500);
        server.live->notify(tenant, 1000); // news: the device pulls at once, and the pull fails
        QVERIFY(waitForStatus(f, QStringLiteral("The server had a problem")));
        QCOMPARE(server.answered("pull", 500), failedBefore + 1);
        const qint64 pulls = server.answered("pull");
        // News until a second before the retry (the first comes 3.75 to 6.25 s after the failure).
        qint64 cursor = 1000;
        while (f.sync()->nextRoundInMs() > 1000) {
            server.live->notify(tenant, ++cursor);
            QTest::qWait(100);
        }
        QVERIFY2(cursor >= 1005, qPrintable(QString::number(cursor))); // news came, several times
        QCOMPARE(server.answered("pull"), pulls);                      // and waited for the retry
        QVERIFY(f.sync()->isLive());

        QVERIFY(QSqlQuery(store).exec(QStringLiteral("ALTER TABLE sync_rows_away RENAME TO sync_rows")));
        QVERIFY2(waitForStatus(f, QStringLiteral("Online. Synced at")),
                 qPrintable(f.shell().syncController()->statusWidget()->text()));
        QVERIFY(server.answered("pull", 200) > 0);
        QCOMPARE(server.answered("pull", 500), failedBefore + 1);
    }

    // The server names why it refused a change, and this computer words it in its user's language: a field rep's new
    // product comes back refused, said in English, then in Chinese once the user switches, with no new round.
    void aRefusalIsWordedInTheUsersLanguage()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("server-refusal")), QDateTime::currentMSecsSinceEpoch());
        QVERIFY(server.port != 0);
        QVERIFY(!server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u")).isEmpty()); // a field user
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        submit(f.shell().syncController()->loginDialog(), QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));

        QVERIFY(f.sync()->replica()->insert(
            QStringLiteral("products"),
            {{QStringLiteral("sku"), QStringLiteral("W-1")}, {QStringLiteral("unit_price_cents"), qint64(100)}}));
        const sync::Refusal catalog{sync::Refusal::Kind::CatalogByManagers, {}};
        QVERIFY2(waitForStatus(f, catalog.words()), qPrintable(f.shell().syncController()->statusWidget()->text()));
        QVERIFY(catalog.words().startsWith(QLatin1String("Only managers and administrators")));
        QCOMPARE(f.sync()->visibleRows(QStringLiteral("products")), qint64(0)); // the server's copy: none

        QVERIFY(f.language().setLanguage(QStringLiteral("zh_CN")));
        const auto english = qScopeGuard([&f] { f.language().setLanguage(QStringLiteral("en")); });
        QCoreApplication::processEvents();
        const QString status = f.shell().syncController()->statusWidget()->text();
        QVERIFY2(!catalog.words().startsWith(QLatin1String("Only")), qPrintable(catalog.words())); // translated
        QVERIFY2(status.contains(catalog.words()), qPrintable(status));
        QVERIFY2(!status.contains(QLatin1String("Only managers")), qPrintable(status));
    }

    // A clock too far ahead is told in the user's language too, the difference included, with no new round: the server
    // runs ten minutes behind this computer, so it keeps the new product's change for later.
    void aClockDifferenceIsWordedInTheUsersLanguage()
    {
        const qint64 behindMs = 10 * 60 * 1000;
        InProcessServer server(m_dir.filePath(QStringLiteral("server-clock")),
                               QDateTime::currentMSecsSinceEpoch() - behindMs);
        QVERIFY(server.port != 0);
        QVERIFY(!server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u")).isEmpty());
        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        submit(f.shell().syncController()->loginDialog(), QStringLiteral("u"), QStringLiteral("unused password"));
        QVERIFY(waitForStatus(f, QStringLiteral("Synced at")));

        QVERIFY(f.sync()->replica()->insert(QStringLiteral("contacts"),
                                            {{QStringLiteral("first_name"), QStringLiteral("Ada")}}));
        QVERIFY2(waitForStatus(f, QStringLiteral("ahead of the server's")),
                 qPrintable(f.shell().syncController()->statusWidget()->text()));
        const qint64 offMs = f.sync()->status().clockOffMs;
        QVERIFY2(offMs > behindMs - 60000 && offMs <= behindMs + 60000, qPrintable(QString::number(offMs)));
        const QString english = sync::HybridLogicalClock::describeDuration(offMs);
        QVERIFY2(english.endsWith(QLatin1String("minutes")), qPrintable(english));
        QVERIFY(f.shell().syncController()->statusWidget()->text().contains(english));

        QVERIFY(f.language().setLanguage(QStringLiteral("zh_CN")));
        const auto backToEnglish = qScopeGuard([&f] { f.language().setLanguage(QStringLiteral("en")); });
        QCoreApplication::processEvents();
        const QString chinese = sync::HybridLogicalClock::describeDuration(offMs);
        QVERIFY2(chinese != english, qPrintable(chinese));
        const QString status = f.shell().syncController()->statusWidget()->text();
        QVERIFY2(status.contains(chinese), qPrintable(status));
        QVERIFY2(!status.contains(QLatin1String("minute")), qPrintable(status));
    }

    // The designer (and the campaign progress) follow the role the server granted: offered after a tenant admin signs
    // in, gone on sign-out.
    void designerOnlyForAdmins()
    {
        InProcessServer server(m_dir.filePath(QStringLiteral("server-admin")), QDateTime::currentMSecsSinceEpoch());
        QVERIFY(server.port != 0);
        QVERIFY(!server.newTenantToken(QStringLiteral("acme"), QStringLiteral("u")).isEmpty());
        auto hash = server.credentials.hashPassword(QStringLiteral("boss password"));
        QVERIFY(hash);
        QVERIFY(server.store->createUser(server.tenantId(QStringLiteral("acme")), QStringLiteral("boss"), *hash,
                                         server::Role::Admin));

        UiFixture f(nullptr, ui::SyncController::LoginDefaults{server.url().toString(), QStringLiteral("acme"), {}});
        QVERIFY(f.createProfile());
        auto *designer = f.shell().mainWindow()->findChild<ui::DesignerWorkspace *>();
        QVERIFY(designer);
        QVERIFY(!f.shell().mainWindow()->isWorkspaceAvailable(designer));
        ui::LoginDialog *dialog = f.shell().syncController()->loginDialog();
        QVERIFY(dialog);
        submit(dialog, QStringLiteral("boss"), QStringLiteral("boss password"));
        QVERIFY(QTest::qWaitFor([&] { return f.shell().mainWindow()->isWorkspaceAvailable(designer); }, 15000));
        QCOMPARE(f.sync()->account().role, QStringLiteral("admin"));
        auto *progress = f.shell().mainWindow()->findChild<ui::ProgressWorkspace *>();
        QVERIFY(f.shell().mainWindow()->isWorkspaceAvailable(progress));
        QVERIFY(f.shell().mainWindow()->isWorkspaceAvailable(
            f.shell().mainWindow()->findChild<ui::CampaignSetupWorkspace *>()));
        f.shell().mainWindow()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(f.shell().mainWindow()));
        QTest::keyClick(f.shell().mainWindow(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(f.shell().mainWindow()->currentWorkspace(), designer);

        // Signing out takes it away and leaves the designer for the first workspace.
        f.sync()->signOut();
        QVERIFY(QTest::qWaitFor([&] { return !f.shell().mainWindow()->isWorkspaceAvailable(designer); }, 15000));
        QVERIFY(!f.shell().mainWindow()->isWorkspaceAvailable(progress));
        QVERIFY(f.shell().mainWindow()->currentWorkspace() != designer);
    }
};

QTEST_MAIN(TestSignIn)
#include "tst_signin.moc"
