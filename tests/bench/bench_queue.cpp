// Benchmark: the dialer's queue (issue 5 budgets). Next contact in a 1M-member campaign with do-not-call lists,
// calling hours and attempts applied (p95 <= 5 ms), and a do-not-call lookup among 2M numbers (p95 <= 1 ms), in
// an encrypted profile database. The baseline is one primary-key read of a member row in the same database.
// Also the agent's queue panel (QueueSummary), read before each pick; not a budget of its own.
//
// The rows are written straight into the synced tables' SQL (one transaction each) rather than through the
// replica's change capture: the benchmark measures reads, and 3M captured inserts would only make it slow to start.
#include "app/sync/AppSchema.h"
#include "app/telemarketing/ClaimReserve.h"
#include "app/telemarketing/ContactQueue.h"
#include "app/telemarketing/DoNotCall.h"
#include "app/telemarketing/QueueSummary.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Clock.h"
#include "sync/Replica.h"
#include "tests/bench/BenchReplica.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace fieldline;
using namespace fieldline::telemarketing;

namespace {

constexpr int Members = 1'000'000;
constexpr int DncNumbers = 2'000'000;
constexpr int Samples = 400;
constexpr double NextBudgetMs = 5.0;
constexpr double DncBudgetMs = 1.0;

const char *const Areas[] = {"212", "310", "415", "617", "312", "713", "305", "206", "404", "702"};
const char *const Zones[] = {"America/New_York", "America/Chicago",   "America/Denver",   "America/Los_Angeles",
                             "America/Phoenix",  "America/Anchorage", "Pacific/Honolulu", "Europe/Berlin",
                             "Europe/London",    "Asia/Shanghai",     "Australia/Sydney", ""};

int fail(int line)
{
    std::fprintf(stderr, "bench_queue: failed at line %d\n", line);
    return 1;
}

double percentile(std::vector<double> samples, double p)
{
    std::sort(samples.begin(), samples.end());
    return samples[size_t(p * double(samples.size() - 1))];
}

/** A valid US number, different for every @p n below 80M. */
QString usNumber(quint32 n)
{
    const quint32 line = n % 10000;
    const quint32 exchange = 200 + (n / 10000) % 800;
    const char *area = Areas[(n / 8'000'000) % 10];
    return QStringLiteral("+1%1%2%3").arg(QLatin1String(area)).arg(exchange).arg(line, 4, 10, QLatin1Char('0'));
}

QByteArray randomId(QRandomGenerator &random)
{
    QByteArray id(16, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(id.data()), 4);
    return id;
}

bool run(storage::Database &db, const char *sql)
{
    if (storage::Status s = db.exec(sql); !s) {
        std::fprintf(stderr, "%s: %s\n", sql, qPrintable(s.message()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const sync::SystemClock clock;
    auto replica = bench::openBenchReplica(dir, clock);
    if (!replica) {
        std::fprintf(stderr, "cannot open: %s\n", qPrintable(replica.message()));
        return fail(__LINE__);
    }
    storage::Database &database = (*replica)->database();
    if (storage::Status indexed = createTelemarketingIndexes(database); !indexed) {
        std::fprintf(stderr, "cannot index: %s\n", qPrintable(indexed.message()));
        return fail(__LINE__);
    }

    sync::Cells rules;
    rules.emplace_back(QStringLiteral("name"), QStringLiteral("Bench"));
    rules.emplace_back(QStringLiteral("mode"), QStringLiteral("progressive"));
    rules.emplace_back(QStringLiteral("window_start"), QStringLiteral("09:00"));
    rules.emplace_back(QStringLiteral("window_end"), QStringLiteral("21:00"));
    rules.emplace_back(QStringLiteral("max_attempts"), qint64(3));
    rules.emplace_back(QStringLiteral("retry_minutes"), QStringLiteral("60,240"));
    rules.emplace_back(QStringLiteral("status"), QStringLiteral("active"));
    rules.emplace_back(QStringLiteral("dispositions"),
                       QStringLiteral(R"([{"code": "sale", "label": {"en": "Sale"}, "key": "1"}])"));
    const sync::RowId campaignId = *(*replica)->insert(tables::Campaigns, rules);

    QElapsedTimer setup;
    setup.start();
    QRandomGenerator random(20261205);
    const qint64 nowMs = QDateTime(QDate(2026, 5, 4), QTime(16, 0), Qt::UTC).toMSecsSinceEpoch();
    std::vector<QByteArray> memberIds;
    memberIds.reserve(Members);
    std::vector<QString> memberNumbers;
    memberNumbers.reserve(Members);
    {
        if (!run(database, "BEGIN"))
            return fail(__LINE__);
        auto contact = database.prepareUncached(
            "INSERT INTO contacts(id, first_name, phone, time_zone, do_not_call) VALUES (?, ?, ?, ?, ?)");
        auto member = database.prepareUncached(
            "INSERT INTO campaign_members(id, campaign, contact, priority, attempts, next_attempt_ms, status, owner,"
            " zone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!contact || !member)
            return fail(__LINE__);
        for (int i = 0; i < Members; ++i) {
            const QByteArray contactId = randomId(random);
            const QString number = usNumber(quint32(i) * 7u);
            const QString zone = QString::fromLatin1(Zones[random.bounded(int(std::size(Zones)))]);
            (*contact)->bind(1, contactId).bind(2, QStringLiteral("Contact %1").arg(i)).bind(3, number);
            (*contact)->bind(4, zone).bind(5, qint64(random.bounded(100) == 0));
            if (!(*contact)->run())
                return fail(__LINE__);
            (*contact)->reset();
            const QByteArray memberId = randomId(random);
            const int roll = random.bounded(100);
            const qint64 attempts = roll < 10 ? 3 : roll % 3;
            const qint64 next = roll < 30 ? nowMs + 3'600'000 : nowMs - qint64(random.bounded(86'400'000));
            const QString owner = roll < 10   ? QStringLiteral("agent1")
                                  : roll < 30 ? QStringLiteral("agent%1").arg(2 + roll % 9)
                                              : QString();
            (*member)->bind(1, memberId).bind(2, campaignId.toBytes()).bind(3, contactId);
            (*member)->bind(4, qint64(random.bounded(10))).bind(5, attempts).bind(6, next);
            (*member)->bind(7, roll < 95 ? memberStatus::Queued : memberStatus::Done).bind(8, owner);
            (*member)->bind(9, ZoneKey::of(zone, number));
            if (!(*member)->run())
                return fail(__LINE__);
            (*member)->reset();
            memberIds.push_back(memberId);
            memberNumbers.push_back(number);
        }
        // 2M listed numbers: one member number in twenty, the rest numbers nobody in the campaign has.
        auto dnc = database.prepareUncached("INSERT INTO dnc_numbers(id, number, reason) VALUES (?, ?, 'bench')");
        if (!dnc)
            return fail(__LINE__);
        for (int i = 0; i < DncNumbers; ++i) {
            const QString number =
                i % 40 == 0 && i / 2 < Members ? memberNumbers[size_t(i / 2)] : usNumber(quint32(i) * 7u + 3u);
            (*dnc)->bind(1, randomId(random)).bind(2, number);
            if (!(*dnc)->run())
                return fail(__LINE__);
            (*dnc)->reset();
        }
        if (!run(database, "COMMIT") || !run(database, "ANALYZE"))
            return fail(__LINE__);
    }
    std::printf("set-up: %d members, %d contacts, %d do-not-call numbers in %.1f s\n", Members, Members, DncNumbers,
                double(setup.elapsed()) / 1000.0);

    // Baseline: one member row read by its id.
    std::vector<double> baseline;
    auto byId = database.prepareUncached("SELECT priority, zone FROM campaign_members WHERE id = ?");
    for (int i = 0; i < Samples; ++i) {
        QElapsedTimer t;
        t.start();
        (*byId)->bind(1, memberIds[size_t(random.bounded(Members))]);
        (void)(*byId)->step();
        (*byId)->reset();
        baseline.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    const double baselineP95 = percentile(baseline, 0.95);

    // Next contact across the day (different zones open), as several agents, each pick then marked done.
    auto campaign = Campaign::read(database, campaignId);
    if (!campaign) {
        std::fprintf(stderr, "campaign: %s\n", qPrintable(campaign.message()));
        return fail(__LINE__);
    }
    CallingHours hours;
    ContactQueue queue(**replica, hours);
    auto done = database.prepareUncached("UPDATE campaign_members SET status = 'done' WHERE id = ?");
    if (!done)
        return fail(__LINE__);
    std::vector<double> next;
    int found = 0;
    for (int i = 0; i < Samples; ++i) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(nowMs + qint64(i % 24) * 3'600'000, Qt::UTC);
        const QString agent = QStringLiteral("agent%1").arg(1 + i % 12);
        QElapsedTimer t;
        t.start();
        auto call = queue.next(*campaign, agent, at);
        next.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!call) {
            std::fprintf(stderr, "next: %s\n", qPrintable(call.message()));
            return fail(__LINE__);
        }
        if (*call) {
            ++found;
            // Straight to the table, like the rows themselves (the replica never saw them).
            (*done)->bind(1, (*call)->member.toBytes());
            if (!(*done)->run())
                return fail(__LINE__);
            (*done)->reset();
        }
    }
    const double nextP95 = percentile(next, 0.95);

    // For information: picks with the pool left out (the server cannot be reached), by agent1, who owns a tenth of the
    // members but has spent all their attempts, and by agent12, who owns none: no own member can be called, so every
    // open zone is read to its end, which is the worst case. Nothing is marked done here.
    std::vector<double> ownTenth;
    std::vector<double> ownNone;
    for (int i = 0; i < 40; ++i) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(nowMs + qint64(i % 24) * 3'600'000, Qt::UTC);
        const bool none = i % 2;
        QElapsedTimer t;
        t.start();
        auto call =
            queue.next(*campaign, none ? QStringLiteral("agent12") : QStringLiteral("agent1"), at, {.pool = false});
        (none ? ownNone : ownTenth).push_back(double(t.nsecsElapsed()) / 1e6);
        if (!call || (none && *call))
            return fail(__LINE__);
    }

    // For information: claiming ahead after each pick (ClaimReserve::topUp: the next three offers looked at). The
    // claims themselves are not written here (the replica never saw these rows), so this is the picks' cost.
    ClaimReserve reserve(**replica, queue);
    std::vector<double> ahead;
    for (int i = 0; i < 40; ++i) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(nowMs + qint64(i % 24) * 3'600'000, Qt::UTC);
        QElapsedTimer t;
        t.start();
        const storage::Status topped = reserve.topUp(*campaign, QStringLiteral("agent%1").arg(1 + i % 12), at, {});
        ahead.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!topped)
            return fail(__LINE__);
    }

    // The agent's queue panel, read before each pick: at most QueueSummary::RowsPerZone members per zone.
    std::vector<double> panel;
    qint64 dueNow = 0;
    for (int i = 0; i < Samples; ++i) {
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(nowMs + qint64(i % 24) * 3'600'000, Qt::UTC);
        QElapsedTimer t;
        t.start();
        auto summary = QueueSummary::read(database, hours, *campaign, QStringLiteral("agent%1").arg(1 + i % 12), at);
        panel.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!summary)
            return fail(__LINE__);
        dueNow += summary->readyNow.count;
    }
    const double panelP95 = percentile(panel, 0.95);

    DoNotCall lists(**replica);
    std::vector<double> lookups;
    int listed = 0;
    for (int i = 0; i < Samples * 5; ++i) {
        const QString number = i % 2 ? memberNumbers[size_t(random.bounded(Members))]
                                     : usNumber(quint32(random.bounded(DncNumbers)) * 7u + 3u);
        QElapsedTimer t;
        t.start();
        auto on = lists.lookup(number, campaignId);
        lookups.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!on)
            return fail(__LINE__);
        listed += *on != DoNotCall::List::None;
    }
    const double dncP95 = percentile(lookups, 0.95);

    std::printf("baseline: one member row read by id               %8.3f ms p95\n", baselineP95);
    std::printf("next contact (callbacks, hours, DNC, attempts)     %8.3f ms p95, %.3f ms p50 (%.1fx baseline)  "
                "[%d of %d found a contact]\n",
                nextP95, percentile(next, 0.5), nextP95 / baselineP95, found, Samples);
    std::printf("for information, own contacts only, none callable: agent1 %8.3f ms p95; agent12 %8.3f ms p95\n",
                percentile(ownTenth, 0.95), percentile(ownNone, 0.95));
    std::printf("for information, claiming the next 3 offers ahead: %8.3f ms p95\n", percentile(ahead, 0.95));
    std::printf("queue panel (due now, later; bounded per zone)     %8.3f ms p95, %.3f ms p50 (%.1fx baseline)  "
                "[%lld due now on average]\n",
                panelP95, percentile(panel, 0.5), panelP95 / baselineP95, static_cast<long long>(dueNow / Samples));
    std::printf("do-not-call lookup among %d numbers          %8.3f ms p95, %.3f ms p50 (%.1fx baseline)  "
                "[%d of %d listed]\n",
                DncNumbers, dncP95, percentile(lookups, 0.5), dncP95 / baselineP95, listed, Samples * 5);
    std::printf("budget queue_next_contact_1m: %.3f ms (limit %.0f) %s\n", nextP95, NextBudgetMs,
                nextP95 <= NextBudgetMs ? "ok" : "over");
    std::printf("budget dnc_lookup_2m: %.3f ms (limit %.0f) %s\n", dncP95, DncBudgetMs,
                dncP95 <= DncBudgetMs ? "ok" : "over");
    return 0;
}
