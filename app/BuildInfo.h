#pragma once

#include <QList>
#include <QString>

namespace fieldline::app {

/** A library Fieldline runs on and its version as loaded at run time. */
struct ComponentVersion
{
    QString name;
    QString version;
};

/** Fieldline's own version (from CMake's project version). */
QString fieldlineVersion();

/** Qt, SQLite and libsodium, as actually loaded (which may differ from the headers built against). */
QList<ComponentVersion> componentVersions();

/** What `fieldline --version` prints: "fieldline X.Y.Z" and one line per component. */
QString versionReport();

} // namespace fieldline::app
