#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace fieldline::loadgen {

/** Everything fieldline-loadgen's command line decides. Every count and duration is bounded when parsed. */
struct LoadOptions
{
    QUrl server;
    /// Operator mode: create `tenants` fresh tenants with one user each (the server's <data>/operator-token).
    QString operatorTokenFile;
    /// Existing-tenant mode: log in as this tenant's user (password from the environment variable passwordEnv).
    QString tenant;
    QString login;
    QString passwordEnv = QStringLiteral("FIELDLINE_PASSWORD");

    int tenants = 50;
    int devicesPerTenant = 4; ///< logins (device tokens) per tenant; pushes and sockets are spread over them
    int connections = 1000;   ///< live WebSockets, spread evenly over the tenants
    double rate = 200;        ///< pushes per second, on a fixed timetable
    double loginRate = 0;     ///< logins per second beside the pushes (a shift starting), on a fixed timetable
    int durationS = 20;
    int notifySampleEvery = 10; ///< time the live fan-out of every Nth push
    quint32 seed = 1;
    bool json = false;

    static constexpr int MaxConnections = 20000;
    static constexpr double MaxRate = 5000;
    static constexpr double MaxLoginRate = 100;
    static constexpr int MaxDurationS = 3600;
    static constexpr int MaxTenants = 1000;
    static constexpr int MaxDevicesPerTenant = 1000;
    /// The server keeps a device's 8 newest live sockets and closes older ones (server::LiveChannel).
    static constexpr int MaxSocketsPerDevice = 8;
};

/** What parsing decided: run with options, or print text and exit with a code. */
struct ParsedLoadCommandLine
{
    std::optional<LoadOptions> options;
    QString message;
    int exitCode = 0;
};

/**
 * Parses arguments (argv[0] first). Only loopback servers are accepted: a load generator pointed at a production
 * server by mistake would be an outage, so it cannot be.
 */
ParsedLoadCommandLine parseLoadCommandLine(const QStringList &arguments);

} // namespace fieldline::loadgen
