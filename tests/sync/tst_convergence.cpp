// Property test: random local writes on 2-5 replicas, exchanged with delivery dropped (and later resent),
// duplicated and reordered, clocks skewed within the limit, replicas closed and reopened between steps.
// After a final full exchange every replica must hold a byte-identical canonical dump.
//
// FIELDLINE_SYNC_SEEDS=N runs seeds 1..N (default 200); FIELDLINE_SYNC_SEED=S replays one seed.
// A seed that ever fails belongs in regressions_data().
#include "SyncTestKit.h"

#include <QTemporaryDir>
#include <QtTest>

#include <random>

using namespace fieldline::sync;
using synctest::Device;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;
constexpr qint64 MaxSkewMs = 2 * 60 * 1000; // each way: two devices differ by at most 4 of the allowed 5 minutes

/** One batch on the wire: what `from` had after seq `since`, up to `upTo`. */
struct Message
{
    size_t from;
    size_t to;
    ChangeBatch batch;
    qint64 upTo;
};

class Simulation
{
public:
    Simulation(quint64 seed, const QString &dir)
        : m_rng(seed)
    {
        const size_t count = 2 + pick(4);
        // In half the runs odd replicas run a newer schema with an extra column the others must keep unseen.
        const bool mixedVersions = pick(2) == 0;
        for (size_t i = 0; i < count; ++i) {
            const qint64 skew = qint64(pick(2 * MaxSkewMs + 1)) - MaxSkewMs;
            m_devices.push_back(std::make_unique<Device>(dir + QStringLiteral("/r%1.db").arg(i), T0 + skew,
                                                         synctest::testSchema(mixedVersions && i % 2 == 1),
                                                         randomId()));
        }
        m_acked.assign(count, std::vector<qint64>(count, 0));
    }

    /** Empty on success, otherwise what went wrong. */
    QString run()
    {
        for (auto &d : m_devices) {
            if (QString e = d->open(); !e.isEmpty())
                return QStringLiteral("open: ") + e;
        }
        const int steps = 60 + int(pick(80));
        for (int step = 0; step < steps && m_error.isEmpty(); ++step) {
            for (auto &d : m_devices)
                d->clock.advance(qint64(pick(4))); // small steps: same-millisecond ties happen
            const size_t roll = pick(100);
            if (roll < 45)
                localWrite(*m_devices[pick(m_devices.size())]);
            else if (roll < 65)
                send();
            else if (roll < 90)
                deliver();
            else if (roll < 95)
                reopen(*m_devices[pick(m_devices.size())]);
            else
                for (auto &d : m_devices)
                    d->clock.advance(qint64(pick(5000)));
        }
        if (m_error.isEmpty())
            finish();
        return m_error;
    }

    QString summary() const
    {
        return QStringLiteral("%1 replicas, %2 writes, %3 delivered, %4 dropped, %5 duplicated, %6 reopens")
            .arg(m_devices.size())
            .arg(m_writes)
            .arg(m_delivered)
            .arg(m_dropped)
            .arg(m_duplicated)
            .arg(m_reopens);
    }

private:
    size_t pick(size_t n) { return size_t(m_rng() % n); }

    RowId randomId()
    {
        QByteArray bytes(ByteId::Size, '\0');
        for (char &b : bytes)
            b = char(m_rng());
        return *ByteId::fromBytes(bytes);
    }

    Value randomValue(const QString &column)
    {
        // A small domain, so concurrent writes often collide on the same value and the same cell.
        if (pick(10) == 0)
            return std::monostate{};
        if (column == QLatin1String("qty"))
            return qint64(pick(5));
        if (column == QLatin1String("rating"))
            return pick(2) ? Value(-0.0) : Value(double(pick(50)) / 10);
        static const char *const words[] = {"ada", "bob", "cy", "", "\xf0\x9f\x93\x9e", "dee"};
        return QString::fromUtf8(words[pick(std::size(words))]);
    }

    Cells randomCells(const TableSchema &table, bool atLeastOne)
    {
        Cells cells;
        for (const ColumnSchema &c : table.columns) {
            if (pick(2) == 0)
                cells.emplace_back(c.name, randomValue(c.name));
        }
        if (cells.empty() && atLeastOne)
            cells.emplace_back(table.columns.front().name, randomValue(table.columns.front().name));
        return cells;
    }

    void fail(const QString &what, const fieldline::storage::Status &status)
    {
        if (!status.ok() && m_error.isEmpty())
            m_error = what + QStringLiteral(": ") + status.message();
    }

    void localWrite(Device &d)
    {
        const SyncSchema &schema = d.schema;
        const TableSchema &table = schema.tables[pick(5) == 0 ? 1 : 0];
        auto rows = d->rows(table.name);
        if (!rows)
            return fail(QStringLiteral("rows"), rows.status());
        ++m_writes;
        if (rows->empty() || table.growOnly || pick(4) == 0)
            return fail(QStringLiteral("insert"), d->insert(table.name, randomId(), randomCells(table, false)));
        const auto &[row, cl] = (*rows)[pick(rows->size())];
        if (!Stamp::isAlive(cl))
            return fail(QStringLiteral("resurrect"), d->resurrect(table.name, row, randomCells(table, false)));
        if (pick(4) == 0)
            return fail(QStringLiteral("remove"), d->remove(table.name, row));
        fail(QStringLiteral("update"), d->update(table.name, row, randomCells(table, true)));
    }

    void send()
    {
        const size_t from = pick(m_devices.size());
        const size_t to = (from + 1 + pick(m_devices.size() - 1)) % m_devices.size();
        Device &sender = *m_devices[from];
        auto batch = sender->changesSince(m_acked[from][to]);
        if (!batch)
            return fail(QStringLiteral("changesSince"), batch.status());
        if (batch->empty())
            return;
        m_flight.push_back(Message{from, to, *batch, sender->lastSeq()});
        if (pick(6) == 0) {
            m_flight.push_back(m_flight.back());
            ++m_duplicated;
        }
    }

    void deliver()
    {
        if (m_flight.empty())
            return;
        const size_t index = pick(m_flight.size()); // any message in flight: delivery is reordered
        Message message = std::move(m_flight[index]);
        m_flight.erase(m_flight.begin() + qsizetype(index));
        if (pick(5) == 0) {
            ++m_dropped; // lost: the sender's cursor did not move, so the next send carries it again
            return;
        }
        apply(message);
    }

    void apply(const Message &message)
    {
        Device &receiver = *m_devices[message.to];
        const qint64 seqBefore = receiver->lastSeq();
        auto results = receiver->applyRemote(message.batch);
        if (!results)
            return fail(QStringLiteral("applyRemote"), results.status());
        for (const ApplyResult &r : *results) {
            if (r.outcome == ApplyOutcome::Rejected && m_error.isEmpty())
                m_error = QStringLiteral("a change within the skew limit was refused: ") + r.message;
        }
        if (receiver->lastSeq() != seqBefore && m_error.isEmpty())
            m_error = QStringLiteral("applying a remote batch moved the local sequence (echo)");
        qint64 &acked = m_acked[message.from][message.to];
        acked = std::max(acked, message.upTo);
        ++m_delivered;
    }

    void reopen(Device &d)
    {
        ++m_reopens;
        d.close();
        if (QString e = d.open(); !e.isEmpty() && m_error.isEmpty())
            m_error = QStringLiteral("reopen: ") + e;
    }

    void finish()
    {
        m_flight.clear();
        for (size_t from = 0; from < m_devices.size(); ++from) {
            for (size_t to = 0; to < m_devices.size(); ++to) {
                if (from == to)
                    continue;
                auto batch = (*m_devices[from])->changesSince(m_acked[from][to]);
                if (!batch)
                    return fail(QStringLiteral("changesSince"), batch.status());
                apply(Message{from, to, *batch, (*m_devices[from])->lastSeq()});
            }
        }
        for (auto &d : m_devices)
            reopen(*d);
        // The CRDT state must be identical everywhere; the visible tables wherever the schema is the same.
        std::vector<QByteArray> dumps;
        for (auto &d : m_devices)
            dumps.push_back(synctest::dump(*d));
        for (size_t i = 1; i < m_devices.size() && m_error.isEmpty(); ++i) {
            const bool sameSchema = m_devices[i]->schema.tables == m_devices[0]->schema.tables;
            const QByteArray a = sameSchema ? dumps[0] : crdtPart(dumps[0]);
            const QByteArray b = sameSchema ? dumps[i] : crdtPart(dumps[i]);
            if (a != b)
                m_error = QStringLiteral("replica %1 diverged from replica 0:\n%2").arg(i).arg(firstDifference(a, b));
        }
        // Replaying everything once more is a no-op (idempotence at the end state).
        auto all = (*m_devices[0])->changesSince(0);
        if (m_error.isEmpty() && all && m_devices.size() > 1) {
            apply(Message{0, 1, *all, (*m_devices[0])->lastSeq()});
            if (synctest::dump(*m_devices[1]) != dumps[1] && m_error.isEmpty())
                m_error = QStringLiteral("replaying a full batch changed the state");
        }
    }

    static QByteArray crdtPart(const QByteArray &dump)
    {
        const qsizetype visible = dump.indexOf("visible ");
        return visible < 0 ? dump : dump.left(visible);
    }

    static QString firstDifference(const QByteArray &a, const QByteArray &b)
    {
        const QList<QByteArray> la = a.split('\n');
        const QList<QByteArray> lb = b.split('\n');
        for (qsizetype i = 0; i < std::max(la.size(), lb.size()); ++i) {
            const QByteArray x = la.value(i);
            const QByteArray y = lb.value(i);
            if (x != y)
                return QStringLiteral("line %1\n  0: %2\n  i: %3")
                    .arg(i + 1)
                    .arg(QString::fromUtf8(x), QString::fromUtf8(y));
        }
        return {};
    }

    std::mt19937_64 m_rng;
    std::vector<std::unique_ptr<Device>> m_devices;
    std::vector<std::vector<qint64>> m_acked; // [from][to]: highest seq of `from` that `to` acknowledged
    std::vector<Message> m_flight;
    QString m_error;
    int m_writes = 0;
    int m_delivered = 0;
    int m_dropped = 0;
    int m_duplicated = 0;
    int m_reopens = 0;
};

} // namespace

class TestConvergence : public QObject
{
    Q_OBJECT

private slots:
    void randomSeeds();
    void regressions_data();
    void regressions();

private:
    void runSeed(quint64 seed);
};

void TestConvergence::runSeed(quint64 seed)
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Simulation simulation(seed, dir.path());
    const QString error = simulation.run();
    qInfo("seed %llu: %s", qulonglong(seed), qPrintable(simulation.summary()));
    if (!error.isEmpty())
        QFAIL(qPrintable(QStringLiteral("seed %1 failed (replay with FIELDLINE_SYNC_SEED=%1, then add it to "
                                        "regressions_data()): %2")
                             .arg(seed)
                             .arg(error)));
}

void TestConvergence::randomSeeds()
{
    if (qEnvironmentVariableIsSet("FIELDLINE_SYNC_SEED")) {
        runSeed(qEnvironmentVariable("FIELDLINE_SYNC_SEED").toULongLong());
        return;
    }
    const int seeds =
        qEnvironmentVariableIsSet("FIELDLINE_SYNC_SEEDS") ? qEnvironmentVariableIntValue("FIELDLINE_SYNC_SEEDS") : 200;
    for (int seed = 1; seed <= seeds; ++seed) {
        runSeed(quint64(seed));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestConvergence::regressions_data()
{
    QTest::addColumn<quint64>("seed");
    // Seeds that once failed, kept forever. None has failed yet; these pin two five-replica scenarios that a
    // deliberately broken merge (arrival order instead of stamp order) makes diverge.
    QTest::newRow("0x5eed0005") << quint64(0x5eed0005);
    QTest::newRow("0x5eed0013") << quint64(0x5eed0013);
}

void TestConvergence::regressions()
{
    QFETCH(quint64, seed);
    runSeed(seed);
}

QTEST_GUILESS_MAIN(TestConvergence)
#include "tst_convergence.moc"
