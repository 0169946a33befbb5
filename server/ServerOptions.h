#pragma once

#include "Credentials.h"
#include "LoginThrottle.h"
#include "PostgresAddress.h"
#include "ServerLog.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace fieldline::server {

/** Everything fieldline-server's command line decides. */
struct ServerOptions
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8443;
    QString dataDir;
    std::optional<PostgresAddress> postgres; ///< the tenant store's database; embedded SQLite in dataDir without
    QString appRole;                         ///< with --migrate: the PostgreSQL role the server will connect as
    bool migrate = false;                    ///< migrate the PostgreSQL schema, grant appRole, and exit
    QString tlsCertificateFile;              ///< with tlsKeyFile: serve HTTPS/WSS; empty: plain HTTP, loopback only
    QString tlsKeyFile;
    bool demo = false;
    bool syncEachCommit = false; ///< one wait for the disk per commit instead of group commit
    PasswordCost passwordCost = PasswordCost::Interactive;
    LoginThrottle::Limits throttle;
    qint64 maxBodyBytes = 1 << 20;
    qint64 maxLoginBodyBytes = 4 << 10;
    std::optional<LogFormat> logFormat; ///< nullopt: JSON lines, or text when stderr is a terminal
};

/** What parsing the command line decided: run with options, or print text and exit with a code. */
struct ParsedCommandLine
{
    std::optional<ServerOptions> options;
    QString message;
    int exitCode = 0;
};

/** Parses "127.0.0.1:8443", "[::1]:8443" or "localhost:8443". */
std::optional<std::pair<QHostAddress, quint16>> parseListenAddress(const QString &text);

/**
 * Parses arguments (argv[0] first). Plain HTTP is refused on anything but a loopback address: TLS is not
 * built yet, and a token must never cross a network in clear text.
 */
ParsedCommandLine parseServerCommandLine(const QStringList &arguments);

} // namespace fieldline::server
