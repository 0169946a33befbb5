#include "storage/Database.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/resource.h>

using namespace fieldline::storage;

/**
 * Storage full, both ways: SQLite's page limit (SQLITE_FULL) and the OS refusing to grow a file (EFBIG, seen by
 * SQLite as SQLITE_IOERR_WRITE). Either way the caller sees StorageFull, the transaction is rolled back and
 * nothing committed is lost, and the same transaction succeeds once space is available again.
 */
class TestDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void pageLimitIsStorageFull();
    void fileSizeLimitIsStorageFull();

private:
    QTemporaryDir m_dir;
    static Status insertBatch(Database &db, int first, int count);
};

Status TestDiskFull::insertBatch(Database &db, int first, int count)
{
    Transaction tx(db);
    if (!tx.begun().ok())
        return tx.begun();
    for (int i = first; i < first + count; ++i) {
        Statement *insert = *db.prepare("INSERT INTO t(id, v) VALUES (?, randomblob(3000))");
        insert->bind(1, i);
        if (Status s = insert->run(); !s.ok())
            return s;
    }
    return tx.commit();
}

void TestDiskFull::pageLimitIsStorageFull()
{
    auto opened = Database::open(m_dir.filePath(QStringLiteral("pages.db")), DatabaseKey::generate(),
                                 {.create = true, .maxPageCount = 60});
    QVERIFY(opened);
    Database &db = **opened;
    QVERIFY(db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)").ok());
    int committed = 0;
    Status failure;
    while (committed < 1000) {
        failure = insertBatch(db, committed + 1, 5);
        if (!failure.ok())
            break;
        committed += 5;
    }
    QVERIFY2(!failure.ok(), "the page limit was never reached");
    QCOMPARE(failure.code(), ErrorCode::StorageFull);
    QCOMPARE(*db.queryInt("SELECT count(*) FROM t"), committed); // the failed batch left nothing behind
    QVERIFY(db.exec("PRAGMA max_page_count=100000").ok());       // space freed
    QVERIFY(insertBatch(db, committed + 1, 5).ok());
    QCOMPARE(*db.queryInt("SELECT count(*) FROM t"), committed + 5);
    QVERIFY(db.integrityCheck().ok());
}

void TestDiskFull::fileSizeLimitIsStorageFull()
{
    std::signal(SIGXFSZ, SIG_IGN); // the write then fails with EFBIG instead of killing the process
    const QString path = m_dir.filePath(QStringLiteral("fsize.db"));
    DatabaseKey key = DatabaseKey::generate();
    auto opened = Database::open(path, key, {.create = true});
    QVERIFY(opened);
    Database &db = **opened;
    QVERIFY(db.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB)").ok());
    QVERIFY(insertBatch(db, 1, 20).ok());
    int committed = 20;

    rlimit original{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &original), 0);
    const qint64 grown = std::max(QFileInfo(path).size(), QFileInfo(path + QStringLiteral("-wal")).size());
    rlimit limited = original;
    limited.rlim_cur = rlim_t(grown + 256 * 1024);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
    Status failure;
    while (committed < 2000) {
        failure = insertBatch(db, committed + 1, 5);
        if (!failure.ok())
            break;
        committed += 5;
    }
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &original), 0);
    QVERIFY2(!failure.ok(), "the file size limit was never reached");
    QVERIFY2(failure.code() == ErrorCode::StorageFull, qPrintable(failure.message()));

    // Space is back: the same connection carries on, nothing committed is lost.
    QVERIFY2(insertBatch(db, committed + 1, 5).ok(), "retry after freeing space failed");
    QCOMPARE(*db.queryInt("SELECT count(*) FROM t"), committed + 5);
    QVERIFY(db.integrityCheck().ok());
    opened = Error{};
    auto reopened = Database::open(path, key);
    QVERIFY(reopened);
    QCOMPARE(*(*reopened)->queryInt("SELECT count(*) FROM t"), committed + 5);
}

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"
