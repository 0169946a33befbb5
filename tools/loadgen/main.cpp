#include "LoadFleet.h"
#include "LoadOptions.h"
#include "LoadRun.h"
#include "server/OpenFileLimit.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

#include <sodium.h>

using namespace fieldline::loadgen;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fieldline-loadgen"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const ParsedLoadCommandLine parsed = parseLoadCommandLine(QCoreApplication::arguments());
    if (!parsed.options) {
        (parsed.exitCode == 0 ? out : err) << parsed.message << Qt::endl;
        return parsed.exitCode;
    }
    const LoadOptions &options = *parsed.options;
    if (sodium_init() < 0) {
        err << "fieldline-loadgen: libsodium could not start (no entropy source?)." << Qt::endl;
        return 1;
    }
    // One descriptor per live socket and per device's HTTP connections, plus a margin for everything else.
    QString problem;
    const quint64 files = fieldline::server::raiseOpenFileLimit(problem);
    const quint64 needed = quint64(options.connections) + 6 * quint64(options.devicesPerTenant * options.tenants) + 64;
    if (files < needed) {
        err << "fieldline-loadgen: " << options.connections << " connections need about " << needed
            << " open files, but this process may only have " << files << ' ' << problem
            << ". Raise the hard limit (ulimit -Hn) or ask for fewer connections." << Qt::endl;
        return 2;
    }

    auto fleet = prepareFleet(options);
    if (!fleet) {
        err << "fieldline-loadgen: " << fleet.message() << Qt::endl;
        return 1;
    }
    const LoadReport report = runLoad(options, *fleet);
    if (options.json)
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact) << Qt::endl;
    else
        out << report.toText();
    return report.clean() ? 0 : 1;
}
