#include "storage/Database.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline::storage;

/**
 * Damage and tampering on the database file: every flipped byte and every swapped page is reported as damage.
 * Replaying an older copy of the same page is a known limitation (as with SQLCipher and sqlite3mc): pinned here.
 */
class TestTamper : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void flippedByteIsDamage_data();
    void flippedByteIsDamage();
    void swappedPagesAreDamage();
    void replayedOldPageIsNotDetected();

private:
    static constexpr int PageSize = 4096;
    QTemporaryDir m_dir;
    QString m_file;
    DatabaseKey m_key = DatabaseKey::generate();

    void fill(int rows, const QString &prefix);
    QByteArray page(int pgno) const;
    void putPage(int pgno, const QByteArray &content) const;
    Status scanAll();
};

void TestTamper::init()
{
    static int counter = 0;
    m_file = m_dir.filePath(QStringLiteral("tamper-%1.db").arg(++counter));
    fill(400, QStringLiteral("original"));
}

void TestTamper::fill(int rows, const QString &prefix)
{
    auto db = Database::open(m_file, m_key, {.create = true});
    QVERIFY2(db, qPrintable(db.message()));
    QVERIFY((*db)->exec("CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, v TEXT)").ok());
    Transaction tx(**db);
    for (int i = 1; i <= rows; ++i) {
        Statement *upsert = *(*db)->prepare("INSERT OR REPLACE INTO t(id, v) VALUES (?, ?)");
        upsert->bind(1, i).bind(2, prefix + QString(40, QLatin1Char('x')) + QString::number(i));
        QVERIFY(upsert->run().ok());
    }
    QVERIFY(tx.commit().ok());
    // Closing checkpoints the WAL into the database file, which is what these tests tamper with.
}

QByteArray TestTamper::page(int pgno) const
{
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly) || !f.seek(qint64(pgno - 1) * PageSize))
        return {};
    return f.read(PageSize);
}

void TestTamper::putPage(int pgno, const QByteArray &content) const
{
    QFile f(m_file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek(qint64(pgno - 1) * PageSize));
    QCOMPARE(f.write(content), qint64(PageSize));
}

Status TestTamper::scanAll()
{
    auto db = Database::open(m_file, m_key);
    if (!db)
        return db.error();
    if (Result<qint64> n = (*db)->queryInt("SELECT sum(length(v)) FROM t"); !n)
        return n.error();
    return (*db)->integrityCheck();
}

void TestTamper::flippedByteIsDamage_data()
{
    QTest::addColumn<int>("pgno");
    QTest::addColumn<int>("offset");
    QTest::newRow("page 1 plaintext header (page size)") << 1 << 17;
    QTest::newRow("page 1 plaintext header (change counter)") << 1 << 24 - 1;
    QTest::newRow("page 1 ciphertext") << 1 << 200;
    QTest::newRow("page 2 first byte") << 2 << 0;
    QTest::newRow("page 3 middle") << 3 << 2000;
    QTest::newRow("page 4 nonce") << 4 << PageSize - 40;
    QTest::newRow("page 5 tag") << 5 << PageSize - 1;
}

void TestTamper::flippedByteIsDamage()
{
    QFETCH(int, pgno);
    QFETCH(int, offset);
    QByteArray content = page(pgno);
    QCOMPARE(content.size(), PageSize);
    content[offset] = char(content[offset] ^ 0x01);
    putPage(pgno, content);
    Status result = scanAll();
    QVERIFY2(!result.ok(), "a flipped byte went unnoticed");
    QCOMPARE(result.code(), ErrorCode::Damaged);
}

void TestTamper::swappedPagesAreDamage()
{
    const QByteArray two = page(2);
    const QByteArray three = page(3);
    QVERIFY(two != three);
    putPage(2, three);
    putPage(3, two);
    Status result = scanAll();
    QVERIFY(!result.ok());
    QCOMPARE(result.code(), ErrorCode::Damaged);
}

void TestTamper::replayedOldPageIsNotDetected()
{
    // Known limitation (DESIGN.md section 2): a page authenticates by key, file, role and position, not by
    // version. Putting back an older copy of the same page reads as valid old content. If this test ever
    // fails because replay is now detected, turn it around and update docs/security.md.
    const int lastPage = int(QFileInfo(m_file).size() / PageSize);
    const QByteArray before = page(lastPage);
    fill(400, QStringLiteral("rewritten"));
    QVERIFY(page(lastPage) != before);
    putPage(lastPage, before);
    auto db = Database::open(m_file, m_key);
    QVERIFY2(db, qPrintable(db.message()));
    Result<qint64> original = (*db)->queryInt("SELECT count(*) FROM t WHERE v LIKE 'original%'");
    QVERIFY(original.ok());
    QVERIFY2(*original > 0, "the replayed page's old rows should be visible");
}

QTEST_GUILESS_MAIN(TestTamper)
#include "tst_tamper.moc"
