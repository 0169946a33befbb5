#pragma once

#include "AdminCommandLine.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

class QTextStream;

namespace fieldline::admin {

class AdminClient;
struct AdminReply;

/** Where a command writes: results to out, one-line failures to err. */
struct Console
{
    QTextStream &out;
    QTextStream &err;
    /** Asked for a password (the prompt names whose); nullopt when none was given. */
    std::function<std::optional<QString>(const QString &prompt)> readPassword;
};

// Shared by the command files.
/** The path segments of /v1/admin/tenants/<tenant>/<rest...>. */
QStringList tenantPath(const QString &tenant, const QStringList &rest);
/** Prints the server's refusal (or the network error) as one line; returns ExitRefused. */
int refused(Console &console, const AdminClient &client, const AdminReply &reply);
/** Left-aligned columns two spaces apart, a header first: readable, and still easy to cut. */
void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows);

// One function per command; each returns the process exit code.
int createTenant(AdminClient &client, Console &console, const QString &name);
int createUser(AdminClient &client, Console &console, const QString &tenant, const QString &login, const QString &role);
int listUsers(AdminClient &client, Console &console, const QString &tenant);
int resetPassword(AdminClient &client, Console &console, const QString &tenant, const QString &login);
int listDevices(AdminClient &client, Console &console, const QString &tenant);
int revokeDevice(AdminClient &client, Console &console, const QString &tenant, const QString &deviceId);
/**
 * Sends the invocation's file (operands: TENANT FILE) to the server's import of its table, with its region and
 * dry-run; on refusal prints every problem the server listed, one per line.
 */
int importTable(AdminClient &client, Console &console, const Invocation &invocation);
/** Writes the table as CSV to @p file (replaced atomically), or to the console when @p file is empty. */
int exportTable(AdminClient &client, Console &console, const QString &tenant, const QString &table,
                const QString &file);

/** Runs the invocation's command. */
int runCommand(const Invocation &invocation, AdminClient &client, Console &console);

} // namespace fieldline::admin
