#include "LoadOptions.h"

#include <QCommandLineParser>
#include <QHostAddress>

#include <algorithm>

namespace fieldline::loadgen {

namespace {

bool isLoopback(const QUrl &url)
{
    const QHostAddress address(url.host());
    return url.host() == QLatin1String("localhost") || (!address.isNull() && address.isLoopback());
}

} // namespace

ParsedLoadCommandLine parseLoadCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Load generator for fieldline-server: live WebSockets plus an open-loop stream of pushes."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption server(QStringLiteral("server"), QStringLiteral("Server URL on loopback (required)."),
                                    QStringLiteral("url"));
    const QCommandLineOption operatorToken(
        QStringLiteral("operator-token-file"),
        QStringLiteral("Create fresh tenants with this operator token (the server's <data>/operator-token)."),
        QStringLiteral("file"));
    const QCommandLineOption tenant(QStringLiteral("tenant"), QStringLiteral("Use this existing tenant instead."),
                                    QStringLiteral("name"));
    const QCommandLineOption login(QStringLiteral("login"), QStringLiteral("The user to log in as with --tenant."),
                                   QStringLiteral("login"));
    const QCommandLineOption passwordEnv(QStringLiteral("password-env"),
                                         QStringLiteral("Environment variable holding that user's password "
                                                        "(default FIELDLINE_PASSWORD)."),
                                         QStringLiteral("var"), QStringLiteral("FIELDLINE_PASSWORD"));
    const QCommandLineOption tenants(QStringLiteral("tenants"),
                                     QStringLiteral("Fresh tenants to create (default 50, operator mode)."),
                                     QStringLiteral("n"), QStringLiteral("50"));
    const QCommandLineOption devices(QStringLiteral("devices-per-tenant"),
                                     QStringLiteral("Device logins per tenant (default 4)."), QStringLiteral("n"),
                                     QStringLiteral("4"));
    const QCommandLineOption connections(
        QStringLiteral("connections"),
        QStringLiteral("Live WebSockets, at most 8 per device (default 1000, or 8 per device when fewer)."),
        QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Pushes per second (default 200)."),
                                  QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption logins(QStringLiteral("logins"),
                                    QStringLiteral("Logins per second beside the pushes, as the user of the tenants "
                                                   "(default 0)."),
                                    QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption duration(QStringLiteral("duration"), QStringLiteral("Seconds of pushing (default 20)."),
                                      QStringLiteral("s"), QStringLiteral("20"));
    const QCommandLineOption sample(QStringLiteral("notify-sample"),
                                    QStringLiteral("Time the live fan-out of every Nth push (default 10)."),
                                    QStringLiteral("n"), QStringLiteral("10"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed of the edits (default 1)."),
                                  QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the report as one JSON object."));
    parser.addOptions({server, operatorToken, tenant, login, passwordEnv, tenants, devices, connections, rate, logins,
                       duration, sample, seed, json});

    ParsedLoadCommandLine result;
    auto fail = [&](const QString &message) {
        result.message = message;
        result.exitCode = 2;
        return result;
    };
    if (!parser.parse(arguments))
        return fail(parser.errorText() + u'\n' + parser.helpText());
    if (parser.isSet(help)) {
        result.message = parser.helpText();
        return result;
    }

    LoadOptions options;
    options.server = QUrl(parser.value(server));
    if (!options.server.isValid() || options.server.host().isEmpty() ||
        (options.server.scheme() != QLatin1String("http") && options.server.scheme() != QLatin1String("https")))
        return fail(QStringLiteral("--server wants a URL such as http://127.0.0.1:8443."));
    if (!isLoopback(options.server))
        return fail(QStringLiteral("Refusing to load %1: fieldline-loadgen only talks to a server on this machine's "
                                   "loopback address (127.0.0.1, ::1 or localhost).")
                        .arg(options.server.host()));
    options.operatorTokenFile = parser.value(operatorToken);
    options.tenant = parser.value(tenant);
    options.login = parser.value(login);
    options.passwordEnv = parser.value(passwordEnv);
    if (options.operatorTokenFile.isEmpty() == options.tenant.isEmpty())
        return fail(QStringLiteral("Pass either --operator-token-file (fresh tenants) or --tenant with --login."));
    if (!options.tenant.isEmpty() && options.login.isEmpty())
        return fail(QStringLiteral("--tenant needs --login."));

    // Each count has a ceiling so a typo cannot exhaust the machine's sockets, memory or patience.
    auto bounded = [&](const QCommandLineOption &option, int low, int high, int &target) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < low || value > high)
            return false;
        target = value;
        return true;
    };
    if (!bounded(tenants, 1, LoadOptions::MaxTenants, options.tenants))
        return fail(QStringLiteral("--tenants must be 1 to %1.").arg(LoadOptions::MaxTenants));
    if (!options.tenant.isEmpty())
        options.tenants = 1;
    if (!bounded(devices, 1, LoadOptions::MaxDevicesPerTenant, options.devicesPerTenant))
        return fail(QStringLiteral("--devices-per-tenant must be 1 to %1.").arg(LoadOptions::MaxDevicesPerTenant));
    if (!bounded(connections, 0, LoadOptions::MaxConnections, options.connections))
        return fail(QStringLiteral("--connections must be 0 to %1.").arg(LoadOptions::MaxConnections));
    const int socketsKept = options.tenants * options.devicesPerTenant * LoadOptions::MaxSocketsPerDevice;
    if (!parser.isSet(connections))
        options.connections = std::min(options.connections, socketsKept); // e.g. --tenant with its 4 devices: 32
    if (options.connections > socketsKept)
        return fail(QStringLiteral("--connections can be at most %1 per device (--tenants x --devices-per-tenant x "
                                   "%1): the server keeps only a device's %1 newest sockets.")
                        .arg(LoadOptions::MaxSocketsPerDevice));
    if (!bounded(duration, 1, LoadOptions::MaxDurationS, options.durationS))
        return fail(QStringLiteral("--duration must be 1 to %1 seconds.").arg(LoadOptions::MaxDurationS));
    if (!bounded(sample, 1, 1000000, options.notifySampleEvery))
        return fail(QStringLiteral("--notify-sample must be a positive whole number."));
    bool ok = false;
    options.rate = parser.value(rate).toDouble(&ok);
    if (!ok || options.rate < 0.1 || options.rate > LoadOptions::MaxRate)
        return fail(QStringLiteral("--rate must be 0.1 to %1 pushes per second.").arg(LoadOptions::MaxRate));
    options.loginRate = parser.value(logins).toDouble(&ok);
    if (!ok || options.loginRate < 0 || options.loginRate > LoadOptions::MaxLoginRate)
        return fail(QStringLiteral("--logins must be 0 to %1 per second.").arg(LoadOptions::MaxLoginRate));
    options.seed = parser.value(seed).toUInt(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be a non-negative whole number."));
    options.json = parser.isSet(json);
    result.options = options;
    return result;
}

} // namespace fieldline::loadgen
