// Values survive both backends bit for bit: a client writes awkward values, syncs them to a server on SQLite,
// the server's rows move to a server on PostgreSQL (pulled from one store, written into the other, as a move of
// a tenant between backends would), and a fresh client pulls them from there. Every value must come back with
// the same type and bits: -0.0, a subnormal-adjacent float, 2^53+1, INT64_MIN, non-BMP text, bytes with NULs,
// and timestamps with their zone offsets and zone names as the app stores them (ISO text + IANA name, and ms).
#include "SyncServerKit.h"

#include "sync/Value.h"

#include <QtTest>

#include <limits>

using namespace fieldline;
using sync::SyncProblem;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;

sync::SyncSchema samplesSchema()
{
    // Typed as the app's tables are; SQLite keeps each value's own storage class in them.
    sync::TableSchema samples{QStringLiteral("samples"),
                              {{QStringLiteral("neg_zero"), QStringLiteral("REAL")},
                               {QStringLiteral("tiny"), QStringLiteral("REAL")},
                               {QStringLiteral("pi"), QStringLiteral("REAL")},
                               {QStringLiteral("big"), QStringLiteral("INTEGER")},
                               {QStringLiteral("lowest"), QStringLiteral("INTEGER")},
                               {QStringLiteral("label"), QStringLiteral("TEXT")},
                               {QStringLiteral("raw"), QStringLiteral("BLOB")},
                               {QStringLiteral("at"), QStringLiteral("TEXT")},
                               {QStringLiteral("at_ms"), QStringLiteral("INTEGER")},
                               {QStringLiteral("time_zone"), QStringLiteral("TEXT")},
                               {QStringLiteral("nothing"), QStringLiteral("TEXT")}},
                              false};
    return sync::SyncSchema{{samples}};
}

sync::Cells awkwardValues()
{
    sync::Cells cells;
    // One by one: GCC 12 misreads a braced list of variants as maybe-uninitialised.
    cells.emplace_back(QStringLiteral("neg_zero"), -0.0);
    cells.emplace_back(QStringLiteral("tiny"), -1.1754943508222875e-38);
    cells.emplace_back(QStringLiteral("pi"), 3.141592653589793);
    cells.emplace_back(QStringLiteral("big"), qint64(9007199254740993)); // 2^53 + 1: not a double
    cells.emplace_back(QStringLiteral("lowest"), std::numeric_limits<qint64>::min());
    cells.emplace_back(QStringLiteral("label"),
                       QString::fromUtf8("grin \xf0\x9f\x98\x80 \xe4\xb8\xad\xe6\x96\x87 \xc3\xbc"));
    cells.emplace_back(QStringLiteral("raw"), QByteArray("\x00\x01\x00\xff\x00", 5));
    cells.emplace_back(QStringLiteral("at"), QStringLiteral("2026-03-29T03:30:00.123+02:00"));
    cells.emplace_back(QStringLiteral("at_ms"), qint64(1774747800123));
    cells.emplace_back(QStringLiteral("time_zone"), QStringLiteral("Europe/Berlin"));
    cells.emplace_back(QStringLiteral("nothing"), std::monostate());
    return cells;
}

/** Whether the cells among @p changes carry exactly @p expected: same types, same bits. */
bool sameCells(const sync::ChangeBatch &changes, const sync::Cells &expected)
{
    int matched = 0;
    for (const sync::Change &change : changes) {
        for (const auto &[column, value] : expected) {
            if (change.column != column)
                continue;
            if (sync::canonicalValue(change.value) != sync::canonicalValue(value)) {
                qWarning("%s came back as %s, not %s", qPrintable(column),
                         sync::canonicalValue(change.value).constData(), sync::canonicalValue(value).constData());
                return false;
            }
            ++matched;
        }
    }
    return matched == int(expected.size());
}

} // namespace

class TestBackendRoundTrip : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    StoreBackend m_postgres;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(server::Credentials::initialise());
        QCOMPARE(m_postgres.setUp(QStringLiteral("postgres")), QString());
    }

    void valuesComeBackBitExact()
    {
        InProcessServer sqlite(m_dir.filePath(QStringLiteral("sqlite")), T0);
        InProcessServer postgres(m_dir.filePath(QStringLiteral("postgres")), T0, m_postgres.postgres);
        QVERIFY(sqlite.port != 0 && postgres.port != 0);
        const QString tenant = QStringLiteral("acme");
        SyncedDevice writer(m_dir.filePath(QStringLiteral("writer.db")), T0, sqlite.url(),
                            sqlite.newTenantToken(tenant, QStringLiteral("u")), samplesSchema());
        QCOMPARE(writer.open(), QString());
        const sync::Cells values = awkwardValues();
        auto row = writer.device->insert(QStringLiteral("samples"), values);
        QVERIFY(row);
        QCOMPARE(writer.syncOnce(), SyncProblem::None);

        // The tenant's rows move from the SQLite server to the PostgreSQL one.
        auto moved = sqlite.sync->pull(sqlite.tenantId(tenant), server::ReplicationScope::everything(), 0,
                                       server::SyncStore::MaxPullChanges);
        QVERIFY2(moved, qPrintable(moved.message()));
        QVERIFY(!moved->more);
        QVERIFY(sameCells(moved->changes, values));
        QVERIFY(!postgres.newTenantToken(tenant, QStringLiteral("u")).isEmpty());
        auto written = postgres.sync->writeAsServer(postgres.tenantId(tenant), moved->changes);
        QVERIFY2(written, qPrintable(written.message()));

        auto stored = postgres.sync->pull(postgres.tenantId(tenant), server::ReplicationScope::everything(), 0,
                                          server::SyncStore::MaxPullChanges);
        QVERIFY2(stored, qPrintable(stored.message()));
        QVERIFY(sameCells(stored->changes, values));

        SyncedDevice reader(m_dir.filePath(QStringLiteral("reader.db")), T0, postgres.url(),
                            postgres.deviceToken(tenant, QStringLiteral("u")), samplesSchema());
        QCOMPARE(reader.open(), QString());
        QCOMPARE(reader.syncOnce(), SyncProblem::None);
        // Stamps, causal lengths, sites and every cell's value bits: the CRDT state of both clients is identical.
        const QByteArray dump = synctest::dump(reader.device);
        QCOMPARE(dump, synctest::dump(writer.device));
        QVERIFY(dump.contains(sync::canonicalValue(-0.0)));
        for (const auto &[column, value] : values) {
            const std::optional<sync::Value> back =
                synctest::visible(reader.device, QStringLiteral("samples"), *row, column);
            QVERIFY2(back, qPrintable(column));
            QCOMPARE(sync::canonicalValue(*back), sync::canonicalValue(value));
        }
    }
};

QTEST_GUILESS_MAIN(TestBackendRoundTrip)
#include "tst_backendroundtrip.moc"
