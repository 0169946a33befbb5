// The demo tenant's rows: deterministic, idempotent when seeded twice, and written in the client's schema, so a
// client that signs in to `fieldline-server --demo` shows every row and every column.
#include "../sync/ManualClock.h"
#include "app/formsync/FormTables.h"
#include "app/sync/AppSchema.h"
#include "server/Credentials.h"
#include "server/DemoData.h"
#include "server/DemoSeed.h"
#include "server/SyncStore.h"
#include "server/TenantStore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace fieldline;

class TestDemoData : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(server::Credentials::initialise()); }

    void rowsMatchTheClientSchema()
    {
        const sync::ChangeBatch rows = server::demoRows({});
        const sync::SyncSchema schema = app::appSchema();
        std::map<QString, std::set<QByteArray>> rowsPerTable;
        for (const sync::Change &change : rows) {
            const sync::TableSchema *table = schema.find(change.table);
            QVERIFY2(table, qPrintable(change.table));
            QVERIFY2(change.isRowChange() || table->hasColumn(change.column), qPrintable(change.column));
            rowsPerTable[change.table].insert(change.row.toBytes());
        }
        QCOMPARE(rowsPerTable[QStringLiteral("contacts")].size(), size_t(10000));
        QCOMPARE(rowsPerTable[QStringLiteral("accounts")].size(), size_t(500));
        QCOMPARE(rowsPerTable[QStringLiteral("products")].size(), size_t(5000));
        QCOMPARE(rowsPerTable[QStringLiteral("visits")].size(), size_t(200));
        // Deterministic: the same bytes on every run.
        const sync::ChangeBatch again = server::demoRows({});
        QCOMPARE(again.size(), rows.size());
        for (size_t i = 0; i < rows.size(); i += 997) {
            QCOMPARE(again[i].row, rows[i].row);
            QVERIFY(again[i].value == rows[i].value);
            QVERIFY(again[i].stamp == rows[i].stamp);
        }
    }

    void seedingTwiceChangesNothing()
    {
        QTemporaryDir dir;
        auto store = server::TenantStore::open(dir.path(), QStringLiteral("demo-seed"));
        QVERIFY2(store, qPrintable(store.message()));
        ManualClock clock;
        server::SyncStore sync((*store)->connectionName(), clock);
        const server::Credentials credentials(server::PasswordCost::Minimum);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(server::seedDemoTenant(**store, credentials, sync));
        const qint64 firstMs = timer.elapsed();
        const qint64 tenant = *(*store)->tenantId(QStringLiteral("demo")).value();
        const qint64 cursor = *sync.cursor(tenant);
        QCOMPARE(cursor, qint64(10000 + 500 + 5000 + 200 + 1)); // the rows and the visit report's layout
        auto layouts = sync.rows(tenant, QStringLiteral("form_layouts"));
        QCOMPARE(layouts->size(), size_t(1));
        QCOMPARE(layouts->front().id, formsync::layoutRowId(QStringLiteral("visit-report"), 1));
        QVERIFY(server::seedDemoTenant(**store, credentials, sync));
        QCOMPARE(*sync.cursor(tenant), cursor);
        qInfo("seeding 15,700 demo rows took %lld ms", firstMs);
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
