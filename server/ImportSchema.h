#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace fieldline::server {

/** How a column's text is checked and stored. */
enum class CellKind {
    Text,     ///< kept as written
    Phone,    ///< valid number, stored in E.164
    TimeZone, ///< an IANA zone the server knows, such as Europe/Berlin
    Login,    ///< a user of the tenant (row ownership)
    Integer,  ///< a whole number within [min, max]
    Real,     ///< a decimal number within [min, max]
};

struct ImportColumn
{
    QString name;
    CellKind kind = CellKind::Text;
    bool required = false;
    double min = 0;
    double max = 0;
};

/** A synced table as CSV import and export see it: its columns (the row id column "id" comes on top). */
struct ImportTable
{
    QString name;
    std::vector<ImportColumn> columns;

    const ImportColumn *column(const QString &name) const;
    /** "id, first_name, last_name, ...": for messages that tell an admin what a file may hold. */
    QString columnList() const;
};

/**
 * The tables a tenant admin may import and export: the reference data of app::appSchema() (contacts, accounts,
 * products). Visits are left out: they point at accounts by id and are planned in the client. Names and columns
 * follow the client schema; tst_csvimport checks that they stay in step.
 */
const ImportTable *importTable(const QString &name);
QStringList importTableNames();

/** The CSV column holding the row id (32 hex digits). */
inline QString idColumnName()
{
    return QStringLiteral("id");
}

} // namespace fieldline::server
