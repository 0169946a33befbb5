#include "storage/BlobReader.h"
#include "storage/Database.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

using namespace fieldline::storage;

class TestDatabase : public QObject
{
    Q_OBJECT

private slots:
    void roundTripAcrossReopen();
    void headerStaysReadableAndReserveIsSet();
    void wrongKeyFailsAtOpen();
    void missingFileIsNotFound();
    void plainDatabaseIsRefused();
    void vacuumIntoRotatesTheKey();
    void transactionRollsBackUnlessCommitted();
    void walRecoveryReturnsEveryCommittedRow();
    void aBlobIsReadAPartAtATime();

private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QString::fromLatin1(name)); }
};

void TestDatabase::roundTripAcrossReopen()
{
    DatabaseKey key = DatabaseKey::generate();
    const QString file = path("roundtrip.db");
    {
        auto db = Database::open(file, key, {.create = true});
        QVERIFY2(db, qPrintable(db.message()));
        QVERIFY((*db)->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, data BLOB)").ok());
        Transaction tx(**db);
        for (int i = 0; i < 2000; ++i) {
            Statement *insert = *(*db)->prepare("INSERT INTO t(name, data) VALUES (?, ?)");
            insert->bind(1, QStringLiteral("name %1 ✓").arg(i)).bind(2, QByteArray(200, char(i)));
            QVERIFY(insert->run().ok());
        }
        QVERIFY(tx.commit().ok());
    }
    auto db = Database::open(file, key);
    QVERIFY2(db, qPrintable(db.message()));
    QCOMPARE(*(*db)->queryInt("SELECT count(*) FROM t"), 2000);
    Statement *row = *(*db)->prepare("SELECT name, data FROM t WHERE id = ?");
    row->bind(1, 1234);
    QVERIFY(*row->step());
    QCOMPARE(row->text(0), QStringLiteral("name 1233 ✓"));
    QCOMPARE(row->blob(1), QByteArray(200, char(1233)));
    QVERIFY((*db)->integrityCheck().ok());
}

void TestDatabase::headerStaysReadableAndReserveIsSet()
{
    const QString file = path("header.db");
    {
        auto db = Database::open(file, DatabaseKey::generate(), {.create = true});
        QVERIFY(db);
        QVERIFY((*db)->exec("CREATE TABLE t(x)").ok());
    }
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray page1 = raw.read(4096);
    QVERIFY(page1.startsWith("SQLite format 3"));
    QCOMPARE(int(uchar(page1[16])) << 8 | int(uchar(page1[17])), 4096);
    QCOMPARE(int(uchar(page1[20])), 40);
    QVERIFY(!page1.contains("CREATE TABLE")); // the schema lives past the plaintext header
}

void TestDatabase::wrongKeyFailsAtOpen()
{
    const QString file = path("wrongkey.db");
    {
        auto db = Database::open(file, DatabaseKey::generate(), {.create = true});
        QVERIFY(db);
        QVERIFY((*db)->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)").ok());
    }
    auto db = Database::open(file, DatabaseKey::generate());
    QVERIFY(!db);
    QCOMPARE(db.code(), ErrorCode::Damaged);
}

void TestDatabase::missingFileIsNotFound()
{
    auto db = Database::open(path("absent.db"), DatabaseKey::generate());
    QVERIFY(!db);
    QCOMPARE(db.code(), ErrorCode::NotFound);
    QVERIFY(!QFile::exists(path("absent.db")));
}

void TestDatabase::plainDatabaseIsRefused()
{
    const QString file = path("plain.db");
    {
        auto plain = Database::openPlain(file, {.create = true});
        QVERIFY(plain);
        QVERIFY((*plain)->exec("CREATE TABLE t(x); INSERT INTO t VALUES ('hello')").ok());
    }
    const QByteArray before = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    auto db = Database::open(file, DatabaseKey::generate());
    QVERIFY(!db);
    QCOMPARE(db.code(), ErrorCode::Damaged);
    QFile after(file);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), before); // refused, and left exactly as it was
}

void TestDatabase::vacuumIntoRotatesTheKey()
{
    DatabaseKey oldKey = DatabaseKey::generate(1);
    DatabaseKey newKey = DatabaseKey::generate(2);
    const QString file = path("rotate.db");
    const QString rotated = path("rotate.db.new");
    auto db = Database::open(file, oldKey, {.create = true});
    QVERIFY(db);
    QVERIFY((*db)
                ->exec("CREATE TABLE t(x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n "
                       "WHERE i < 500) INSERT INTO t SELECT 'row ' || i FROM n")
                .ok());
    Status vacuumed = (*db)->vacuumInto(rotated, newKey);
    QVERIFY2(vacuumed.ok(), qPrintable(vacuumed.message()));
    db = Error{};
    QVERIFY(!Database::open(rotated, oldKey));
    auto reopened = Database::open(rotated, newKey);
    QVERIFY2(reopened, qPrintable(reopened.message()));
    QCOMPARE(*(*reopened)->queryInt("SELECT count(*) FROM t"), 500);
    QVERIFY((*reopened)->integrityCheck().ok());
}

void TestDatabase::transactionRollsBackUnlessCommitted()
{
    auto db = Database::open(path("tx.db"), DatabaseKey::generate(), {.create = true});
    QVERIFY(db);
    QVERIFY((*db)->exec("CREATE TABLE t(x)").ok());
    {
        Transaction tx(**db);
        QVERIFY((*db)->exec("INSERT INTO t VALUES (1)").ok());
    }
    QCOMPARE(*(*db)->queryInt("SELECT count(*) FROM t"), 0);
}

void TestDatabase::walRecoveryReturnsEveryCommittedRow()
{
    // Regression guard (DESIGN.md section 2): returning the nonce and tag instead of SQLite's zero reserve
    // bytes broke WAL frame checksums, and recovery silently dropped 16,000 of 20,000 rows.
    DatabaseKey key = DatabaseKey::generate();
    const QString file = path("recovery.db");
    {
        auto db = Database::open(file, key, {.create = true});
        QVERIFY(db);
        sqlite3_db_config((*db)->handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        QVERIFY((*db)->exec("PRAGMA wal_autocheckpoint=0; CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)").ok());
        for (int batch = 0; batch < 200; ++batch) {
            Transaction tx(**db);
            for (int i = 0; i < 100; ++i) {
                Statement *insert = *(*db)->prepare("INSERT INTO t(v) VALUES (?)");
                insert->bind(1, QStringLiteral("row %1").arg(batch * 100 + i));
                QVERIFY(insert->run().ok());
            }
            QVERIFY(tx.commit().ok());
        }
    }
    // Closed without a checkpoint: every row lives only in the WAL, which the next open must recover.
    QVERIFY(QFileInfo(file + QStringLiteral("-wal")).size() > 100 * 4096);
    auto db = Database::open(file, key);
    QVERIFY2(db, qPrintable(db.message()));
    Result<qint64> rows = (*db)->queryInt("SELECT count(*) FROM t");
    QVERIFY2(rows, qPrintable(rows.message()));
    QCOMPARE(*rows, 20000);
    QVERIFY((*db)->integrityCheck().ok());
}

void TestDatabase::aBlobIsReadAPartAtATime()
{
    auto db = Database::open(path("parts.db"), DatabaseKey::generate(), {.create = true});
    QVERIFY2(db, qPrintable(db.message()));
    QVERIFY((*db)->exec("CREATE TABLE b(id INTEGER PRIMARY KEY, content BLOB NOT NULL)").ok());
    QByteArray content(3 * 1024 * 1024 + 17, Qt::Uninitialized); // overflow pages through encrypted pages
    for (qsizetype i = 0; i < content.size(); ++i)
        content[i] = char((i * 7919) >> 3);
    QVERIFY((*db)->prepare("INSERT INTO b(id, content) VALUES (5, ?)").value()->bind(1, content).run().ok());

    {
        Result<std::unique_ptr<BlobReader>> reader = BlobReader::open(**db, "b", "content", 5);
        QVERIFY2(reader, qPrintable(reader.message()));
        QCOMPARE((*reader)->size(), content.size());
        QByteArray joined;
        for (qint64 offset = 0; offset < content.size(); offset += 512 * 1024) {
            Result<QByteArray> part = (*reader)->read(offset, 512 * 1024);
            QVERIFY2(part, qPrintable(part.message()));
            QCOMPARE(part->size(), std::min<qsizetype>(512 * 1024, content.size() - offset));
            joined += *part;
        }
        QCOMPARE(joined, content);
        QCOMPARE((*reader)->read(1000, 24).value(), content.mid(1000, 24)); // back again
        QVERIFY((*reader)->read(content.size(), 10).value().isEmpty());     // at the end: nothing
        QVERIFY((*reader)->read(content.size() + 5, 10).value().isEmpty());
    }

    Result<std::unique_ptr<BlobReader>> gone = BlobReader::open(**db, "b", "content", 6);
    QVERIFY(!gone);
    QCOMPARE(gone.code(), ErrorCode::NotFound);
    Result<std::unique_ptr<BlobReader>> noTable = BlobReader::open(**db, "nope", "content", 5);
    QVERIFY(!noTable);
    QVERIFY(noTable.code() != ErrorCode::NotFound);

    // A write to the row expires an open reader: it fails, it does not return other bytes.
    Result<std::unique_ptr<BlobReader>> open = BlobReader::open(**db, "b", "content", 5);
    QVERIFY(open);
    QVERIFY((*db)->exec("UPDATE b SET content = x'00' WHERE id = 5").ok());
    QVERIFY(!(*open)->read(0, 10));
}

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
