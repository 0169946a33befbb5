// Child process for tst_crash: commits transactions forever and acknowledges each one on stdout only after
// COMMIT returned. The parent kills it with SIGKILL at a random moment and checks every acknowledged id.
#include "storage/Database.h"

#include <QByteArray>
#include <QRandomGenerator>

#include <cstdio>
#include <unistd.h>

using namespace fieldline::storage;

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: crash_child DBPATH (key in FIELDLINE_TEST_DEK / FIELDLINE_TEST_FILEID)\n");
        return 2;
    }
    DatabaseKey key{SecretBytes::copyOf(QByteArray::fromHex(qgetenv("FIELDLINE_TEST_DEK"))),
                    QByteArray::fromHex(qgetenv("FIELDLINE_TEST_FILEID")), 1};
    auto db = Database::open(QString::fromLocal8Bit(argv[1]), key, {.create = true});
    if (!db) {
        std::fprintf(stderr, "open: %s\n", qPrintable(db.message()));
        return 1;
    }
    Database &d = **db;
    // Frequent checkpoints, so that kills land inside checkpoints too.
    if (!d.exec("CREATE TABLE IF NOT EXISTS acks(id INTEGER PRIMARY KEY, payload BLOB NOT NULL);"
                "CREATE TABLE IF NOT EXISTS churn(k INTEGER PRIMARY KEY, v BLOB);"
                "PRAGMA wal_autocheckpoint=16;")
             .ok())
        return 1;
    qint64 next = *d.queryInt("SELECT coalesce(max(id), 0) + 1 FROM acks");
    auto *rng = QRandomGenerator::global();
    for (;;) {
        Transaction tx(d);
        // The canary lets the parent prove that nothing reached the disk in plaintext, even mid-write.
        const QByteArray payload = QByteArray("CANARY-crash-payload ").repeated(int(rng->bounded(2, 40)));
        Statement *ack = *d.prepare("INSERT INTO acks(id, payload) VALUES (?, ?)");
        ack->bind(1, next).bind(2, payload);
        Statement *churn = *d.prepare("INSERT OR REPLACE INTO churn(k, v) VALUES (?, ?)");
        churn->bind(1, qint64(rng->bounded(200))).bind(2, payload);
        Statement *drop = *d.prepare("DELETE FROM churn WHERE k = ?");
        drop->bind(1, qint64(rng->bounded(200)));
        if (!ack->run().ok() || !churn->run().ok() || !drop->run().ok() || !tx.commit().ok())
            return 1;
        const QByteArray line = QByteArray::number(next) + '\n';
        if (::write(1, line.constData(), size_t(line.size())) != line.size())
            return 1;
        ++next;
    }
}
