#include "AdminCommands.h"

#include "AdminClient.h"
#include "FormCommands.h"

#include <QFile>
#include <QJsonArray>
#include <QSaveFile>
#include <QTextStream>
#include <QUrlQuery>

#include <algorithm>

namespace fieldline::admin {

namespace {

constexpr qint64 MaxImportBytes = 8 << 20; ///< the server's limit (CsvRoutes::MaxImportBytes)
constexpr int ImportTimeoutMs = 10 * 60 * 1000;
/// Sends of one file while the server answers 409: rows it names changed while it was checked (nothing imported).
constexpr int MaxImportSends = 3;

QUrlQuery importQuery(const Invocation &invocation)
{
    QUrlQuery query;
    if (!invocation.region.isEmpty())
        query.addQueryItem(QStringLiteral("region"), invocation.region);
    if (invocation.dryRun)
        query.addQueryItem(QStringLiteral("dry-run"), QStringLiteral("1"));
    return query;
}

std::optional<QString> askPassword(Console &console, const QString &login)
{
    std::optional<QString> password = console.readPassword(QStringLiteral("New password for %1: ").arg(login));
    if (!password)
        console.err << "fieldline-admin: no password given on standard input (one line)" << Qt::endl;
    return password;
}

} // namespace

QStringList tenantPath(const QString &tenant, const QStringList &rest)
{
    return QStringList{QStringLiteral("v1"), QStringLiteral("admin"), QStringLiteral("tenants"), tenant} + rest;
}

int refused(Console &console, const AdminClient &client, const AdminReply &reply)
{
    console.err << "fieldline-admin: " << reply.failureMessage(client.server()) << Qt::endl;
    return ExitRefused;
}

void printTable(QTextStream &out, const QStringList &header, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &title : header)
        widths.append(title.size());
    for (const QStringList &row : rows) {
        for (qsizetype column = 0; column < row.size() && column < widths.size(); ++column)
            widths[column] = std::max(widths[column], row[column].size());
    }
    auto printRow = [&](const QStringList &row) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column)
            line += column + 1 < row.size() ? row[column].leftJustified(widths[column] + 2) : row[column];
        out << line << '\n';
    };
    printRow(header);
    for (const QStringList &row : rows)
        printRow(row);
    out.flush();
}

int createTenant(AdminClient &client, Console &console, const QString &name)
{
    const AdminReply reply = client.post({QStringLiteral("v1"), QStringLiteral("admin"), QStringLiteral("tenants")},
                                         QJsonObject{{QStringLiteral("name"), name}});
    if (!reply.succeeded())
        return refused(console, client, reply);
    console.out << "Created tenant " << name << " (id " << reply.json().value(QLatin1String("id")).toInteger() << ")."
                << Qt::endl;
    return ExitOk;
}

int createUser(AdminClient &client, Console &console, const QString &tenant, const QString &login, const QString &role)
{
    const std::optional<QString> password = askPassword(console, login);
    if (!password)
        return ExitUsage;
    const AdminReply reply =
        client.post(tenantPath(tenant, {QStringLiteral("users")}), QJsonObject{{QStringLiteral("login"), login},
                                                                               {QStringLiteral("password"), *password},
                                                                               {QStringLiteral("role"), role}});
    if (!reply.succeeded())
        return refused(console, client, reply);
    console.out << "Created user " << login << " (" << role << ") in tenant " << tenant << '.' << Qt::endl;
    return ExitOk;
}

int listUsers(AdminClient &client, Console &console, const QString &tenant)
{
    const AdminReply reply = client.get(tenantPath(tenant, {QStringLiteral("users")}));
    if (!reply.succeeded())
        return refused(console, client, reply);
    QList<QStringList> rows;
    const QJsonArray users = reply.json().value(QLatin1String("users")).toArray();
    for (const QJsonValue &value : users) {
        const QJsonObject user = value.toObject();
        QStringList territories;
        for (const QJsonValue &territory : user.value(QLatin1String("territories")).toArray())
            territories.append(territory.toString());
        rows.append({QString::number(user.value(QLatin1String("id")).toInteger()),
                     user.value(QLatin1String("login")).toString(), user.value(QLatin1String("role")).toString(),
                     territories.join(QLatin1String(", "))});
    }
    printTable(console.out,
               {QStringLiteral("ID"), QStringLiteral("LOGIN"), QStringLiteral("ROLE"), QStringLiteral("TERRITORIES")},
               rows);
    return ExitOk;
}

int resetPassword(AdminClient &client, Console &console, const QString &tenant, const QString &login)
{
    const std::optional<QString> password = askPassword(console, login);
    if (!password)
        return ExitUsage;
    const AdminReply reply =
        client.post(tenantPath(tenant, {QStringLiteral("users"), login, QStringLiteral("password")}),
                    QJsonObject{{QStringLiteral("password"), *password}});
    if (!reply.succeeded())
        return refused(console, client, reply);
    console.out << "Changed the password of " << login << " in tenant " << tenant << '.' << Qt::endl;
    return ExitOk;
}

int listDevices(AdminClient &client, Console &console, const QString &tenant)
{
    const AdminReply reply = client.get(tenantPath(tenant, {QStringLiteral("devices")}));
    if (!reply.succeeded())
        return refused(console, client, reply);
    QList<QStringList> rows;
    const QJsonArray devices = reply.json().value(QLatin1String("devices")).toArray();
    for (const QJsonValue &value : devices) {
        const QJsonObject device = value.toObject();
        const QJsonValue revoked = device.value(QLatin1String("revoked"));
        rows.append({QString::number(device.value(QLatin1String("id")).toInteger()),
                     device.value(QLatin1String("login")).toString(), device.value(QLatin1String("name")).toString(),
                     device.value(QLatin1String("created")).toString(),
                     revoked.isString() ? revoked.toString() : QStringLiteral("-")});
    }
    printTable(console.out,
               {QStringLiteral("ID"), QStringLiteral("LOGIN"), QStringLiteral("NAME"), QStringLiteral("CREATED"),
                QStringLiteral("REVOKED")},
               rows);
    return ExitOk;
}

int revokeDevice(AdminClient &client, Console &console, const QString &tenant, const QString &deviceId)
{
    const AdminReply reply =
        client.post(tenantPath(tenant, {QStringLiteral("devices"), deviceId, QStringLiteral("revoke")}));
    if (!reply.succeeded())
        return refused(console, client, reply);
    console.out << "Revoked device " << deviceId << " in tenant " << tenant << '.' << Qt::endl;
    return ExitOk;
}

int importTable(AdminClient &client, Console &console, const Invocation &invocation)
{
    const QString &tenant = invocation.operands[0];
    const QString &file = invocation.operands[1];
    const QString &table = invocation.table;
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        console.err << "fieldline-admin: cannot read " << file << ": " << input.errorString() << Qt::endl;
        return ExitUsage;
    }
    // The server checks the size too, before it parses anything, but only once the whole file has been sent.
    if (input.size() > MaxImportBytes) {
        console.err << "fieldline-admin: " << file << " is larger than " << (MaxImportBytes >> 20)
                    << " MiB, the most one import takes; split it into smaller files." << Qt::endl;
        return ExitUsage;
    }
    client.setTimeoutMs(ImportTimeoutMs);
    const QByteArray csv = input.readAll();
    AdminReply reply;
    for (int send = 1; send <= MaxImportSends; ++send) {
        reply = client.post(tenantPath(tenant, {QStringLiteral("import"), table}), csv,
                            QByteArrayLiteral("text/csv; charset=utf-8"),
                            importQuery(invocation).toString(QUrl::FullyEncoded));
        // Checked again against the rows as they are now, the file goes in or gets its lines' problems.
        if (reply.status != 409 || send == MaxImportSends)
            break;
        console.err << "fieldline-admin: rows that " << file
                    << " names changed while the server checked it; nothing was imported, sending it again."
                    << Qt::endl;
    }
    if (reply.status == 0 && reply.mayHaveArrived && !invocation.dryRun) {
        // The server may have finished after the wait ended: a second import of a file without ids doubles its rows.
        console.err << "fieldline-admin: no answer from " << client.server().toString() << " (" << reply.networkError
                    << "). The import may have been applied all the same: check with 'export' before sending " << file
                    << " again." << Qt::endl;
        return ExitRefused;
    }
    if (!reply.succeeded()) {
        const QJsonObject answer = reply.json();
        const QJsonArray errors = answer.value(QLatin1String("errors")).toArray();
        for (const QJsonValue &value : errors) {
            const QJsonObject problem = value.toObject();
            const qint64 line = problem.value(QLatin1String("line")).toInteger();
            console.err << file << ": " << (line > 0 ? QStringLiteral("line %1: ").arg(line) : QString())
                        << problem.value(QLatin1String("message")).toString() << '\n';
        }
        if (const qint64 more = answer.value(QLatin1String("more")).toInteger(); more > 0)
            console.err << file << ": and " << more << " more problems" << '\n';
        return refused(console, client, reply);
    }
    const QJsonObject counts = reply.json();
    auto count = [&](const char *key) { return counts.value(QLatin1String(key)).toInteger(); };
    const qint64 rows = count("rows");
    if (invocation.dryRun) {
        console.out << "Checked " << rows << (rows == 1 ? " row" : " rows") << " for " << table << " of tenant "
                    << tenant << ": " << count("created") << " would be new, " << count("updated") << " updated, "
                    << count("unchanged") << " unchanged. Nothing was written (--dry-run)." << Qt::endl;
        return ExitOk;
    }
    console.out << "Imported " << rows << (rows == 1 ? " row" : " rows") << " into " << table << " of tenant " << tenant
                << ": " << count("created") << " new, " << count("updated") << " updated, " << count("unchanged")
                << " unchanged." << Qt::endl;
    return ExitOk;
}

int exportTable(AdminClient &client, Console &console, const QString &tenant, const QString &table, const QString &file)
{
    const AdminReply reply = client.get(tenantPath(tenant, {QStringLiteral("export"), table}));
    if (!reply.succeeded())
        return refused(console, client, reply);
    if (file.isEmpty()) {
        console.out << QString::fromUtf8(reply.body);
        console.out.flush();
        return ExitOk;
    }
    // Written beside the target and renamed, so an interrupted export never leaves half a file under its name.
    QSaveFile output(file);
    if (!output.open(QIODevice::WriteOnly) || output.write(reply.body) != reply.body.size() || !output.commit()) {
        console.err << "fieldline-admin: cannot write " << file << ": " << output.errorString() << Qt::endl;
        return ExitRefused;
    }
    console.out << "Exported " << reply.rowCount << (reply.rowCount == "1" ? " row" : " rows") << " of " << table
                << " of tenant " << tenant << " to " << file << '.' << Qt::endl;
    return ExitOk;
}

int setTerritories(AdminClient &client, Console &console, const QString &tenant, const QString &login,
                   const QStringList &territories)
{
    const AdminReply reply =
        client.post(tenantPath(tenant, {QStringLiteral("users"), login, QStringLiteral("territories")}),
                    QJsonObject{{QStringLiteral("territories"), QJsonArray::fromStringList(territories)}});
    if (!reply.succeeded())
        return refused(console, client, reply);
    console.out << "Territories of " << login << " in tenant " << tenant << ": "
                << (territories.isEmpty() ? QStringLiteral("none") : territories.join(QLatin1String(", "))) << '.'
                << Qt::endl;
    return ExitOk;
}

int runCommand(const Invocation &invocation, AdminClient &client, Console &console)
{
    const QStringList &operands = invocation.operands;
    switch (invocation.command) {
    case Command::TenantCreate:
        return createTenant(client, console, operands[0]);
    case Command::UserCreate:
        return createUser(client, console, operands[0], operands[1], invocation.role);
    case Command::UserList:
        return listUsers(client, console, operands[0]);
    case Command::UserResetPassword:
        return resetPassword(client, console, operands[0], operands[1]);
    case Command::UserTerritories:
        return setTerritories(client, console, operands[0], operands[1], operands.mid(2));
    case Command::DeviceList:
        return listDevices(client, console, operands[0]);
    case Command::DeviceRevoke:
        return revokeDevice(client, console, operands[0], operands[1]);
    case Command::Import:
        return importTable(client, console, invocation);
    case Command::Export:
        return exportTable(client, console, operands[0], invocation.table, operands.value(1));
    case Command::FormPublish:
        return publishForm(client, console, operands[0], operands[1]);
    case Command::FormList:
        return listForms(client, console, operands[0]);
    case Command::FormDiff:
        return diffForm(client, console, operands[0], operands[1], operands[2], operands[3]);
    case Command::FormRetire:
        return retireForm(client, console, operands[0], operands[1]);
    }
    return ExitUsage;
}

} // namespace fieldline::admin
