// Benchmark: the server under load (DESIGN budget): 1,000 live connections and 200 pushes/s on 2 cores, push p99
// <= 100 ms, on each backend. The real fieldline-server process (release build) on 127.0.0.1, driven by
// fieldline-loadgen's library in this process, first on embedded SQLite, then on a throwaway PostgreSQL cluster.
//
// Baseline, same run and same server: the same kind of push stream at 10 pushes/s with no live connections, i.e.
// what one push costs an idle server, so the ratio is what the load adds. The budget line is for 1,000 devices
// over 50 tenants of 20; one tenant with all 1,000 sockets on 200 devices (each push fans out to 1,000 sockets; a
// device keeps at most 8) is printed too.
//
// Both backends wait for the disk at commit (PostgreSQL keeps its defaults here, unlike the clusters of the tests).
// Logins beside the load (the interactive password cost, 2 logins/s) are measured on SQLite and printed, not
// budgeted; --logins-only runs only that phase.
// --disk-pressure: another writer fills and syncs 64 MiB files in the server's folder throughout each backend's
// phases, as others' builds did on the shared machine where the SQLite tail was first seen (docs/benchmarks.md).
#include "../server/ServerProcess.h"
#include "DiskPressure.h"
#include "LoadFleet.h"
#include "LoadRun.h"
#include "server/OpenFileLimit.h"
#include "tests/support/PostgresCluster.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>

#include <sodium.h>
#include <sys/resource.h>

#include <cstdio>
#include <optional>

using namespace fieldline;

namespace {

constexpr double BudgetMs = 100;

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

QByteArray loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? file.readLine().trimmed() : QByteArrayLiteral("unknown");
}

struct Measured
{
    loadgen::LoadReport report;
    double generatorCpuS = 0;
    QByteArray loadAverageAfter; ///< others' work on the machine shows here
};

/** Runs @p options against a prepared @p fleet; a run that is not clean is reported and gives nullopt. */
std::optional<Measured> measure(const char *backend, const char *phase, const loadgen::LoadOptions &options,
                                const loadgen::LoadFleet &fleet)
{
    const double cpuBefore = cpuSeconds();
    Measured measured{loadgen::runLoad(options, fleet), 0, {}};
    measured.generatorCpuS = cpuSeconds() - cpuBefore;
    measured.loadAverageAfter = loadAverage();
    if (!measured.report.clean()) {
        std::printf("%s %s: the run was not clean:\n%s", backend, phase, qPrintable(measured.report.toText()));
        return std::nullopt;
    }
    return measured;
}

/** Prepares a fleet for @p options and runs it, as above. */
std::optional<Measured> measure(const char *backend, const char *phase, const loadgen::LoadOptions &options)
{
    auto fleet = loadgen::prepareFleet(options);
    if (!fleet) {
        std::printf("%s %s: %s\n", backend, phase, qPrintable(fleet.message()));
        return std::nullopt;
    }
    return measure(backend, phase, options, *fleet);
}

loadgen::LoadOptions shaped(loadgen::LoadOptions options, int tenants, int devicesPerTenant, int connections,
                            double rate, int durationS)
{
    options.tenants = tenants;
    options.devicesPerTenant = devicesPerTenant;
    options.connections = connections;
    options.rate = rate;
    options.durationS = durationS;
    return options;
}

void printLoaded(const char *what, const Measured &run, const loadgen::LoadReport &baseline)
{
    const loadgen::LoadReport &l = run.report;
    std::printf("%s: %d pushes at %.0f/s (achieved %.1f/s), %d live connections on %d tenants: p50 %.1f ms, p95 %.1f "
                "ms, p99 %.1f ms, max %.1f ms (p99 %.2fx baseline)\n",
                what, l.pushesAnswered, l.rateAsked, l.achievedRate, l.connectionsOpen, l.tenants, l.push.p50,
                l.push.p95, l.push.p99, l.push.max, baseline.push.p99 > 0 ? l.push.p99 / baseline.push.p99 : 0.0);
    std::printf("%s: slowest push due in second %d; live notify after the push's answer, %d frames sampled: p50 %.1f "
                "ms, p95 %.1f ms, max %.1f ms; load generator CPU %.1f s in %d s; load average after %s\n",
                what, l.worstSecond, l.notify.count, l.notify.p50, l.notify.p95, l.notify.max, run.generatorCpuS,
                l.durationS, run.loadAverageAfter.constData());
}

/** Baseline, 50 tenants and one tenant against a started server; the p99 of the 50-tenant run, or nullopt. */
std::optional<double> loadServer(const char *backend, const QString &dataDir, quint16 port)
{
    loadgen::LoadOptions options;
    options.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    options.operatorTokenFile = dataDir + QStringLiteral("/operator-token");
    const auto baseline = measure(backend, "baseline", shaped(options, 50, 4, 0, 10, 10));
    const auto load = baseline ? measure(backend, "load", shaped(options, 50, 4, 1000, 200, 20)) : std::nullopt;
    if (!load)
        return std::nullopt;
    const auto oneTenant = measure(backend, "one tenant", shaped(options, 1, 200, 1000, 200, 20));

    const loadgen::LoadReport &b = baseline->report;
    std::printf("%s baseline: %d pushes at 10/s, no live connections (an idle server): p50 %.1f ms, p99 %.1f ms, max "
                "%.1f ms\n",
                backend, b.pushesAnswered, b.push.p50, b.push.p99, b.push.max);
    printLoaded(qPrintable(QStringLiteral("%1 load").arg(QLatin1String(backend))), *load, b);
    if (oneTenant)
        printLoaded(qPrintable(QStringLiteral("%1 one tenant").arg(QLatin1String(backend))), *oneTenant, b);
    return load->report.push.p99;
}

void printBudget(const char *backend, std::optional<double> p99)
{
    if (p99)
        std::printf("budget server_1000_live_200_pushes_p99_%s: %.1f ms (limit %.0f) %s\n", backend, *p99, BudgetMs,
                    *p99 <= BudgetMs ? "ok" : "over");
    else
        std::printf("budget server_1000_live_200_pushes_p99_%s: not measured (see above)\n", backend);
}

/** The value of the Prometheus counter @p name in @p metrics, or -1. */
double counter(const QByteArray &metrics, const QByteArray &name)
{
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith(QByteArray(name + ' ')))
            return line.mid(name.size() + 1).toDouble();
    }
    return -1;
}

/** How many answers each sync of the store let go, from the server's /metrics. */
void printSyncs(const char *backend, ServerProcess &server, bool syncEachCommit)
{
    if (syncEachCommit)
        return;
    const QByteArray metrics = server.get(QStringLiteral("/metrics")).body;
    const double syncs = counter(metrics, "fieldline_store_syncs_total");
    const double answers = counter(metrics, "fieldline_held_answers_total");
    std::printf("%s: %.0f answers held for %.0f syncs (%.2f answers a sync)\n", backend, answers, syncs,
                syncs > 0 ? answers / syncs : 0.0);
}

/**
 * Starts fieldline-server in a fresh folder with @p arguments (and --sync-each-commit when asked), loads it, and
 * prints how its syncs went; another writer beside it with @p diskPressure.
 */
std::optional<double> serveAndLoad(const char *backend, QStringList arguments, bool syncEachCommit, bool diskPressure)
{
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/bench_server-XXXXXX"));
    ServerProcess server;
    arguments << QStringLiteral("--password-cost") << QStringLiteral("min");
    if (syncEachCommit)
        arguments << QStringLiteral("--sync-each-commit");
    if (!server.start(dir.path(), arguments)) {
        std::printf("%s: the server did not start: %s\n", backend, qPrintable(server.error()));
        return std::nullopt;
    }
    std::optional<bench::DiskPressure> pressure;
    if (diskPressure)
        pressure.emplace(dir.filePath(QStringLiteral("pressure.bin")));
    const std::optional<double> p99 = loadServer(backend, dir.path(), server.port());
    printSyncs(backend, server, syncEachCommit);
    if (pressure)
        std::printf("%s: disk pressure beside it: %d x 64 MiB written and synced\n", backend, pressure->rounds());
    return p99;
}

/** Embedded SQLite with group commit, or with --sync-each-commit (@p backend names which). */
std::optional<double> onSqlite(const char *backend, bool syncEachCommit, bool diskPressure)
{
    return serveAndLoad(backend, {}, syncEachCommit, diskPressure);
}

/**
 * A throwaway cluster that keeps PostgreSQL's defaults for the disk (each synchronous commit waits for its WAL
 * flush), with group commit or with --sync-each-commit (@p backend names which).
 */
std::optional<double> onPostgres(const char *backend, bool syncEachCommit, bool diskPressure)
{
    PostgresCluster cluster;
    if (!cluster.start(PostgresCluster::Disk::Durable)) {
        std::printf("postgresql: no throwaway cluster: %s\n", qPrintable(cluster.error()));
        return std::nullopt;
    }
    QProcess migrate;
    migrate.start(ServerProcess::executable(),
                  {QStringLiteral("--postgres"), cluster.ownerUrl(), QStringLiteral("--migrate"),
                   QStringLiteral("--app-role"), QLatin1String(PostgresCluster::AppRole)});
    if (!migrate.waitForFinished(60'000) || migrate.exitCode() != 0) {
        std::printf("postgresql: migration failed: %s\n", migrate.readAllStandardError().constData());
        return std::nullopt;
    }
    return serveAndLoad(backend, {QStringLiteral("--postgres"), cluster.appUrl()}, syncEachCommit, diskPressure);
}

/**
 * Logins beside the budget's load, as when a shift starts: embedded SQLite with group commit at the server's
 * default (interactive) password cost, the load phase once without logins and once with @p loginRate logins per
 * second. The other phases run at the lowest password cost so that preparing their fleets is quick.
 */
void loginsBesideLoad(double loginRate, bool diskPressure)
{
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/bench_server-XXXXXX"));
    ServerProcess server;
    if (!server.start(dir.path(), {})) {
        std::printf("logins: the server did not start: %s\n", qPrintable(server.error()));
        return;
    }
    std::optional<bench::DiskPressure> pressure;
    if (diskPressure)
        pressure.emplace(dir.filePath(QStringLiteral("pressure.bin")));
    loadgen::LoadOptions options;
    options.server = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    options.operatorTokenFile = dir.filePath(QStringLiteral("operator-token"));
    options = shaped(options, 50, 4, 1000, 200, 20);
    // A fleet for each run: a fleet's devices number their pushes from 1, and a second run would only replay them.
    auto run = [&](const char *phase, const loadgen::LoadOptions &asked) -> std::optional<Measured> {
        QElapsedTimer preparing;
        preparing.start();
        auto fleet = loadgen::prepareFleet(asked);
        if (!fleet) {
            std::printf("logins: %s\n", qPrintable(fleet.message()));
            return std::nullopt;
        }
        std::printf("%s: 50 tenants and 200 device logins at the interactive password cost prepared in %.1f s\n", phase,
                    double(preparing.elapsed()) / 1000);
        return measure("sqlite", phase, asked, *fleet);
    };
    const auto without = run("load without logins", options);
    loadgen::LoadOptions withLogins = options;
    withLogins.loginRate = loginRate;
    const auto with = without ? run("load with logins", withLogins) : std::nullopt;
    if (!with)
        return;
    const loadgen::LoadReport &l = with->report;
    std::printf("sqlite load without logins (baseline): p50 %.1f ms, p99 %.1f ms, max %.1f ms\n",
                without->report.push.p50, without->report.push.p99, without->report.push.max);
    printLoaded("sqlite load with logins", *with, without->report);
    std::printf("sqlite load with logins: %d of %d logins at %.1f/s got a token: p50 %.1f ms, p95 %.1f ms, p99 %.1f "
                "ms, max %.1f ms (from each login's due time)\n",
                l.login.count, l.loginsScheduled, loginRate, l.login.p50, l.login.p95, l.login.p99, l.login.max);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (sodium_init() < 0) {
        std::fprintf(stderr, "bench_server: libsodium could not start\n");
        return 1;
    }
    QString problem;
    if (server::raiseOpenFileLimit(problem) < 2048)
        std::printf("open files: this process may hold fewer than 2,048 %s\n", qPrintable(problem));
    std::printf("machine: %d cores, load average before the run %s; fieldline-server and this load generator share "
                "them (one process each, loopback); PostgreSQL, when measured, shares them too\n",
                QThread::idealThreadCount(), loadAverage().constData());
    const bool diskPressure = QCoreApplication::arguments().contains(QStringLiteral("--disk-pressure"));
    constexpr double LoginRate = 2; // a shift of 1,200 agents signing in over 10 minutes
    if (QCoreApplication::arguments().contains(QStringLiteral("--logins-only"))) {
        loginsBesideLoad(LoginRate, diskPressure);
        return 0;
    }
    std::printf("sqlite: in the temporary folder; postgresql: a throwaway cluster with fsync and synchronous_commit "
                "on, in the same temporary folder; each with group commit (answers wait for one sync per batch) and, "
                "for comparison, --sync-each-commit%s\n",
                diskPressure ? "; disk pressure beside both" : "");
    // For comparison, the same phases with a sync of the disk at every commit (the server before group commit).
    const std::optional<double> eachCommit = onSqlite("sqlite-each-commit", true, diskPressure);
    const std::optional<double> sqlite = onSqlite("sqlite", false, diskPressure);
    const std::optional<double> postgresEachCommit = onPostgres("postgresql-each-commit", true, diskPressure);
    const std::optional<double> postgres = onPostgres("postgresql", false, diskPressure);
    loginsBesideLoad(LoginRate, diskPressure);
    if (eachCommit && sqlite)
        std::printf("sqlite: group commit p99 %.1f ms against %.1f ms with a sync at every commit (%.2fx)\n", *sqlite,
                    *eachCommit, *sqlite / *eachCommit);
    if (postgresEachCommit && postgres)
        std::printf("postgresql: group commit p99 %.1f ms against %.1f ms with a wait at every commit (%.2fx)\n",
                    *postgres, *postgresEachCommit, *postgres / *postgresEachCommit);
    printBudget("sqlite", sqlite);
    printBudget("postgresql", postgres);
    return sqlite && postgres ? 0 : 1;
}
