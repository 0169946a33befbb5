#include "storage/Database.h"
#include "tests/support/FileScan.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <set>

using namespace fieldline::storage;

/**
 * kill -9 at random points: a child commits and acknowledges transactions; after each SIGKILL every
 * acknowledged transaction must be present (WAL recovery included) and integrity_check must be ok.
 */
class TestCrash : public QObject
{
    Q_OBJECT

private slots:
    void everyAcknowledgedTransactionSurvivesSigkill();
};

void TestCrash::everyAcknowledgedTransactionSurvivesSigkill()
{
    const int kills = qEnvironmentVariableIntValue("FIELDLINE_CRASH_KILLS") > 0
                          ? qEnvironmentVariableIntValue("FIELDLINE_CRASH_KILLS")
                          : 200;
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("seed %u, %d kills", seed, kills);
    QRandomGenerator rng(seed);
    QTemporaryDir dir;
    qputenv("TMPDIR", dir.path().toUtf8()); // the child's temp files, if any, would land here
    const QString path = dir.filePath(QStringLiteral("crash.db"));
    DatabaseKey key = DatabaseKey::generate();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FIELDLINE_TEST_DEK"), QString::fromLatin1(key.dek.view().toByteArray().toHex()));
    env.insert(QStringLiteral("FIELDLINE_TEST_FILEID"), QString::fromLatin1(key.fileId.toHex()));

    std::set<qint64> acknowledged;
    int killedWithAcks = 0;
    for (int round = 0; round < kills; ++round) {
        QProcess child;
        child.setProcessEnvironment(env);
        child.setProgram(QStringLiteral(CRASH_CHILD));
        child.setArguments({path});
        child.start();
        QVERIFY2(child.waitForStarted(5000), qPrintable(child.errorString()));
        // Mostly in the middle of committing (after the first acknowledgement, however slow the machine),
        // sometimes during start-up or during recovery from the previous kill.
        if (rng.bounded(4) != 0)
            child.waitForReadyRead(10000);
        QTest::qWait(int(rng.bounded(40)));
        child.kill(); // SIGKILL
        QVERIFY(child.waitForFinished(5000));
        const QByteArray out = child.readAllStandardOutput();
        const QList<QByteArray> lines = out.split('\n');
        for (int i = 0; i + 1 < lines.size(); ++i) // the last piece may be a torn line: not acknowledged
            acknowledged.insert(lines[i].toLongLong());
        if (lines.size() > 1)
            ++killedWithAcks;
        QVERIFY2(child.exitStatus() == QProcess::CrashExit || child.exitCode() == 0,
                 qPrintable(QStringLiteral("round %1: child failed: %2")
                                .arg(round)
                                .arg(QString::fromLocal8Bit(child.readAllStandardError()))));

        if (acknowledged.empty() && !QFileInfo::exists(path))
            continue; // killed before it created the database
        auto db = Database::open(path, key);
        QVERIFY2(db, qPrintable(QStringLiteral("round %1 (seed %2): %3").arg(round).arg(seed).arg(db.message())));
        Status integrity = (*db)->integrityCheck();
        QVERIFY2(integrity.ok(),
                 qPrintable(QStringLiteral("round %1 (seed %2): %3").arg(round).arg(seed).arg(integrity.message())));
        if (acknowledged.empty())
            continue;
        Statement *count = *(*db)->prepare("SELECT count(*) FROM acks WHERE id <= ?");
        count->bind(1, *acknowledged.rbegin());
        QVERIFY(*count->step());
        // Ids are consecutive from 1, so "all acknowledged ids present" is "count up to the last one".
        QCOMPARE(count->int64(0), *acknowledged.rbegin());
    }
    qInfo("%d kills, %d with acknowledged commits, %zu transactions acknowledged", kills, killedWithAcks,
          acknowledged.size());
    QVERIFY(killedWithAcks > kills / 2);
    QCOMPARE(fieldline::testsupport::findCanary({dir.path()}, QStringLiteral("CANARY-crash")), QStringList());
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
