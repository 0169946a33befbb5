#include "app/BuildInfo.h"

#include <QtGlobal>

#include <sodium.h>
#include <sqlite3.h>

namespace fieldline::app {

QString fieldlineVersion()
{
    return QStringLiteral(FIELDLINE_VERSION);
}

QList<ComponentVersion> componentVersions()
{
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("SQLite"), QString::fromLatin1(sqlite3_libversion())},
        {QStringLiteral("libsodium"), QString::fromLatin1(sodium_version_string())},
    };
}

QString versionReport()
{
    QString report = QStringLiteral("fieldline ") + fieldlineVersion() + QLatin1Char('\n');
    for (const ComponentVersion &component : componentVersions())
        report += component.name + QLatin1Char(' ') + component.version + QLatin1Char('\n');
    return report;
}

} // namespace fieldline::app
