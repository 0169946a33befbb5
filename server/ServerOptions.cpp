#include "ServerOptions.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QStandardPaths>

namespace fieldline::server {

std::optional<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    bool portOk = false;
    const uint port = text.mid(colon + 1).toUInt(&portOk);
    if (!portOk || port > 65535)
        return std::nullopt;
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    QHostAddress address;
    if (host == QLatin1String("localhost"))
        address = QHostAddress(QHostAddress::LocalHost);
    else if (!address.setAddress(host))
        return std::nullopt;
    return std::make_pair(address, quint16(port));
}

ParsedCommandLine parseServerCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fieldline tenant server."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address and port to listen on (default 127.0.0.1:8443; port 0 "
                                                   "picks a free one). Plain HTTP only on loopback."),
                                    QStringLiteral("address:port"), QStringLiteral("127.0.0.1:8443"));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Data folder (tenant store)."),
                                  QStringLiteral("dir"));
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Seed the demo tenant 'demo' (idempotent)."));
    const QCommandLineOption cost(QStringLiteral("password-cost"),
                                  QStringLiteral("Argon2id cost: min, interactive (default), moderate, sensitive."),
                                  QStringLiteral("cost"), QStringLiteral("interactive"));
    const QCommandLineOption perAccount(QStringLiteral("login-max-failures"),
                                        QStringLiteral("Failed logins per account before a lock (default 5)."),
                                        QStringLiteral("n"), QStringLiteral("5"));
    const QCommandLineOption perAddress(QStringLiteral("address-max-failures"),
                                        QStringLiteral("Failed logins per client address before a lock (default 30)."),
                                        QStringLiteral("n"), QStringLiteral("30"));
    const QCommandLineOption lock(QStringLiteral("login-lock-seconds"),
                                  QStringLiteral("How long a login lock lasts (default 60)."), QStringLiteral("s"),
                                  QStringLiteral("60"));
    const QCommandLineOption tlsCert(QStringLiteral("tls-cert"),
                                     QStringLiteral("PEM certificate chain (leaf first): serve HTTPS and WSS."),
                                     QStringLiteral("file"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"), QStringLiteral("PEM private key of --tls-cert."),
                                    QStringLiteral("file"));
    const QCommandLineOption postgres(
        QStringLiteral("postgres"),
        QStringLiteral("Keep the tenant store in PostgreSQL instead of embedded SQLite, e.g. "
                       "postgresql://fieldline_app@127.0.0.1:5432/fieldline (password in the URL or PGPASSWORD)."),
        QStringLiteral("url"));
    const QCommandLineOption migrate(QStringLiteral("migrate"),
                                     QStringLiteral("With --postgres as the schema's owner: migrate the schema, grant "
                                                    "--app-role what the server needs, and exit."));
    const QCommandLineOption appRole(QStringLiteral("app-role"),
                                     QStringLiteral("With --migrate: the PostgreSQL role the server connects as."),
                                     QStringLiteral("name"));
    const QCommandLineOption syncEachCommit(
        QStringLiteral("sync-each-commit"),
        QStringLiteral("Wait for the disk at every commit instead of syncing once for every sync request answered "
                       "meanwhile (group commit, the default). Equally safe, slower under load."));
    parser.addOptions({listen, data, demo, syncEachCommit, cost, perAccount, perAddress, lock, tlsCert, tlsKey,
                       postgres, migrate, appRole});
    const QCommandLineOption logFormat(QStringLiteral("log-format"),
                                       QStringLiteral("Log lines on stderr: json (one object per line) or text. "
                                                      "Default: text on a terminal, json otherwise."),
                                       QStringLiteral("format"));
    parser.addOption(logFormat);

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        result.message = parser.errorText() + u'\n' + parser.helpText();
        result.exitCode = 2;
        return result;
    }
    if (parser.isSet(help)) {
        result.message = parser.helpText();
        return result;
    }
    if (parser.isSet(version)) {
        result.message = QStringLiteral("fieldline-server " FIELDLINE_VERSION);
        return result;
    }
    auto fail = [&](const QString &message) {
        result.message = message;
        result.exitCode = 2;
        return result;
    };

    ServerOptions options;
    const auto endpoint = parseListenAddress(parser.value(listen));
    if (!endpoint)
        return fail(QStringLiteral("--listen wants address:port, for example 127.0.0.1:8443 or [::1]:8443."));
    options.address = endpoint->first;
    options.port = endpoint->second;
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey))
        return fail(QStringLiteral("--tls-cert and --tls-key go together."));
    options.tlsCertificateFile = parser.value(tlsCert);
    options.tlsKeyFile = parser.value(tlsKey);
    if (!options.address.isLoopback() && options.tlsCertificateFile.isEmpty())
        return fail(QStringLiteral("Refusing to listen on %1 without TLS: plain HTTP would send passwords and tokens "
                                   "in clear text. Pass --tls-cert and --tls-key, or listen on a loopback address "
                                   "(127.0.0.1 or ::1) behind a TLS proxy.")
                        .arg(options.address.toString()));

    options.dataDir =
        parser.isSet(data) ? parser.value(data) : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (options.dataDir.isEmpty())
        return fail(QStringLiteral("No data folder: pass --data DIR."));
    options.demo = parser.isSet(demo);
    options.syncEachCommit = parser.isSet(syncEachCommit);
    if (parser.isSet(postgres)) {
        QString problem;
        options.postgres = PostgresAddress::parse(parser.value(postgres), &problem);
        if (!options.postgres)
            return fail(problem);
    }
    options.migrate = parser.isSet(migrate);
    options.appRole = parser.value(appRole);
    static const QRegularExpression roleName(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    if (options.migrate && (!options.postgres || options.appRole.isEmpty()))
        return fail(QStringLiteral("--migrate needs --postgres OWNER_URL and --app-role NAME."));
    if (!options.migrate && parser.isSet(appRole))
        return fail(QStringLiteral("--app-role goes with --migrate."));
    if (options.migrate && !roleName.match(options.appRole).hasMatch())
        return fail(QStringLiteral("--app-role wants a PostgreSQL role name of lower-case letters, digits and '_'."));

    const auto passwordCost = passwordCostFromString(parser.value(cost));
    if (!passwordCost)
        return fail(QStringLiteral("--password-cost must be min, interactive, moderate or sensitive."));
    options.passwordCost = *passwordCost;

    auto positive = [&](const QCommandLineOption &option, int &target) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value <= 0)
            return false;
        target = value;
        return true;
    };
    if (!positive(perAccount, options.throttle.perAccount) || !positive(perAddress, options.throttle.perAddress) ||
        !positive(lock, options.throttle.lockSeconds))
        return fail(QStringLiteral("Login throttle settings must be positive whole numbers."));

    if (parser.isSet(logFormat)) {
        options.logFormat = logFormatFromName(parser.value(logFormat));
        if (!options.logFormat)
            return fail(QStringLiteral("--log-format must be json or text."));
    }

    result.options = options;
    return result;
}

} // namespace fieldline::server
