#include "server/Credentials.h"
#include "server/DemoSeed.h"
#include "server/SyncStore.h"
#include "server/TenantStore.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fieldline::server;
using fieldline::storage::ErrorCode;

/** The tenant store on its own: migrations, constraints, tenant-scoped lookups, tokens, demo seeding. */
class TestTenantStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(Credentials::initialise()); }

    void migratesAndReopens()
    {
        QTemporaryDir dir;
        {
            auto store = TenantStore::open(dir.path(), QStringLiteral("a"));
            QVERIFY2(store, qPrintable(store.message()));
            QCOMPARE(store.value()->schemaVersion(), TenantStore::SchemaVersion);
            QVERIFY(store.value()->createTenant(QStringLiteral("demo")));
            // One connection name, one store: a second open on the same name is refused, not shared.
            QCOMPARE(TenantStore::open(dir.path(), QStringLiteral("a")).code(), ErrorCode::Invalid);
        }
        auto reopened = TenantStore::open(dir.path(), QStringLiteral("a"));
        QVERIFY2(reopened, qPrintable(reopened.message()));
        auto id = reopened.value()->tenantId(QStringLiteral("demo"));
        QVERIFY(id && id.value());
    }

    void refusesANewerSchema()
    {
        QTemporaryDir dir;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(dir.filePath(QStringLiteral("tenants.sqlite")));
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        auto store = TenantStore::open(dir.path(), QStringLiteral("b"));
        QCOMPARE(store.code(), ErrorCode::Unsupported);
        QVERIFY(store.message().contains(QLatin1String("99")));
    }

    /** From every older version to the current one: the same tables and columns as migrating in one go. */
    void migratesFromEveryOlderVersion()
    {
        QTemporaryDir dir;
        const auto schemaAt = [&dir](int from) {
            const QString folder = dir.filePath(QString::number(from));
            for (int target : {from, int(TenantStore::SchemaVersion)}) {
                auto store = TenantStore::open(sqliteDialect(folder), QStringLiteral("m"),
                                               TenantStore::OpenMode::Migrate, target);
                if (!store || store.value()->schemaVersion() != target)
                    return QStringLiteral("migration to %1 failed: %2").arg(target).arg(store.message());
            }
            QString schema;
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("schema"));
                db.setDatabaseName(QDir(folder).filePath(QStringLiteral("tenants.sqlite")));
                QSqlQuery q(db);
                if (db.open() && q.exec(QStringLiteral("SELECT m.name, p.name, p.type, p.\"notnull\", p.pk"
                                                       " FROM sqlite_master m, pragma_table_info(m.name) p"
                                                       " WHERE m.type = 'table' ORDER BY 1, 2"))) {
                    while (q.next()) {
                        for (int i = 0; i < 5; ++i)
                            schema += q.value(i).toString() + u' ';
                        schema += u'\n';
                    }
                }
            }
            QSqlDatabase::removeDatabase(QStringLiteral("schema"));
            return schema;
        };
        const QString expected = schemaAt(TenantStore::SchemaVersion);
        QVERIFY2(expected.contains(QLatin1String("devices acked_cursor INTEGER 1 0")), qPrintable(expected));
        for (int from = 0; from < TenantStore::SchemaVersion; ++from)
            QCOMPARE(schemaAt(from), expected);
    }

    void lookupsStayInsideTheirTenant()
    {
        QTemporaryDir dir;
        auto opened = TenantStore::open(dir.path(), QStringLiteral("c"));
        QVERIFY(opened);
        TenantStore &store = *opened.value();
        const qint64 a = store.createTenant(QStringLiteral("a")).value();
        const qint64 b = store.createTenant(QStringLiteral("b")).value();
        QCOMPARE(store.createTenant(QStringLiteral("a")).code(), ErrorCode::Constraint);
        const qint64 userA = store.createUser(a, QStringLiteral("sam"), "hash", Role::Field).value();
        QCOMPARE(store.createUser(a, QStringLiteral("sam"), "hash", Role::Agent).code(), ErrorCode::Constraint);

        QVERIFY(store.findUser(a, QStringLiteral("sam")).value());
        QVERIFY(!store.findUser(b, QStringLiteral("sam")).value());
        // A device cannot be registered in tenant b for tenant a's user (composite foreign key).
        QVERIFY(!store.issueDeviceToken(b, userA, QStringLiteral("laptop")));

        const QByteArray token = store.issueDeviceToken(a, userA, QStringLiteral("laptop")).value();
        auto identity = store.authenticate(token);
        QVERIFY(identity && identity.value());
        QCOMPARE(identity.value()->tenant, QStringLiteral("a"));
        QCOMPARE(identity.value()->role, Role::Field);
        const QByteArray moved = QByteArray::number(b) + token.mid(token.indexOf('.'));
        QVERIFY(!store.authenticate(moved).value());
        QVERIFY(!store.authenticate("nonsense").value());

        QCOMPARE(store.revokeDevice(b, identity.value()->deviceId).code(), ErrorCode::NotFound);
        QVERIFY(store.revokeDevice(a, identity.value()->deviceId));
        QVERIFY(!store.authenticate(token).value());
    }

    void demoSeedIsIdempotent()
    {
        QTemporaryDir dir;
        auto opened = TenantStore::open(dir.path(), QStringLiteral("d"));
        QVERIFY(opened);
        const Credentials credentials(PasswordCost::Minimum);
        const fieldline::sync::SystemClock clock;
        SyncStore sync(opened.value()->connectionName(), clock);
        QVERIFY(seedDemoTenant(*opened.value(), credentials, sync));
        const qint64 demo = *opened.value()->tenantId(QStringLiteral("demo")).value();
        const QByteArray firstHash = opened.value()->findUser(demo, QStringLiteral("admin")).value()->passwordHash;
        QVERIFY(seedDemoTenant(*opened.value(), credentials, sync));
        for (Role role : {Role::Agent, Role::Field, Role::Manager, Role::Admin}) {
            auto user = opened.value()->findUser(demo, roleName(role));
            QVERIFY(user && user.value());
            QCOMPARE(user.value()->role, role);
            QVERIFY(credentials.verifyPassword(user.value()->passwordHash, roleName(role) + QStringLiteral("-demo-1")));
        }
        QCOMPARE(opened.value()->findUser(demo, QStringLiteral("admin")).value()->passwordHash, firstHash);
    }
};

QTEST_GUILESS_MAIN(TestTenantStore)
#include "tst_tenantstore.moc"
