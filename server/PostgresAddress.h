#pragma once

#include <QString>

#include <optional>

namespace fieldline::server {

/**
 * A PostgreSQL database to keep the tenant store in, from a URL such as
 * postgresql://user:password@127.0.0.1:5432/fieldline?sslmode=require.
 *
 * Without a password in the URL, libpq falls back to PGPASSWORD or ~/.pgpass, so the secret need not appear on a
 * command line. Query items are passed to libpq as connection options. The password never appears in display().
 */
struct PostgresAddress
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QString options; ///< libpq connection options, "key=value;key=value" as QSqlDatabase::setConnectOptions takes

    /** The address, or nullopt with a sentence in @p error saying what is wrong with the URL. */
    static std::optional<PostgresAddress> parse(const QString &url, QString *error);
    /** The URL without its password, for messages and logs. */
    QString display() const;
};

} // namespace fieldline::server
