#include "SyncTestKit.h"

#include "sync/RowMerge.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fieldline::sync;
using synctest::Device;

namespace {

constexpr qint64 T0 = 1'790'000'000'000;
const QString Contacts = QStringLiteral("contacts");
const QString Name = QStringLiteral("name");
const QString Phone = QStringLiteral("phone");

Value text(const char *s)
{
    return QString::fromUtf8(s);
}

int countOutcome(const std::vector<ApplyResult> &results, ApplyOutcome outcome)
{
    return int(
        std::count_if(results.begin(), results.end(), [&](const ApplyResult &r) { return r.outcome == outcome; }));
}

} // namespace

class TestReplica : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void localWriteIsCapturedInTheSameTransaction();
    void failedTransactionCapturesNothing();
    void applyRemoteIsIdempotent();
    void applyRemoteDoesNotEcho();
    void concurrentEditsOfDifferentColumnsBothSurvive();
    void concurrentEditsOfOneColumnConvergeOnTheLaterStamp();
    void deleteBeatsAConcurrentUpdate();
    void resurrectionStartsANewLife();
    void oldTombstonesGoOnceTheirDeleteWasPushed();
    void aCellImpliesTheLifeOfItsRow();
    void severalChangesToOneRowInOneBatchMatchOneAtATime();
    void unknownColumnIsKept();
    void anUpgradeAddsColumnsAndShowsWhatWasKept();
    void anUpgradeAddsTablesAndShowsWhatWasKept();
    void growOnlyTableAcceptsInsertsOnly();
    void clockTooFarAheadIsRejectedPerChange();
    void aCausalLengthPastTheLimitIsRejected();
    void rowRefusedByTheLocalTableDoesNotSinkTheBatch();
    void aValueTooLargeToSyncIsNotWritten();
    void aRowTooLargeToSyncIsNotWritten();
    void aLocalWriteThatLostIsNotSent();
    void clockSurvivesAReopen();
    void forgettingKeepsRowsByWhatIsUnsent();
    void theCountOfChangesMatchesWhatWouldBeSent();

private:
    std::unique_ptr<Device> device(const char *name, qint64 clockMs, bool withRating = false);
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Device> a;
    std::unique_ptr<Device> b;
};

std::unique_ptr<Device> TestReplica::device(const char *name, qint64 clockMs, bool withRating)
{
    auto d =
        std::make_unique<Device>(m_dir->filePath(QString::fromLatin1(name)), clockMs, synctest::testSchema(withRating));
    const QString error = d->open();
    if (!error.isEmpty())
        qFatal("open %s: %s", name, qPrintable(error));
    return d;
}

void TestReplica::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    a = device("a.db", T0);
    b = device("b.db", T0 + 1000);
}

void TestReplica::cleanup()
{
    a.reset();
    b.reset();
    m_dir.reset();
}

void TestReplica::localWriteIsCapturedInTheSameTransaction()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Ada")}, {Phone, text("+44 20 7946 0000")}});
    QVERIFY2(row, qPrintable(row.message()));
    QCOMPARE((*a)->lastSeq(), 1);
    auto changes = (*a)->changesSince(0);
    QVERIFY(changes);
    QCOMPARE(changes->size(), size_t(3)); // the row's birth and two cells
    QVERIFY(changes->front().isRowChange());
    for (const Change &c : *changes) {
        QCOMPARE(c.seq, 1);
        QCOMPARE(c.stamp.site, (*a)->siteId());
        QCOMPARE(c.row, *row);
    }
    QCOMPARE(synctest::visible(*a, Contacts, *row, Name), std::optional<Value>(text("Ada")));

    QVERIFY((*a)->update(Contacts, *row, {{Name, text("Ada L.")}}).ok());
    QCOMPARE((*a)->lastSeq(), 2);
    QCOMPARE((*a)->changesSince(1)->size(), size_t(1));

    // The sequence and the log survive a restart.
    QVERIFY(a->open().isEmpty());
    QCOMPARE((*a)->lastSeq(), 2);
    QCOMPARE((*a)->changesSince(0)->size(), size_t(3)); // compacted: only the latest name is sent
}

void TestReplica::failedTransactionCapturesNothing()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Bob")}});
    QVERIFY(row);
    const QByteArray before = synctest::dump(*a);
    // The user table's CHECK fails after the CRDT cells were written: the whole write must roll back.
    auto bad = (*a)->insert(Contacts, {{Name, text("Eve")}, {QStringLiteral("qty"), qint64(-1)}});
    QVERIFY(!bad);
    QVERIFY(!(*a)->update(Contacts, *row, {{QStringLiteral("qty"), qint64(-5)}}).ok());
    QVERIFY(!(*a)->update(Contacts, *row, {{QStringLiteral("nope"), qint64(1)}}).ok());
    QCOMPARE((*a)->lastSeq(), 1);
    QCOMPARE((*a)->changesSince(1)->size(), size_t(0));
    QCOMPARE(synctest::dump(*a), before);
    QVERIFY(!synctest::dump(*a).contains("TEve"));
}

void TestReplica::applyRemoteIsIdempotent()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Cy")}, {Phone, text("1")}});
    QVERIFY(row);
    QVERIFY((*a)->update(Contacts, *row, {{Phone, text("2")}}).ok());
    auto first = synctest::deliverAll(*a, *b);
    QCOMPARE(countOutcome(first, ApplyOutcome::Applied), 3);
    const QByteArray once = synctest::dump(*b);
    auto second = synctest::deliverAll(*a, *b);
    QCOMPARE(countOutcome(second, ApplyOutcome::Unchanged), 3);
    QCOMPARE(synctest::dump(*b), once);
    QCOMPARE(synctest::dump(*b), synctest::dump(*a));
}

void TestReplica::applyRemoteDoesNotEcho()
{
    QVERIFY((*a)->insert(Contacts, {{Name, text("Dee")}}));
    QVERIFY(!synctest::deliverAll(*a, *b).empty());
    QCOMPARE((*b)->lastSeq(), 0);
    QCOMPARE((*b)->changesSince(0)->size(), size_t(0));
    // B's own later write is the only thing B would push.
    QVERIFY((*b)->insert(Contacts, {{Name, text("Eli")}}));
    QCOMPARE((*b)->changesSince(0)->size(), size_t(2));
}

void TestReplica::concurrentEditsOfDifferentColumnsBothSurvive()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Fay")}, {Phone, text("old")}});
    QVERIFY(row);
    synctest::deliverAll(*a, *b);
    QVERIFY((*a)->update(Contacts, *row, {{Name, text("Fay A")}}).ok());
    QVERIFY((*b)->update(Contacts, *row, {{Phone, text("new")}}).ok());
    synctest::deliverAll(*a, *b);
    synctest::deliverAll(*b, *a);
    for (Device *d : {a.get(), b.get()}) {
        QCOMPARE(synctest::visible(*d, Contacts, *row, Name), std::optional<Value>(text("Fay A")));
        QCOMPARE(synctest::visible(*d, Contacts, *row, Phone), std::optional<Value>(text("new")));
    }
    QCOMPARE(synctest::dump(*a), synctest::dump(*b));
}

void TestReplica::concurrentEditsOfOneColumnConvergeOnTheLaterStamp()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Gus")}});
    QVERIFY(row);
    synctest::deliverAll(*a, *b);
    QVERIFY((*b)->update(Contacts, *row, {{Name, text("from B")}}).ok()); // B's clock is 1 s ahead
    QVERIFY((*a)->update(Contacts, *row, {{Name, text("from A")}}).ok());
    synctest::deliverAll(*b, *a);
    synctest::deliverAll(*a, *b);
    QCOMPARE(synctest::visible(*a, Contacts, *row, Name), std::optional<Value>(text("from B")));
    QCOMPARE(synctest::dump(*a), synctest::dump(*b));
}

void TestReplica::theCountOfChangesMatchesWhatWouldBeSent()
{
    // The status bar counts the changes a push would send without building them; both must agree after local
    // writes of every kind and a remote write that superseded one of them.
    auto row = (*a)->insert(Contacts, {{Name, text("Hal")}, {Phone, text("1")}});
    auto other = (*a)->insert(Contacts, {{Name, text("Ida")}, {Phone, QByteArray("\x00\xff", 2)}});
    QVERIFY(row && other);
    synctest::deliverAll(*a, *b);
    QVERIFY((*a)->update(Contacts, *row, {{Name, text("Hal 2")}, {Phone, Value()}}).ok());
    QVERIFY((*a)->remove(Contacts, *other).ok());
    QVERIFY((*a)->insert(Contacts, {{Name, text("Jo")}, {QStringLiteral("qty"), qint64(3)}}));
    QVERIFY((*b)->update(Contacts, *row, {{Phone, text("from B")}}).ok()); // B's clock is ahead: beats A's null
    synctest::deliverAll(*b, *a);
    for (qint64 since = 0; since <= (*a)->lastSeq(); ++since) {
        auto changes = (*a)->changesSince(since);
        auto counted = (*a)->countChangesSince(since);
        QVERIFY(changes && counted);
        QCOMPARE(*counted, qint64(changes->size()));
    }
    // Hal: birth and new name (B won the phone); Ida: the delete and its two cells; Jo: birth and two cells.
    QCOMPARE(*(*a)->countChangesSince(0), qint64(8));
    QCOMPARE(*(*a)->countChangesSince((*a)->lastSeq()), qint64(0));
}

void TestReplica::deleteBeatsAConcurrentUpdate()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Hal")}});
    QVERIFY(row);
    synctest::deliverAll(*a, *b);
    QVERIFY((*a)->remove(Contacts, *row).ok());
    b->clock.advance(60'000); // a later clock does not let an update from the old life undo the delete
    QVERIFY((*b)->update(Contacts, *row, {{Name, text("Hal updated")}}).ok());
    synctest::deliverAll(*a, *b);
    synctest::deliverAll(*b, *a);
    for (Device *d : {a.get(), b.get()}) {
        QCOMPARE(synctest::visible(*d, Contacts, *row, Name), std::nullopt);
        QCOMPARE(synctest::count(*d, "SELECT cl FROM crdt_rows"), 2);
    }
    QCOMPARE(synctest::dump(*a), synctest::dump(*b));
}

void TestReplica::resurrectionStartsANewLife()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Ivy")}, {Phone, text("1")}});
    QVERIFY(row);
    synctest::deliverAll(*a, *b);
    QVERIFY((*a)->remove(Contacts, *row).ok());
    QVERIFY(!(*a)->update(Contacts, *row, {{Name, text("dead")}}).ok());
    synctest::deliverAll(*a, *b);
    QCOMPARE(synctest::visible(*b, Contacts, *row, Name), std::nullopt);
    QVERIFY((*b)->resurrect(Contacts, *row, {{Name, text("Ivy again")}}).ok());
    QVERIFY(!(*b)->resurrect(Contacts, *row, {}).ok()); // already alive
    synctest::deliverAll(*b, *a);
    for (Device *d : {a.get(), b.get()}) {
        QCOMPARE(synctest::visible(*d, Contacts, *row, Name), std::optional<Value>(text("Ivy again")));
        QCOMPARE(synctest::visible(*d, Contacts, *row, Phone), std::optional<Value>(text("1")));
        QCOMPARE(synctest::count(*d, "SELECT cl FROM crdt_rows"), 3);
    }
    QCOMPARE(synctest::dump(*a), synctest::dump(*b));
}

void TestReplica::oldTombstonesGoOnceTheirDeleteWasPushed()
{
    auto pushed = (*a)->insert(Contacts, {{Name, text("pushed")}});
    auto pending = (*a)->insert(Contacts, {{Name, text("pending")}});
    QVERIFY(pushed && pending && (*a)->insert(Contacts, {{Name, text("alive")}}));
    QVERIFY((*a)->remove(Contacts, *pushed).ok());
    auto sent = (*a)->changesSince(0);
    QVERIFY(sent && !sent->empty());
    qint64 pushedSeq = 0; // the device pushed up to here, then deleted one more
    for (const Change &c : *sent)
        pushedSeq = std::max(pushedSeq, c.seq);
    QVERIFY((*a)->remove(Contacts, *pending).ok());
    synctest::deliverAll(*a, *b);
    const char *records = "SELECT count(*) FROM crdt_rows";

    QCOMPARE(*(*a)->collectTombstones(T0 - 1, pushedSeq), qint64(0)); // deleted after the cut-off: kept
    QCOMPARE(*(*a)->collectTombstones(a->clock.nowMs() + 1, pushedSeq), qint64(1));
    QCOMPARE(synctest::count(*a, records), 2); // the unpushed delete and the live row stay
    QCOMPARE(synctest::visible(*a, Contacts, *pending, Name), std::nullopt);
    QCOMPARE(*(*b)->collectTombstones(b->clock.nowMs() + 1, 0), qint64(2)); // remote deletes have no local change
    QCOMPARE(synctest::count(*b, records), 1);
    QCOMPARE(synctest::count(*b, "SELECT count(*) FROM contacts"), 1);
    // The pending delete still goes out.
    auto rest = (*a)->changesSince(pushedSeq);
    QVERIFY(rest && rest->size() == 1 && rest->front().row == *pending);
    QCOMPARE(*(*a)->collectTombstones(a->clock.nowMs() + 1, rest->front().seq), qint64(1)); // once it went up
    QCOMPARE(synctest::dump(*a), synctest::dump(*b));
}

void TestReplica::aCellImpliesTheLifeOfItsRow()
{
    // A relay may forward a cell without the row change that started the row's life (it compacts, or the row
    // change went in another batch): the cell alone proves the row reached that causal length.
    auto row = (*a)->insert(Contacts, {{Name, text("Lu")}});
    QVERIFY(row);
    QVERIFY((*a)->remove(Contacts, *row).ok());
    QVERIFY((*a)->resurrect(Contacts, *row, {{Phone, text("3")}}).ok());
    const ChangeBatch all = *(*a)->changesSince(0);
    ChangeBatch cellsOnly;
    for (const Change &c : all) {
        if (!c.isRowChange())
            cellsOnly.push_back(c);
    }
    QCOMPARE(cellsOnly.size(), size_t(2));
    QVERIFY((*b)->applyRemote(cellsOnly));
    QCOMPARE(synctest::visible(*b, Contacts, *row, Phone), std::optional<Value>(text("3")));
    QCOMPARE(synctest::visible(*b, Contacts, *row, Name), std::optional<Value>(text("Lu")));
    QCOMPARE(synctest::count(*b, "SELECT cl FROM crdt_rows"), 3);
}

void TestReplica::severalChangesToOneRowInOneBatchMatchOneAtATime()
{
    // applyRemote merges all of a row's changes in one read-merge-write; arrival order must not matter.
    const RowId row = RowId::generate();
    const SiteId x = SiteId::generate();
    const SiteId y = SiteId::generate();
    auto at = [](qint64 cl, qint64 counter, const SiteId &site) {
        return Stamp{cl, HybridLogicalClock::make(T0 - 1000, counter), site};
    };
    const ChangeBatch changes{
        Change{Contacts, row, QString(), {}, at(1, 1, x), 1},
        Change{Contacts, row, Name, text("first"), at(1, 2, x), 2},
        Change{Contacts, row, Name, text("concurrent"), at(1, 2, y), 1},
        Change{Contacts, row, Phone, text("1"), at(1, 3, x), 3},
        Change{Contacts, row, QString(), {}, at(2, 4, y), 2}, // deleted
        Change{Contacts, row, Name, text("late, same life"), at(1, 9, x), 4},
        Change{Contacts, row, QString(), {}, at(3, 5, x), 5}, // resurrected
        Change{Contacts, row, Phone, text("3"), at(3, 6, x), 6},
        Change{Contacts, row, Phone, text("older in life 3"), at(3, 1, y), 3},
    };
    const ChangeBatch reversed(changes.rbegin(), changes.rend());

    QVERIFY((*a)->applyRemote(changes));
    QVERIFY((*b)->applyRemote(reversed));
    auto oneByOne = device("one.db", T0);
    auto oneByOneReversed = device("reversed.db", T0);
    for (size_t i = 0; i < changes.size(); ++i) {
        QVERIFY((*oneByOne)->applyRemote({changes[i]}));
        QVERIFY((*oneByOneReversed)->applyRemote({reversed[i]}));
    }
    const QByteArray expected = synctest::dump(*oneByOne);
    QCOMPARE(synctest::dump(*oneByOneReversed), expected);
    QCOMPARE(synctest::dump(*a), expected);
    QCOMPARE(synctest::dump(*b), expected);
    QCOMPARE(synctest::visible(*a, Contacts, row, Phone), std::optional<Value>(text("3")));
    QCOMPARE(synctest::visible(*a, Contacts, row, Name), std::optional<Value>(text("late, same life")));
    QCOMPARE((*a)->changesSince(0)->size(), size_t(0)); // nothing echoed
}

void TestReplica::unknownColumnIsKept()
{
    auto newer = device("newer.db", T0, /*withRating=*/true);
    auto row = (*newer)->insert(Contacts, {{Name, text("Jo")}, {QStringLiteral("rating"), 4.5}});
    QVERIFY(row);
    auto results = synctest::deliverAll(*newer, *a);
    QCOMPARE(countOutcome(results, ApplyOutcome::Applied), 3);
    QCOMPARE(synctest::visible(*a, Contacts, *row, Name), std::optional<Value>(text("Jo")));
    auto state = (*a)->rowState(Contacts, *row);
    QVERIFY(state && state->cell(QStringLiteral("rating")));
    QCOMPARE(state->cell(QStringLiteral("rating"))->value, Value(4.5));
    QVERIFY(synctest::dump(*a).contains("Trating"));
    // An edit on the older client keeps the newer client's column intact.
    QVERIFY((*a)->update(Contacts, *row, {{Name, text("Joan")}}).ok());
    synctest::deliverAll(*a, *newer);
    QCOMPARE(synctest::visible(*newer, Contacts, *row, QStringLiteral("rating")), std::optional<Value>(4.5));
    QCOMPARE(synctest::visible(*newer, Contacts, *row, Name), std::optional<Value>(text("Joan")));
}

void TestReplica::anUpgradeAddsColumnsAndShowsWhatWasKept()
{
    auto newer = device("newer-writer.db", T0, /*withRating=*/true);
    auto rated = (*newer)->insert(Contacts, {{Name, text("Jo")}, {QStringLiteral("rating"), 4.5}});
    auto removed = (*newer)->insert(Contacts, {{Name, text("Gone")}, {QStringLiteral("rating"), 1.0}});
    QVERIFY(rated && removed && (*newer)->remove(Contacts, *removed).ok());
    synctest::deliverAll(*newer, *a);
    QCOMPARE(synctest::count(*a, "SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'rating'"), 0);

    // The older client is upgraded: same file, a schema with one more column. The column is added and shows the
    // cells that arrived while this build did not know it; nothing is captured as a local change.
    const qint64 lastSeq = (*a)->lastSeq();
    a->close();
    a->schema = synctest::testSchema(/*withRating=*/true);
    QCOMPARE(a->open(), QString());
    QCOMPARE(synctest::count(*a, "SELECT count(*) FROM pragma_table_info('contacts') WHERE name = 'rating'"), 1);
    QCOMPARE(synctest::visible(*a, Contacts, *rated, QStringLiteral("rating")), std::optional<Value>(4.5));
    QCOMPARE(synctest::count(*a, "SELECT count(*) FROM contacts"), 1);
    QCOMPARE((*a)->lastSeq(), lastSeq);
    QCOMPARE(synctest::dump(*a), synctest::dump(*newer));
    // Opening again changes nothing more.
    a->close();
    QCOMPARE(a->open(), QString());
    QCOMPARE(synctest::dump(*a), synctest::dump(*newer));
}

void TestReplica::anUpgradeAddsTablesAndShowsWhatWasKept()
{
    // An older build without the events table receives events: they are kept in its CRDT records only.
    fieldline::sync::SyncSchema older = synctest::testSchema();
    std::erase_if(older.tables,
                  [](const fieldline::sync::TableSchema &t) { return t.name == QLatin1String("events"); });
    Device old(m_dir->filePath(QStringLiteral("older.db")), T0, older);
    QCOMPARE(old.open(), QString());
    const QString events = QStringLiteral("events");
    QVERIFY((*b)->insert(events, {{QStringLiteral("kind"), text("call")}, {QStringLiteral("at"), qint64(1)}}));
    QVERIFY((*b)->insert(events, {{QStringLiteral("kind"), text("visit")}, {QStringLiteral("at"), qint64(2)}}));
    synctest::deliverAll(*b, old);
    QCOMPARE(synctest::count(old, "SELECT count(*) FROM sqlite_master WHERE name = 'events'"), 0);

    // The upgrade creates the table and shows what was kept.
    old.close();
    old.schema = synctest::testSchema();
    QCOMPARE(old.open(), QString());
    QCOMPARE(synctest::count(old, "SELECT count(*) FROM events"), 2);
    QCOMPARE(synctest::dump(old), synctest::dump(*b));
}

void TestReplica::growOnlyTableAcceptsInsertsOnly()
{
    const QString events = QStringLiteral("events");
    auto e1 = (*a)->insert(events, {{QStringLiteral("kind"), text("call")}, {QStringLiteral("at"), qint64(1)}});
    auto e2 = (*b)->insert(events, {{QStringLiteral("kind"), text("visit")}, {QStringLiteral("at"), qint64(2)}});
    QVERIFY(e1 && e2);
    QCOMPARE((*a)->update(events, *e1, {{QStringLiteral("kind"), text("x")}}).code(),
             fieldline::storage::ErrorCode::Invalid);
    QVERIFY(!(*a)->remove(events, *e1).ok());
    synctest::deliverAll(*a, *b);
    synctest::deliverAll(*b, *a);
    QCOMPARE(synctest::count(*a, "SELECT count(*) FROM events"), 2);
    QCOMPARE(synctest::dump(*a), synctest::dump(*b));

    // A peer that claims to delete an event is refused, and the event stays.
    Change forged{events, *e1, QString(), {}, Stamp{2, (*b)->changesSince(0)->front().stamp.hlc, (*b)->siteId()}, 9};
    auto results = (*a)->applyRemote({forged});
    QVERIFY(results);
    QCOMPARE(results->front().outcome, ApplyOutcome::Rejected);
    QCOMPARE(synctest::count(*a, "SELECT count(*) FROM events"), 2);
}

void TestReplica::clockTooFarAheadIsRejectedPerChange()
{
    b->clock.set(T0 + 7 * 60'000 + 1000); // B's clock is 7 minutes ahead of A's
    auto row = (*b)->insert(Contacts, {{Name, text("Kim")}});
    QVERIFY(row);
    auto good = (*a)->insert(Contacts, {{Name, text("ok")}});
    QVERIFY(good);
    ChangeBatch batch = *(*b)->changesSince(0);
    ChangeBatch fine = *(*a)->changesSince(0);
    for (Change &c : fine)
        c.row = RowId::generate(); // same content under new ids: these must still apply
    batch.insert(batch.end(), fine.begin(), fine.end());
    auto results = (*a)->applyRemote(batch);
    QVERIFY(results);
    QCOMPARE(countOutcome(*results, ApplyOutcome::Rejected), 2);
    QCOMPARE(countOutcome(*results, ApplyOutcome::Applied), 2);
    QVERIFY2(results->front().message.contains(QStringLiteral("the other device's clock is 7 minutes ahead of yours")),
             qPrintable(results->front().message));
    QCOMPARE(synctest::visible(*a, Contacts, *row, Name), std::nullopt);
    // Refused stamps did not drag A's clock into the future.
    QVERIFY((*a)->insert(Contacts, {{Name, text("after")}}));
    QVERIFY(HybridLogicalClock::physicalMs((*a)->changesSince(0)->back().stamp.hlc) < T0 + 60'000);
}

void TestReplica::aCausalLengthPastTheLimitIsRejected()
{
    // A forged or corrupt life count: refused per change, so nothing adds one to it past INT64_MAX later.
    auto row = (*a)->insert(Contacts, {{Name, text("Kim")}});
    QVERIFY(row);
    const Change birth = (*a)->changesSince(0)->front();
    Change longest = birth;
    longest.stamp.cl = MaxCausalLength - 1; // alive, the longest life a cell may have
    Change tooLong = birth;
    tooLong.row = RowId::generate();
    tooLong.stamp.cl = MaxCausalLength + 1;
    Change last = birth;
    last.row = RowId::generate();
    last.stamp.cl = std::numeric_limits<qint64>::max();
    auto results = (*b)->applyRemote({longest, tooLong, last});
    QVERIFY(results);
    QCOMPARE((*results)[0].outcome, ApplyOutcome::Applied);
    QCOMPARE((*results)[1].outcome, ApplyOutcome::Rejected);
    QCOMPARE((*results)[2].outcome, ApplyOutcome::Rejected);
    QVERIFY2((*results)[1].message.contains(QLatin1String("causal length")), qPrintable((*results)[1].message));
    QVERIFY(!(*b)->rowState(Contacts, tooLong.row)->exists);
    // The row in its longest life can still be deleted here.
    QVERIFY((*b)->remove(Contacts, *row).ok());
    QCOMPARE((*b)->rowState(Contacts, *row)->stamp.cl, MaxCausalLength);
}

void TestReplica::rowRefusedByTheLocalTableDoesNotSinkTheBatch()
{
    // A sender without this device's CHECK (qty >= 0), e.g. an older or buggy client: forged here.
    auto good = (*a)->insert(Contacts, {{Name, text("fine")}});
    QVERIFY(good);
    ChangeBatch batch = *(*a)->changesSince(0);
    const RowId bad = RowId::generate();
    const Stamp stamp = batch.front().stamp;
    batch.push_back(Change{Contacts, bad, QString(), {}, stamp, 2});
    batch.push_back(Change{Contacts, bad, QStringLiteral("qty"), qint64(-3), stamp, 2});
    auto results = (*b)->applyRemote(batch);
    QVERIFY2(results, qPrintable(results.message()));
    QCOMPARE(countOutcome(*results, ApplyOutcome::Applied), 2);
    QCOMPARE(countOutcome(*results, ApplyOutcome::Rejected), 2);
    QVERIFY2(results->back().message.contains(QStringLiteral("refuses")), qPrintable(results->back().message));
    QCOMPARE(synctest::visible(*b, Contacts, *good, Name), std::optional<Value>(text("fine")));
    QCOMPARE(synctest::visible(*b, Contacts, bad, QStringLiteral("qty")), std::nullopt);
    QVERIFY(!(*b)->rowState(Contacts, bad)->exists); // neither half of the refused row was kept
}

void TestReplica::aValueTooLargeToSyncIsNotWritten()
{
    // Sizes in UTF-8, as the value travels: a pair of surrogates is one 4-byte character, a lone one U+FFFD.
    QCOMPARE(valueBytes(Value(QString::fromUtf8("a\u00e9\u4e2d\U0001F600"))), qsizetype(1 + 2 + 3 + 4));
    QCOMPARE(valueBytes(Value(QString(QChar(0xD83D)))), qsizetype(3));
    QCOMPARE(valueBytes(Value(qint64(1) << 40)), qsizetype(0));
    const QString largest(MaxWrittenValueBytes, QLatin1Char('a'));
    QCOMPARE(valueBytes(Value(largest)), MaxWrittenValueBytes);
    auto row = (*a)->insert(Contacts, {{Name, largest}});
    QVERIFY2(row, qPrintable(row.message()));
    const QByteArray before = synctest::dump(*a);
    // One byte more, or fewer characters that take more bytes: refused whole, nothing written or queued.
    const QString chinese((MaxWrittenValueBytes / 3) + 1, QChar(0x4E2D));
    for (const Value &tooBig : {Value(QByteArray(MaxWrittenValueBytes + 1, 'b')), Value(chinese)}) {
        const fieldline::storage::Status refused = (*a)->update(Contacts, *row, {{Phone, text("+1")}, {Name, tooBig}});
        QCOMPARE(refused.code(), fieldline::storage::ErrorCode::TooLarge);
        QVERIFY2(refused.message().contains(QLatin1String("at most 512 KiB")), qPrintable(refused.message()));
        QVERIFY(!(*a)->insert(Contacts, {{Name, tooBig}}));
    }
    QCOMPARE((*a)->lastSeq(), 1);
    QCOMPARE(synctest::dump(*a), before);
}

void TestReplica::aRowTooLargeToSyncIsNotWritten()
{
    // Sixteen of the largest values fill a row exactly; a seventeenth would not fit a pull page on other devices.
    TableSchema wide{QStringLiteral("notes"), {}, false};
    for (int i = 0; i < 20; ++i)
        wide.columns.push_back({QStringLiteral("c%1").arg(i), QStringLiteral("TEXT")});
    Device d(m_dir->filePath(QStringLiteral("wide.db")), T0, SyncSchema{{wide}, 1});
    QCOMPARE(d.open(), QString());
    const QString largest(MaxWrittenValueBytes, QLatin1Char('w'));
    auto row = d->insert(wide.name, {{QStringLiteral("c0"), largest}});
    QVERIFY(row);
    for (int i = 1; i < 16; ++i)
        QVERIFY(d->update(wide.name, *row, {{QStringLiteral("c%1").arg(i), largest}}).ok());
    QCOMPARE(d->rowState(wide.name, *row)->cellBytes(), RowState::MaxBytes);
    const fieldline::storage::Status refused = d->update(wide.name, *row, {{QStringLiteral("c16"), text("x")}});
    QCOMPARE(refused.code(), fieldline::storage::ErrorCode::TooLarge);
    QCOMPARE(d->lastSeq(), 16);
    // Writes that do not grow it still go in.
    QVERIFY(d->update(wide.name, *row, {{QStringLiteral("c0"), text("short")}}).ok());
    QVERIFY(d->update(wide.name, *row, {{QStringLiteral("c16"), text("x")}}).ok());
}

void TestReplica::aLocalWriteThatLostIsNotSent()
{
    auto row = (*a)->insert(Contacts, {{Name, text("Mo")}});
    QVERIFY(row);
    synctest::deliverAll(*a, *b);
    QVERIFY((*a)->update(Contacts, *row, {{Name, text("A's edit")}, {Phone, text("A's phone")}}).ok());
    b->clock.advance(5000);
    QVERIFY((*b)->update(Contacts, *row, {{Name, text("B's later edit")}}).ok());
    synctest::deliverAll(*b, *a); // arrives before A pushed its edit
    // A's phone is still news; A's name lost to B's and would only be noise on the wire.
    const ChangeBatch pending = *(*a)->changesSince(1);
    QCOMPARE(pending.size(), size_t(1));
    QCOMPARE(pending.front().column, Phone);
    QCOMPARE(pending.front().seq, 2);
    synctest::deliverAll(*a, *b);
    QCOMPARE(synctest::dump(*a), synctest::dump(*b));
}

void TestReplica::clockSurvivesAReopen()
{
    b->clock.advance(2 * 60'000); // B is two minutes ahead: A's clock has to follow the stamps it accepted
    QVERIFY((*b)->insert(Contacts, {{Name, text("Ned")}}));
    synctest::deliverAll(*b, *a);
    const qint64 seen = (*b)->changesSince(0)->front().stamp.hlc;
    QVERIFY(a->open().isEmpty()); // restart: the clock is rebuilt from what was persisted
    auto row = (*a)->insert(Contacts, {{Name, text("after restart")}});
    QVERIFY(row);
    QVERIFY((*a)->changesSince(0)->front().stamp.hlc > seen);
}

void TestReplica::forgettingKeepsRowsByWhatIsUnsent()
{
    // Row "theirs" came from b and was edited here; row "mine" was created here. Neither is pushed past seq 0.
    auto theirs = (*b)->insert(Contacts, {{Name, text("Theirs")}});
    QVERIFY(theirs);
    synctest::deliverAll(*b, *a);
    QVERIFY((*a)->update(Contacts, *theirs, {{Phone, text("an edit not yet pushed")}}).ok());
    auto mine = (*a)->insert(Contacts, {{Name, text("Mine")}});
    QVERIFY(mine);
    const std::vector<RowId> both{*theirs, *mine};
    // An eviction keeps every row with anything unsent; it goes up first.
    QCOMPARE(*(*a)->forgetSettledRows(Contacts, both, 0), qint64(0));
    // A resync keeps only the row whose record is unsent (created here): an edit of a row the server no longer has
    // is dropped with it.
    QCOMPARE(*(*a)->forgetSettledRows(Contacts, both, 0, Replica::KeepIf::RecordUnsent), qint64(1));
    QCOMPARE(synctest::count(*a, "SELECT count(*) FROM contacts"), 1);
    QCOMPARE(synctest::count(*a, "SELECT count(*) FROM contacts WHERE name = 'Mine'"), 1);
    // What is still to send is the whole of the kept row, record first.
    const ChangeBatch pending = *(*a)->changesSince(0);
    QVERIFY(!pending.empty());
    QVERIFY(pending.front().isRowChange());
    for (const Change &change : pending)
        QCOMPARE(change.row, *mine);
}

QTEST_GUILESS_MAIN(TestReplica)
#include "tst_replica.moc"
