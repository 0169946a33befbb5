#include "FormCommands.h"

#include "AdminClient.h"
#include "app/forms/LayoutDiff.h"
#include "app/forms/LayoutReader.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace fieldline::admin {

namespace {

/** Each problem as "FILE: path: message", found here or listed by the server's 400 answer. */
void printProblems(Console &console, const QString &file, const std::vector<forms::LayoutProblem> &problems)
{
    for (const forms::LayoutProblem &problem : problems)
        console.err << file << ": " << (problem.path.isEmpty() ? QString() : problem.path + QStringLiteral(": "))
                    << problem.message << '\n';
    console.err.flush();
}

std::vector<forms::LayoutProblem> serverProblems(const AdminReply &reply)
{
    std::vector<forms::LayoutProblem> out;
    for (const QJsonValue &value : reply.json().value(QLatin1String("errors")).toArray())
        out.push_back({value[QLatin1String("path")].toString(), value[QLatin1String("message")].toString()});
    return out;
}

/** Version @p version of @p form as the server holds it, read; nullopt after printing why not. */
std::optional<forms::Layout> fetchVersion(AdminClient &client, Console &console, const QString &tenant,
                                          const QString &form, const QString &version)
{
    const AdminReply reply = client.get(tenantPath(tenant, {QStringLiteral("forms"), form, version}));
    if (!reply.succeeded()) {
        refused(console, client, reply);
        return std::nullopt;
    }
    forms::LayoutReader::Result read = forms::LayoutReader::read(reply.body, forms::LayoutJson::Mode::Render);
    if (!read.layout)
        console.err << "fieldline-admin: version " << version << " of " << form << " cannot be read" << Qt::endl;
    return std::move(read.layout);
}

} // namespace

int publishForm(AdminClient &client, Console &console, const QString &tenant, const QString &file)
{
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        console.err << "fieldline-admin: cannot read " << file << ": " << input.errorString() << Qt::endl;
        return ExitUsage;
    }
    // The size is checked before the file is read whole, as the server checks it before parsing.
    if (input.size() > forms::LayoutReader::MaxBytes) {
        console.err << file << ": the layout is larger than " << forms::LayoutReader::MaxBytes / (1024 * 1024) << " MiB"
                    << Qt::endl;
        return ExitRefused;
    }
    const QByteArray json = input.readAll();
    const forms::LayoutReader::Result local = forms::LayoutReader::read(json, forms::LayoutJson::Mode::Publish);
    if (!local.layout) {
        printProblems(console, file, local.problems);
        console.err << "fieldline-admin: " << file << " was not published" << Qt::endl;
        return ExitRefused;
    }
    const AdminReply reply =
        client.post(tenantPath(tenant, {QStringLiteral("forms")}), json, QByteArrayLiteral("application/json"));
    if (!reply.succeeded()) {
        printProblems(console, file, serverProblems(reply));
        return refused(console, client, reply);
    }
    const forms::Layout &layout = *local.layout;
    if (reply.status == 200)
        console.out << "Version " << layout.version << " of form " << layout.id << " was already published in tenant "
                    << tenant << "; nothing changed." << Qt::endl;
    else
        console.out << "Published version " << layout.version << " of form " << layout.id << " in tenant " << tenant
                    << '.' << Qt::endl;
    return ExitOk;
}

int listForms(AdminClient &client, Console &console, const QString &tenant)
{
    const AdminReply reply = client.get(tenantPath(tenant, {QStringLiteral("forms")}));
    if (!reply.succeeded())
        return refused(console, client, reply);
    QList<QStringList> rows;
    for (const QJsonValue &value : QJsonDocument::fromJson(reply.body).array()) {
        rows.append({value[QLatin1String("form")].toString(),
                     QString::number(value[QLatin1String("version")].toInteger()),
                     value[QLatin1String("status")].toString(), value[QLatin1String("title")].toString()});
    }
    printTable(console.out,
               {QStringLiteral("FORM"), QStringLiteral("VERSION"), QStringLiteral("STATUS"), QStringLiteral("TITLE")},
               rows);
    return ExitOk;
}

int diffForm(AdminClient &client, Console &console, const QString &tenant, const QString &form, const QString &from,
             const QString &to)
{
    const std::optional<forms::Layout> older = fetchVersion(client, console, tenant, form, from);
    if (!older)
        return ExitRefused;
    const std::optional<forms::Layout> newer = fetchVersion(client, console, tenant, form, to);
    if (!newer)
        return ExitRefused;
    const QStringList changes = forms::LayoutDiff::between(*older, *newer);
    if (changes.isEmpty())
        console.out << "Versions " << from << " and " << to << " of " << form << " have the same fields." << Qt::endl;
    for (const QString &change : changes)
        console.out << change << '\n';
    console.out.flush();
    return ExitOk;
}

int retireForm(AdminClient &client, Console &console, const QString &tenant, const QString &form)
{
    const AdminReply reply = client.post(tenantPath(tenant, {QStringLiteral("forms"), form, QStringLiteral("retire")}));
    if (!reply.succeeded())
        return refused(console, client, reply);
    console.out << "Retired form " << form << " in tenant " << tenant << " ("
                << reply.json()[QLatin1String("retired")].toInteger()
                << " versions changed); drafts already started can still be finished." << Qt::endl;
    return ExitOk;
}

} // namespace fieldline::admin
