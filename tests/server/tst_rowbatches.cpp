// The server reads the rows a write touches with statements of 64, 8 or 1 primary-key lookups, and saves them up to
// 64 to a statement, on both backends: every row count around those sizes is written, read back and overwritten
// whole. On PostgreSQL, the read's plan must look each id up through the primary key even when the plan was made
// while the table was empty or small: a prepared statement keeps its plan, and one that compared the ids with every
// row of the tenant's table made an import of 50,000 contacts hold the server for 20 s.
#include "SyncServerKit.h"

#include "sync/HybridLogicalClock.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QtTest>

#include <QtEndian>

#include <map>
#include <memory>
#include <set>

using namespace fieldline;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;
const QString Contacts = QStringLiteral("contacts");

sync::RowId idOf(int tenant, int row)
{
    QByteArray bytes(16, '\0');
    qToBigEndian<quint32>(quint32(tenant), bytes.data());
    qToBigEndian<quint32>(quint32(row), bytes.data() + 12);
    return *sync::RowId::fromBytes(bytes);
}

/** @p count rows of the tenant numbered @p tenant, each a record and its two cells named after @p round. */
sync::ChangeBatch rowsOf(int tenant, int count, int round, const sync::SiteId &site)
{
    sync::ChangeBatch changes;
    const sync::Stamp stamp{1, sync::HybridLogicalClock::make(T0 - 10'000 + round, 0), site};
    for (int i = 0; i < count; ++i) {
        const sync::RowId row = idOf(tenant, i);
        changes.push_back({Contacts, row, QString(), {}, stamp, 0});
        for (const auto &[column, value] : contact(QStringLiteral("r%1-%2").arg(round).arg(i).toUtf8(), i + round))
            changes.push_back({Contacts, row, column, value, stamp, 0});
    }
    return changes;
}

} // namespace

class TestRowBatches : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_postgres;
    std::map<QString, std::unique_ptr<InProcessServer>> m_servers;
    int m_tenants = 0;

    InProcessServer &serverOn(const QString &backend)
    {
        std::unique_ptr<InProcessServer> &server = m_servers[backend];
        if (!server)
            server = std::make_unique<InProcessServer>(
                m_dir.filePath(backend), T0, backend == QLatin1String("postgres") ? m_postgres.postgres : std::nullopt);
        return *server;
    }

    /** A new tenant on @p server, entered; its number in row ids through @p number. 0 on failure. */
    qint64 newTenant(InProcessServer &server, int *number)
    {
        *number = ++m_tenants;
        const QString name = QStringLiteral("batch%1").arg(*number);
        if (server.newTenantToken(name, QStringLiteral("u")).isEmpty())
            return 0;
        const qint64 id = server.tenantId(name);
        return id != 0 && server.store->enterTenant(id) ? id : 0;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_postgres.setUp(QStringLiteral("postgres")), QString());
    }

    // PostgreSQL is made to use, for every later run, the plan it makes for a statement now (it does so by itself
    // after five runs when that plan looks cheap). Such a plan made while sync_rows was empty and never analysed
    // compared the ids in a filter; one made once a few rows were analysed scans the table. Either way each statement
    // the read left prepared must look up every id inside an index condition. Runs first, on a new cluster.
    void theReadLooksUpEachIdThroughThePrimaryKey_data()
    {
        QTest::addColumn<bool>("analysed");
        QTest::newRow("empty, never analysed") << false;
        QTest::newRow("a few rows, analysed") << true;
    }
    void theReadLooksUpEachIdThroughThePrimaryKey()
    {
        QFETCH(bool, analysed);
        InProcessServer &server = serverOn(QStringLiteral("postgres"));
        QVERIFY(server.port != 0);
        int number = 0;
        const qint64 tenantId = newTenant(server, &number);
        QVERIFY(tenantId != 0);
        if (analysed) {
            QVERIFY(server.sync->writeAsServer(tenantId, rowsOf(number, 20, 1, sync::SiteId::generate())));
            QVERIFY(m_postgres.runOnStore(QString(), {QStringLiteral("ANALYZE sync_rows")}));
        }
        QSqlQuery session(QSqlDatabase::database(server.store->connectionName()));
        QVERIFY2(session.exec(QStringLiteral("SET plan_cache_mode = force_generic_plan")),
                 qPrintable(session.lastError().text()));
        const auto automatic = qScopeGuard([&] { session.exec(QStringLiteral("SET plan_cache_mode = auto")); });
        for (int count : {1, 2, 64}) { // a statement of each size: 1, 8 and 64 lookups
            std::vector<sync::RowId> ids;
            for (int i = 0; i < count; ++i)
                ids.push_back(idOf(number, 100 + i));
            auto none = server.sync->rows(tenantId, Contacts, ids);
            QVERIFY2(none, qPrintable(none.message()));
            QVERIFY(none->empty());
        }

        QVERIFY(session.exec(QStringLiteral("SELECT name, cardinality(parameter_types) FROM pg_prepared_statements"
                                            " WHERE statement LIKE '%FROM sync_rows%row_id = %'")));
        std::vector<std::pair<QString, int>> statements;
        while (session.next())
            statements.emplace_back(session.value(0).toString(), session.value(1).toInt());
        QCOMPARE(statements.size(), size_t(3));
        for (const auto &[name, parameters] : statements) {
            QStringList nulls;
            for (int i = 0; i < parameters; ++i)
                nulls << QStringLiteral("NULL");
            QVERIFY2(session.exec(QStringLiteral("EXPLAIN EXECUTE %1(%2)").arg(name, nulls.join(u','))),
                     qPrintable(session.lastError().text()));
            int lookups = 0;
            QStringList plan;
            while (session.next()) {
                const QString line = session.value(0).toString();
                plan << line;
                if (line.contains(QLatin1String("row_id"))) {
                    QVERIFY2(line.contains(QLatin1String("Index Cond:")), qPrintable(plan.join(u'\n')));
                    ++lookups;
                }
            }
            QVERIFY2(lookups == parameters / 3, qPrintable(plan.join(u'\n'))); // one per id
        }
    }

    void counts_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("count");
        for (const char *backend : {"sqlite", "postgres"}) {
            for (int count : {1, 7, 8, 9, 63, 64, 65, 72, 73, 200}) {
                QTest::addRow("%s-%d", backend, count) << QString::fromLatin1(backend) << count;
            }
        }
    }

    // Each count is written (new rows), read back by id with an unknown id among them, then overwritten (the
    // upsert's update path): every row comes back once with the cells of the last write, and a pull from the start
    // holds each row's three changes once, up to the cursor of the second write.
    void everyRowOfAWriteIsSavedAndReadBack_data() { counts_data(); }
    void everyRowOfAWriteIsSavedAndReadBack()
    {
        QFETCH(QString, backend);
        QFETCH(int, count);
        InProcessServer &server = serverOn(backend);
        QVERIFY(server.port != 0);
        int number = 0;
        const qint64 tenantId = newTenant(server, &number);
        QVERIFY(tenantId != 0);
        const sync::SiteId site = sync::SiteId::generate();
        std::vector<sync::RowId> ids;
        for (int i = 0; i < count; ++i)
            ids.push_back(idOf(number, i));
        ids.push_back(idOf(number, count)); // never written

        for (int round = 1; round <= 2; ++round) {
            auto seq = server.sync->writeAsServer(tenantId, rowsOf(number, count, round, site));
            QVERIFY2(seq, qPrintable(seq.message()));
            QCOMPARE(*seq, qint64(round * count));
            auto stored = server.sync->rows(tenantId, Contacts, ids);
            QVERIFY2(stored, qPrintable(stored.message()));
            QCOMPARE(int(stored->size()), count);
            std::set<sync::RowId> seen;
            for (const server::SyncStore::StoredRow &row : *stored) {
                QVERIFY(seen.insert(row.id).second);
                const int i = int(qFromBigEndian<quint32>(row.id.toBytes().constData() + 12));
                QVERIFY(i < count);
                QCOMPARE(row.state.cells.size(), size_t(2));
                for (const sync::CellState &cell : row.state.cells) {
                    const sync::Value expected = cell.column == QLatin1String("qty")
                                                     ? sync::Value(qint64(i + round))
                                                     : sync::Value(QStringLiteral("r%1-%2").arg(round).arg(i));
                    QCOMPARE(cell.value, expected);
                }
            }
        }
        auto pulled =
            server.sync->pull(tenantId, server::ReplicationScope::everything(), 0, server::SyncStore::MaxPullChanges);
        QVERIFY2(pulled, qPrintable(pulled.message()));
        QCOMPARE(int(pulled->changes.size()), count * 3);
        QVERIFY(!pulled->more);
        QCOMPARE(pulled->nextCursor, qint64(2 * count));
    }

    // Rows with large cells go fewer to a statement (SyncRowWrites::MaxQueuedBytes): 24 rows of 256 KiB each, 6 MiB
    // in all, are saved and read back whole.
    void largeRowsAreSavedWhole_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }
    void largeRowsAreSavedWhole()
    {
        QFETCH(QString, backend);
        InProcessServer &server = serverOn(backend);
        int number = 0;
        const qint64 tenantId = newTenant(server, &number);
        QVERIFY(tenantId != 0);
        constexpr int Count = 24;
        sync::ChangeBatch changes;
        std::vector<sync::RowId> ids;
        const sync::Stamp stamp{1, sync::HybridLogicalClock::make(T0 - 1000, 0), sync::SiteId::generate()};
        for (int i = 0; i < Count; ++i) {
            ids.push_back(idOf(number, i));
            changes.push_back({Contacts, ids.back(), QString(), {}, stamp, 0});
            changes.push_back(
                {Contacts, ids.back(), QStringLiteral("name"), QString(256 * 1024, QChar(u'a' + i % 26)), stamp, 0});
        }
        auto seq = server.sync->writeAsServer(tenantId, changes);
        QVERIFY2(seq, qPrintable(seq.message()));
        QCOMPARE(*seq, qint64(Count));
        auto stored = server.sync->rows(tenantId, Contacts, ids);
        QVERIFY2(stored, qPrintable(stored.message()));
        QCOMPARE(int(stored->size()), Count);
        for (const server::SyncStore::StoredRow &row : *stored) {
            const int i = int(qFromBigEndian<quint32>(row.id.toBytes().constData() + 12));
            QCOMPARE(row.state.cells.size(), size_t(1));
            QCOMPARE(row.state.cells.front().value, sync::Value(QString(256 * 1024, QChar(u'a' + i % 26))));
        }
    }

    void cleanupTestCase() { m_servers.clear(); }
};

QTEST_GUILESS_MAIN(TestRowBatches)
#include "tst_rowbatches.moc"
