#include "storage/Database.h"
#include "tests/support/FileScan.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline::storage;

/** No customer byte reaches the disk in plaintext: database, WAL, journal, temp files. */
class TestPlaintext : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void normalUseLeavesNoPlaintext();
    void sortsAndVacuumLeaveNoPlaintext();
    void temporaryFilesAreRefused();
    void reopeningMakesNoSharedMemoryFile();

private:
    QTemporaryDir m_profile;
    QTemporaryDir m_tmp;
    const QString m_canary = QStringLiteral("CANARY-7f3a-顧客-Ωmega");
    std::unique_ptr<Database> open();
};

void TestPlaintext::initTestCase()
{
    qputenv("TMPDIR", m_tmp.path().toUtf8()); // SQLite's temp files would land here
    qputenv("SQLITE_TMPDIR", m_tmp.path().toUtf8());
}

std::unique_ptr<Database> TestPlaintext::open()
{
    static DatabaseKey key = DatabaseKey::generate();
    auto db = Database::open(m_profile.filePath(QStringLiteral("store.db")), key, {.create = true});
    if (!db)
        qFatal("open failed: %s", qPrintable(db.message()));
    return std::move(*db);
}

void TestPlaintext::normalUseLeavesNoPlaintext()
{
    auto db = open();
    QVERIFY(db->exec("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT, raw BLOB)").ok());
    QVERIFY(db->exec("CREATE VIRTUAL TABLE notes_fts USING fts5(body)").ok());
    for (int i = 0; i < 300; ++i) {
        Statement *insert = *db->prepare("INSERT INTO notes(body, raw) VALUES (?, ?)");
        insert->bind(1, m_canary + QString::number(i)).bind(2, (m_canary + QString::number(i)).toUtf8());
        QVERIFY(insert->run().ok());
        Statement *fts = *db->prepare("INSERT INTO notes_fts(body) VALUES (?)");
        fts->bind(1, m_canary);
        QVERIFY(fts->run().ok());
    }
    // While open: the WAL holds the pages. Then after a checkpoint, the database does.
    QCOMPARE(fieldline::testsupport::findCanary({m_profile.path(), m_tmp.path()}, m_canary), QStringList());
    QVERIFY(db->exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    db.reset();
    QCOMPARE(fieldline::testsupport::findCanary({m_profile.path(), m_tmp.path()}, m_canary), QStringList());
}

void TestPlaintext::sortsAndVacuumLeaveNoPlaintext()
{
    auto db = open();
    // Large enough to spill a sort to a temp file on Debian's build if temp_store were not MEMORY.
    QVERIFY(db->exec("CREATE TABLE big(v TEXT)").ok());
    Statement *insert = *db->prepare("INSERT INTO big VALUES (?)");
    for (int i = 0; i < 20000; ++i) {
        insert->reset();
        insert->bind(1, m_canary + QString::number(i * 7919 % 20000));
        QVERIFY(insert->run().ok());
    }
    Statement *sorted = *db->prepare("SELECT v FROM big ORDER BY v DESC");
    int rows = 0;
    while (*sorted->step())
        ++rows;
    QCOMPARE(rows, 20000);
    QVERIFY(db->exec("CREATE INDEX big_v ON big(v)").ok());
    QVERIFY(db->exec("VACUUM").ok());
    QCOMPARE(fieldline::testsupport::findCanary({m_profile.path(), m_tmp.path()}, m_canary), QStringList());
    db.reset();
    QCOMPARE(fieldline::testsupport::findCanary({m_profile.path(), m_tmp.path()}, m_canary), QStringList());
}

void TestPlaintext::temporaryFilesAreRefused()
{
    auto db = open();
    QVERIFY(db->exec("PRAGMA temp_store=FILE").ok());
    // With temp files allowed by the pragma, the VFS still refuses to create one: fail closed.
    // A temp database stays in memory until its cache spills; a tiny cache forces the spill to a file.
    QVERIFY(db->exec("ATTACH '' AS scratch; PRAGMA scratch.cache_size=2; CREATE TABLE scratch.t(x)").ok());
    Status spilled = db->exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 20000) "
                              "INSERT INTO scratch.t SELECT 'CANARY-7f3a-' || i FROM n");
    QVERIFY(!spilled.ok());
    QCOMPARE(fieldline::testsupport::findCanary({m_tmp.path()}, m_canary), QStringList());
}

/**
 * The wal-index stays on the heap (exclusive locking): no plaintext -shm file telling which pages changed, also when
 * an existing database is opened again, whose WAL opens at the first read.
 */
void TestPlaintext::reopeningMakesNoSharedMemoryFile()
{
    const QString shm = m_profile.filePath(QStringLiteral("store.db-shm"));
    {
        auto db = open();
        QVERIFY(db->exec("CREATE TABLE IF NOT EXISTS kept(x)").ok());
        QVERIFY(db->exec("INSERT INTO kept VALUES (1)").ok());
        QVERIFY(!QFileInfo::exists(shm));
    }
    auto db = open();
    QVERIFY(db->exec("INSERT INTO kept VALUES (2)").ok());
    QCOMPARE(*db->queryInt("SELECT count(*) FROM kept"), qint64(2));
    QVERIFY2(!QFileInfo::exists(shm), "a reopened database keeps its wal-index in a -shm file");
}

QTEST_GUILESS_MAIN(TestPlaintext)
#include "tst_plaintext.moc"
