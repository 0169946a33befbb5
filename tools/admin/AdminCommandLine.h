#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

/** fieldline-admin: command-line administration of a fieldline-server over its /v1/admin API. */
namespace fieldline::admin {

/** What the process returns: scripts rely on these. */
enum ExitCode { ExitOk = 0, ExitRefused = 1, ExitUsage = 2 };

enum class Command {
    TenantCreate,
    UserCreate,
    UserList,
    UserResetPassword,
    UserTerritories,
    DeviceList,
    DeviceRevoke,
    Import,
    Export,
    FormPublish,
    FormList,
    FormDiff,
    FormRetire
};

/** One validated command line. */
struct Invocation
{
    QUrl server;
    QString tokenFile; ///< exactly one of tokenFile and tokenEnv is set
    QString tokenEnv;
    Command command = Command::TenantCreate;
    QStringList operands; ///< the command's positional arguments, count already checked
    QString role;         ///< user create only
    QString table;        ///< import and export: contacts, accounts or products
    QString region;       ///< import only, optional: where phone numbers without a country code are read
    bool dryRun = false;  ///< import only: check and count, write nothing
};

/** Either an invocation to run, or text to print and an exit code. */
struct ParsedArguments
{
    std::optional<Invocation> invocation;
    QString message;
    int exitCode = ExitOk;
};

/** Parses the arguments (argv[0] first). Usage errors come back with ExitUsage and a one-line message. */
ParsedArguments parseArguments(const QStringList &arguments);

/**
 * True when @p url may carry a token: https anywhere, plain http only to a loopback host, where nothing crosses
 * a network.
 */
bool isSafeServerUrl(const QUrl &url);

/** Reads the token from the file or environment variable the invocation names; on failure fills @p problem. */
std::optional<QByteArray> readToken(const Invocation &invocation, QString &problem);

} // namespace fieldline::admin
