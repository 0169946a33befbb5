#include "AdminCommandLine.h"

#include <QCommandLineParser>
#include <QFile>
#include <QHostAddress>

namespace fieldline::admin {

namespace {

struct CommandSpec
{
    Command command;
    const char *group;
    const char *verb;     ///< alternatives separated by '|' (import and export name the table here)
    const char *operands; ///< as shown in the usage
    int minOperands;
    int maxOperands;
};

constexpr CommandSpec commands[] = {
    {Command::TenantCreate, "tenant", "create", "NAME", 1, 1},
    {Command::UserCreate, "user", "create", "TENANT LOGIN --role ROLE", 2, 2},
    {Command::UserList, "user", "list", "TENANT", 1, 1},
    {Command::UserResetPassword, "user", "reset-password", "TENANT LOGIN", 2, 2},
    {Command::UserTerritories, "user", "territories", "TENANT LOGIN [TERRITORY...]", 2, 102},
    {Command::DeviceList, "device", "list", "TENANT", 1, 1},
    {Command::DeviceRevoke, "device", "revoke", "TENANT ID", 2, 2},
    {Command::Import, "import", "contacts|accounts|products|campaigns|campaign_members|dnc_numbers",
     "TENANT FILE.csv [--region CC] [--dry-run]", 2, 2},
    {Command::Export, "export", "contacts|accounts|products|campaigns|campaign_members|dnc_numbers",
     "TENANT [FILE.csv]", 1, 2},
    {Command::FormPublish, "forms", "publish", "TENANT FILE.json", 2, 2},
    {Command::FormList, "forms", "list", "TENANT", 1, 1},
    {Command::FormDiff, "forms", "diff", "TENANT FORM VERSION VERSION", 4, 4},
    {Command::FormRetire, "forms", "retire", "TENANT FORM", 2, 2},
};

bool matches(const CommandSpec &spec, const QStringList &positional)
{
    return positional[0] == QLatin1String(spec.group) &&
           QString::fromLatin1(spec.verb).split(u'|').contains(positional[1]);
}

QString usageLine(const CommandSpec &spec)
{
    return QStringLiteral("fieldline-admin --server URL (--token-file FILE | --token-env VAR) %1 %2 %3")
        .arg(QLatin1String(spec.group), QLatin1String(spec.verb), QLatin1String(spec.operands));
}

QString helpText()
{
    QString text = QStringLiteral("Administers the tenants, users and devices of a fieldline-server.\n\n"
                                  "Usage: fieldline-admin --server URL (--token-file FILE | --token-env VAR) "
                                  "COMMAND ...\n\nCommands:\n");
    for (const CommandSpec &spec : commands) {
        text += QStringLiteral("  %1 %2 %3\n")
                    .arg(QLatin1String(spec.group), QLatin1String(spec.verb), QLatin1String(spec.operands));
    }
    text += QStringLiteral(
        "\nOptions:\n"
        "  --server URL        The server, for example https://fieldline.example.com (plain http only to a\n"
        "                      loopback address such as http://127.0.0.1:8443).\n"
        "  --token-file FILE   Read the token from FILE: the server's operator-token, or a tenant admin's\n"
        "                      device token.\n"
        "  --token-env VAR     Read the token from the environment variable VAR.\n"
        "  --role ROLE         For user create: agent, field, manager or admin.\n"
        "  --region CC         For import: read phone numbers written without a country code as numbers of\n"
        "                      country CC (such as US); without it every number needs its country code.\n"
        "  --dry-run           For import: check the whole file and say what it would change, change nothing.\n"
        "  --help              Show this text.\n"
        "  --version           Show the version.\n\n"
        "Passwords (user create, user reset-password) are read from standard input, one line.\n"
        "user territories replaces the user's territories with the ones given (none: only rows the user owns and\n"
        "rows without owner or territory); the user's devices reload what they see on their next sync.\n"
        "import reads a CSV file (UTF-8, a header line naming the columns) and imports all of it or, if any line\n"
        "is wrong, nothing, listing every wrong line. export writes CSV to FILE.csv, or to standard output.\n"
        "forms publish checks a layout (docs/forms.md) here and on the server, then publishes it; devices receive\n"
        "it on their next sync. forms diff lists what changed between two versions; forms retire stops new\n"
        "submissions of a form (drafts already started can be finished).\n"
        "Exit status: 0 done, 1 the server refused or could not be reached, 2 wrong usage.\n");
    return text;
}

ParsedArguments usageError(const QString &message)
{
    ParsedArguments result;
    result.message = QStringLiteral("fieldline-admin: ") + message + QStringLiteral(" (see --help)");
    result.exitCode = ExitUsage;
    return result;
}

} // namespace

bool isSafeServerUrl(const QUrl &url)
{
    if (url.scheme() == QLatin1String("https"))
        return true;
    if (url.scheme() != QLatin1String("http"))
        return false;
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

ParsedArguments parseArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList{QStringLiteral("help"), QStringLiteral("h")});
    const QCommandLineOption version(QStringLiteral("version"));
    const QCommandLineOption server(QStringLiteral("server"), QString(), QStringLiteral("url"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"), QString(), QStringLiteral("file"));
    const QCommandLineOption tokenEnv(QStringLiteral("token-env"), QString(), QStringLiteral("var"));
    const QCommandLineOption role(QStringLiteral("role"), QString(), QStringLiteral("role"));
    const QCommandLineOption region(QStringLiteral("region"), QString(), QStringLiteral("cc"));
    const QCommandLineOption dryRun(QStringLiteral("dry-run"));
    parser.addOptions({help, version, server, tokenFile, tokenEnv, role, region, dryRun});

    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    ParsedArguments result;
    if (parser.isSet(help)) {
        result.message = helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.message = QStringLiteral("fieldline-admin " FIELDLINE_VERSION "\n");
        return result;
    }

    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return usageError(QStringLiteral("no command given"));
    const CommandSpec *spec = nullptr;
    for (const CommandSpec &candidate : commands) {
        if (matches(candidate, positional))
            spec = &candidate;
    }
    if (!spec)
        return usageError(QStringLiteral("unknown command \"%1\"").arg(positional.mid(0, 2).join(u' ')));
    Invocation invocation;
    invocation.command = spec->command;
    invocation.operands = positional.mid(2);
    if (invocation.operands.size() < spec->minOperands || invocation.operands.size() > spec->maxOperands)
        return usageError(QStringLiteral("usage: ") + usageLine(*spec));

    if (!parser.isSet(server))
        return usageError(QStringLiteral("--server URL is required"));
    invocation.server = QUrl(parser.value(server), QUrl::StrictMode);
    if (!invocation.server.isValid() || invocation.server.host().isEmpty())
        return usageError(QStringLiteral("--server wants a URL such as https://fieldline.example.com"));
    if (!isSafeServerUrl(invocation.server))
        return usageError(QStringLiteral("refusing %1: use https, or plain http only to a loopback address, so the "
                                         "token never crosses a network in clear text")
                              .arg(invocation.server.toDisplayString()));

    if (parser.isSet(tokenFile) == parser.isSet(tokenEnv))
        return usageError(QStringLiteral("give exactly one of --token-file FILE and --token-env VAR"));
    invocation.tokenFile = parser.value(tokenFile);
    invocation.tokenEnv = parser.value(tokenEnv);

    if (parser.isSet(role) != (spec->command == Command::UserCreate))
        return usageError(spec->command == Command::UserCreate ? QStringLiteral("user create needs --role ROLE")
                                                               : QStringLiteral("--role only applies to user create"));
    invocation.role = parser.value(role);
    static const QStringList roles{QStringLiteral("agent"), QStringLiteral("field"), QStringLiteral("manager"),
                                   QStringLiteral("admin")};
    if (spec->command == Command::UserCreate && !roles.contains(invocation.role))
        return usageError(QStringLiteral("--role must be agent, field, manager or admin"));
    if ((parser.isSet(region) || parser.isSet(dryRun)) && spec->command != Command::Import)
        return usageError(QStringLiteral("--region and --dry-run only apply to import"));
    invocation.region = parser.value(region).toUpper();
    invocation.dryRun = parser.isSet(dryRun);
    if (spec->command == Command::Import || spec->command == Command::Export)
        invocation.table = positional[1];
    if (spec->command == Command::DeviceRevoke) {
        bool numeric = false;
        if (invocation.operands[1].toLongLong(&numeric) <= 0 || !numeric)
            return usageError(QStringLiteral("a device ID is a positive whole number, as device list shows it"));
    }
    result.invocation = invocation;
    return result;
}

std::optional<QByteArray> readToken(const Invocation &invocation, QString &problem)
{
    QByteArray token;
    if (!invocation.tokenFile.isEmpty()) {
        QFile file(invocation.tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            problem = QStringLiteral("cannot read the token file %1: %2").arg(invocation.tokenFile, file.errorString());
            return std::nullopt;
        }
        token = file.read(4096).trimmed();
    } else {
        token = qgetenv(invocation.tokenEnv.toLocal8Bit().constData()).trimmed();
    }
    if (token.isEmpty()) {
        problem = invocation.tokenFile.isEmpty()
                      ? QStringLiteral("the environment variable %1 holds no token").arg(invocation.tokenEnv)
                      : QStringLiteral("the token file %1 is empty").arg(invocation.tokenFile);
        return std::nullopt;
    }
    if (token.contains('\n') || token.contains('\r')) {
        problem = QStringLiteral("the token must be a single line");
        return std::nullopt;
    }
    return token;
}

} // namespace fieldline::admin
