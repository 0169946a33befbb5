#include "storage/Migrations.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline::storage;

namespace {

/** The schema as SQLite stores it, in a stable order: two databases with equal dumps have equal schemas. */
QStringList schemaOf(Database &db)
{
    QStringList rows;
    Result<std::unique_ptr<Statement>> stmt =
        db.prepareUncached("SELECT type, name, sql FROM sqlite_schema ORDER BY type, name");
    if (!stmt)
        return {QStringLiteral("error: ") + stmt.message()};
    while (Result<bool> row = (*stmt)->step()) {
        if (!*row)
            break;
        rows << (*stmt)->text(0) + QLatin1Char(' ') + (*stmt)->text(1) + QLatin1Char(' ') + (*stmt)->text(2);
    }
    return rows;
}

qint64 version(Database &db)
{
    return *db.queryInt("PRAGMA user_version");
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void standardSchemaHasTheTables();
    void fromEveryOlderVersion_data();
    void fromEveryOlderVersion();
    void migratingTwiceChangesNothing();
    void newerDatabaseRefusedUntouched();
    void failedMigrationRollsBackCompletely();
    void targetOutOfRangeIsInvalid();

private:
    std::unique_ptr<Database> openNew(const QString &name);

    QTemporaryDir m_dir;
    QStringList m_latestSchema;
};

std::unique_ptr<Database> TestMigrations::openNew(const QString &name)
{
    auto db = Database::open(m_dir.filePath(name), DatabaseKey::generate(), {.create = true});
    return db ? std::move(*db) : nullptr;
}

void TestMigrations::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCOMPARE(Migrations::standard().latestVersion(), 2);
    auto fresh = openNew(QStringLiteral("fresh.db"));
    QVERIFY(fresh);
    QCOMPARE(version(*fresh), 0);
    Status migrated = Migrations::standard().migrate(*fresh);
    QVERIFY2(migrated.ok(), qPrintable(migrated.message()));
    QCOMPARE(version(*fresh), 2);
    m_latestSchema = schemaOf(*fresh);
}

void TestMigrations::standardSchemaHasTheTables()
{
    QVERIFY2(m_latestSchema.filter(QStringLiteral("table settings ")).size() == 1,
             qPrintable(m_latestSchema.join(QLatin1Char('\n'))));
    QVERIFY(m_latestSchema.filter(QStringLiteral("table audit_events ")).size() == 1);
    auto db = openNew(QStringLiteral("tables.db"));
    QVERIFY(db && Migrations::standard().migrate(*db).ok());
    QVERIFY(db->exec("INSERT INTO settings(key, value) VALUES ('theme', 'dark')").ok());
    QCOMPARE(db->exec("INSERT INTO settings(key, value) VALUES ('theme', 'light')").code(), ErrorCode::Constraint);
    QVERIFY(db->exec("INSERT INTO audit_events(at_ms, kind, detail) VALUES (1, 'unlocked', NULL)").ok());
    QCOMPARE(db->exec("INSERT INTO audit_events(at_ms, kind) VALUES (1, NULL)").code(), ErrorCode::Constraint);
    QCOMPARE(db->exec("INSERT INTO audit_events(kind) VALUES ('x')").code(), ErrorCode::Constraint);
}

void TestMigrations::fromEveryOlderVersion_data()
{
    QTest::addColumn<int>("from");
    for (int k = 0; k < Migrations::standard().latestVersion(); ++k)
        QTest::addRow("from v%d", k) << k;
}

void TestMigrations::fromEveryOlderVersion()
{
    QFETCH(int, from);
    const QString path = m_dir.filePath(QStringLiteral("from%1.db").arg(from));
    const DatabaseKey key = DatabaseKey::generate();
    {
        // An "old" database: made by applying only the first `from` migrations, used a little, then closed.
        auto db = Database::open(path, key, {.create = true});
        QVERIFY(db);
        Status partial = Migrations::standard().migrate(**db, from);
        QVERIFY2(partial.ok(), qPrintable(partial.message()));
        QCOMPARE(version(**db), from);
        if (from >= 1)
            QVERIFY((*db)->exec("INSERT INTO settings(key, value) VALUES ('kept', 42)").ok());
    }
    // A later session of a newer Fieldline opens it and brings it up to date.
    auto db = Database::open(path, key);
    QVERIFY2(db, qPrintable(db.message()));
    QCOMPARE(version(**db), from);
    Status migrated = Migrations::standard().migrate(**db);
    QVERIFY2(migrated.ok(), qPrintable(migrated.message()));
    QCOMPARE(version(**db), Migrations::standard().latestVersion());
    QCOMPARE(schemaOf(**db), m_latestSchema); // same schema as a database migrated from scratch
    if (from >= 1)
        QCOMPARE(*(*db)->queryInt("SELECT value FROM settings WHERE key = 'kept'"), 42);
    QVERIFY((*db)->integrityCheck().ok());
}

void TestMigrations::migratingTwiceChangesNothing()
{
    auto db = openNew(QStringLiteral("twice.db"));
    QVERIFY(db && Migrations::standard().migrate(*db).ok());
    QVERIFY(db->exec("INSERT INTO audit_events(at_ms, kind) VALUES (5, 'created')").ok());
    QVERIFY(Migrations::standard().migrate(*db).ok());
    QCOMPARE(version(*db), 2);
    QCOMPARE(*db->queryInt("SELECT count(*) FROM audit_events"), 1);
    QCOMPARE(schemaOf(*db), m_latestSchema);
}

void TestMigrations::newerDatabaseRefusedUntouched()
{
    auto db = openNew(QStringLiteral("newer.db"));
    QVERIFY(db);
    QVERIFY(db->exec("CREATE TABLE from_the_future(x); PRAGMA user_version=3").ok());
    const QStringList before = schemaOf(*db);
    Status refused = Migrations::standard().migrate(*db);
    QCOMPARE(refused.code(), ErrorCode::Unsupported);
    QVERIFY2(refused.message().contains(QStringLiteral("newer version of Fieldline")), qPrintable(refused.message()));
    QVERIFY(refused.message().contains(QStringLiteral("3")));
    QCOMPARE(version(*db), 3);
    QCOMPARE(schemaOf(*db), before); // no settings/audit_events tables were created
}

void TestMigrations::failedMigrationRollsBackCompletely()
{
    const Migrations broken({
        {1, {"CREATE TABLE a(x)"}},
        {2, {"CREATE TABLE b(x)", "INSERT INTO a VALUES (1)", "THIS IS NOT SQL"}},
        {3, {"CREATE TABLE c(x)"}},
    });
    auto db = openNew(QStringLiteral("broken.db"));
    QVERIFY(db);
    Status failed = broken.migrate(*db);
    QVERIFY(!failed.ok());
    QVERIFY2(failed.message().contains(QStringLiteral("migration 2")), qPrintable(failed.message()));
    QCOMPARE(version(*db), 1); // version 1 committed, version 2 rolled back whole, version 3 never ran
    QCOMPARE(*db->queryInt("SELECT count(*) FROM sqlite_schema WHERE name IN ('b', 'c')"), 0);
    QCOMPARE(*db->queryInt("SELECT count(*) FROM a"), 0);
    QVERIFY(db->integrityCheck().ok());
}

void TestMigrations::targetOutOfRangeIsInvalid()
{
    auto db = openNew(QStringLiteral("range.db"));
    QVERIFY(db);
    QCOMPARE(Migrations::standard().migrate(*db, 3).code(), ErrorCode::Invalid);
    QCOMPARE(version(*db), 0);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
