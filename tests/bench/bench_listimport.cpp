// Benchmark: a campaign list imported in the client (ListImport), 20,000 lines of people nobody has yet, into an
// encrypted profile that already holds 100,000 contacts. Prints how long the file is read and checked (on a thread
// of its own in the product) and how long adding the people holds the UI thread (ListImport::PeoplePerPart at a
// time, each part in one transaction). The baseline is the same 20,000 contacts inserted through the replica in one
// transaction, without a campaign. No DESIGN.md budget.
#include "app/sync/AppSchema.h"
#include "app/telemarketing/ListImport.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Database.h"
#include "sync/Clock.h"
#include "sync/Replica.h"
#include "tests/bench/BenchReplica.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace fieldline;
using namespace fieldline::telemarketing;

namespace {

constexpr int Existing = 100'000;
constexpr int Lines = 20'000;

int fail(int line, const QString &why = QString())
{
    std::fprintf(stderr, "bench_listimport: failed at line %d %s\n", line, qPrintable(why));
    return 1;
}

/** A valid New York number, different for each @p n below 8M. */
QString number(int n)
{
    return QStringLiteral("+1212%1%2").arg(200 + n / 10000).arg(n % 10000, 4, 10, QLatin1Char('0'));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    const sync::SystemClock clock;
    auto replica = bench::openBenchReplica(dir, clock);
    if (!replica)
        return fail(__LINE__, replica.message());
    sync::Replica &r = **replica;
    if (storage::Status indexed = createTelemarketingIndexes(r.database()); !indexed)
        return fail(__LINE__, indexed.message());

    // Baseline, and the contacts the device already has: replica inserts in one transaction.
    QElapsedTimer timer;
    double baselineMs = 0;
    for (int batch = 0; batch < Existing / Lines; ++batch) {
        timer.start();
        storage::Transaction transaction(r.database());
        for (int i = 0; i < Lines; ++i) {
            const int n = batch * Lines + i;
            if (!r.insert(QStringLiteral("contacts"),
                          {{QStringLiteral("first_name"), QStringLiteral("Known %1").arg(n)},
                           {QStringLiteral("phone"), number(n)},
                           {QStringLiteral("time_zone"), QStringLiteral("America/New_York")}}))
                return fail(__LINE__);
        }
        if (!transaction.commit())
            return fail(__LINE__);
        baselineMs = double(timer.nsecsElapsed()) / 1e6; // the last batch: the table as full as for the import
    }
    auto campaign = r.insert(tables::Campaigns, {{QStringLiteral("name"), QStringLiteral("Bench")},
                                                 {QStringLiteral("status"), QStringLiteral("active")}});
    if (!campaign)
        return fail(__LINE__);

    QByteArray file = "phone,first_name,last_name,company,time_zone\n";
    for (int i = 0; i < Lines; ++i)
        file += QStringLiteral("%1,First %2,Last %2,Company %2,America/Chicago\n")
                    .arg(number(Existing + i))
                    .arg(i)
                    .toUtf8();
    timer.start();
    const ListImport::Checked checked = ListImport::check(file, QStringLiteral("US"));
    const double checkMs = double(timer.nsecsElapsed()) / 1e6;
    if (!checked.problems.isEmpty() || checked.people.size() != size_t(Lines))
        return fail(__LINE__, checked.problems.value(0));
    // As the client adds them: a part at a time, each in its own transaction.
    ListImport::Progress progress;
    std::vector<double> parts;
    for (bool finished = false; !finished;) {
        timer.start();
        auto part = ListImport(r).runPart(checked, progress, *campaign, QString(), ListImport::PeoplePerPart);
        parts.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!part)
            return fail(__LINE__, part.message());
        finished = *part;
    }
    double runMs = 0;
    for (double part : parts)
        runMs += part;
    const ListImport::Outcome &outcome = progress.outcome;
    if (outcome.added != Lines || outcome.newContacts != Lines)
        return fail(__LINE__, QString::number(outcome.added));

    std::printf("baseline: %d contacts inserted through the replica, one transaction  %9.1f ms\n", Lines, baselineMs);
    std::printf("list of %d lines (%.1f MB) read and checked (reading thread)       %9.1f ms\n", Lines,
                double(file.size()) / 1e6, checkMs);
    std::printf("list of %d lines: people matched, created, added (UI thread)       %9.1f ms (%.1fx baseline)\n", Lines,
                runMs, runMs / baselineMs);
    std::printf("  in %zu parts of %d people; the longest held the UI thread %.1f ms\n", parts.size(),
                ListImport::PeoplePerPart, *std::max_element(parts.begin(), parts.end()));

    // Nothing of it was sent (a device offline): the status bar's count of kept changes, on the UI thread, against
    // building the changes a push would send (how the count was taken before).
    timer.start();
    storage::Result<qint64> counted = r.countChangesSince(0);
    const double countMs = double(timer.nsecsElapsed()) / 1e6;
    timer.start();
    storage::Result<sync::ChangeBatch> built = r.changesSince(0);
    const double buildMs = double(timer.nsecsElapsed()) / 1e6;
    if (!counted || !built || *counted != qint64(built->size()))
        return fail(__LINE__);
    std::printf("baseline: the %lld unsent changes built as a push would send them    %9.1f ms\n",
                static_cast<long long>(*counted), buildMs);
    std::printf("the same changes counted for the status bar (UI thread)              %9.1f ms (%.2fx baseline)\n",
                countMs, countMs / buildMs);
    return 0;
}
