#include "AdminClient.h"
#include "AdminCommandLine.h"
#include "AdminCommands.h"
#include "PasswordInput.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace fieldline::admin;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Fieldline"));
    QCoreApplication::setApplicationName(QStringLiteral("fieldline-admin"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FIELDLINE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const ParsedArguments parsed = parseArguments(QCoreApplication::arguments());
    if (!parsed.invocation) {
        (parsed.exitCode == ExitOk ? out : err) << parsed.message << Qt::endl;
        return parsed.exitCode;
    }
    QString problem;
    const std::optional<QByteArray> token = readToken(*parsed.invocation, problem);
    if (!token) {
        err << "fieldline-admin: " << problem << Qt::endl;
        return ExitUsage;
    }
    AdminClient client(parsed.invocation->server, *token);
    Console console{out, err, readPasswordLine};
    return runCommand(*parsed.invocation, client, console);
}
