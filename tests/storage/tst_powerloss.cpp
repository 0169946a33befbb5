#include "storage/Database.h"
#include "tests/support/PowerLossVfs.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline::storage;
using fieldline::testsupport::PowerLossVfs;

/**
 * Power loss at the N-th sync, for every N a workload reaches, with unsynced writes dropped or garbled:
 * afterwards the encrypted database opens, passes integrity_check and holds a committed prefix that includes
 * every transaction whose COMMIT returned.
 */
class TestPowerLoss : public QObject
{
    Q_OBJECT

private slots:
    void committedPrefixSurvives_data();
    void committedPrefixSurvives();
};

void TestPowerLoss::committedPrefixSurvives_data()
{
    QTest::addColumn<int>("mode");
    QTest::newRow("drop unsynced writes") << int(PowerLossVfs::Mode::Drop);
    QTest::newRow("garble unsynced writes") << int(PowerLossVfs::Mode::Garble);
}

void TestPowerLoss::committedPrefixSurvives()
{
    QFETCH(int, mode);
    const QByteArray vfs = PowerLossVfs::install();
    const quint32 seed = qEnvironmentVariableIsSet("FIELDLINE_SEED") ? qEnvironmentVariable("FIELDLINE_SEED").toUInt()
                                                                     : QRandomGenerator::global()->generate();
    qInfo("seed %u", seed);
    constexpr int Transactions = 60;
    int crashesSeen = 0;
    for (int crashAt = 1;; ++crashAt) {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("power.db"));
        DatabaseKey key = DatabaseKey::generate();
        int acknowledged = 0;
        PowerLossVfs::arm(crashAt, PowerLossVfs::Mode(mode), seed + quint32(crashAt));
        {
            auto db = Database::open(path, key, {.create = true, .baseVfs = QString::fromLatin1(vfs)});
            if (db) {
                Database &d = **db;
                if (d.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v BLOB); PRAGMA wal_autocheckpoint=8").ok()) {
                    for (int i = 1; i <= Transactions; ++i) {
                        Transaction tx(d);
                        Statement *insert = *d.prepare("INSERT INTO t(id, v) VALUES (?, randomblob(?))");
                        insert->bind(1, i).bind(2, 500 + (i * 37) % 3000);
                        if (!insert->run().ok() || !tx.commit().ok())
                            break;
                        acknowledged = i;
                    }
                }
            }
        }
        const bool crashed = PowerLossVfs::crashed();
        PowerLossVfs::reset();
        if (!crashed) {
            QVERIFY2(acknowledged == Transactions, "without a crash every transaction commits");
            break; // crashAt is past the last sync of the workload
        }
        ++crashesSeen;
        if (acknowledged == 0 && !QFileInfo::exists(path))
            continue;
        auto db = Database::open(path, key);
        if (!db && acknowledged == 0)
            continue; // power lost before the table existed durably: nothing was promised
        const QString where = QStringLiteral("crash at sync %1, seed %2").arg(crashAt).arg(seed);
        QVERIFY2(db, qPrintable(where + QStringLiteral(": ") + db.message()));
        Status integrity = (*db)->integrityCheck();
        QVERIFY2(integrity.ok(), qPrintable(where + QStringLiteral(": ") + integrity.message()));
        Result<qint64> count = (*db)->queryInt("SELECT count(*) FROM t");
        Result<qint64> maxId = (*db)->queryInt("SELECT coalesce(max(id), 0) FROM t");
        if (acknowledged == 0 && !count)
            continue;
        QVERIFY2(count && maxId, qPrintable(where));
        QCOMPARE(*count, *maxId);                            // a prefix: no holes
        QVERIFY2(*count >= acknowledged, qPrintable(where)); // nothing acknowledged is lost
        QVERIFY2(*count <= acknowledged + 1, qPrintable(where));
    }
    qInfo("%d power losses simulated", crashesSeen);
    QVERIFY(crashesSeen > 20);
}

QTEST_GUILESS_MAIN(TestPowerLoss)
#include "tst_powerloss.moc"
