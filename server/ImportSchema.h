#pragma once

#include "sync/ByteId.h"
#include "sync/Value.h"

#include <QString>
#include <QStringList>

#include <map>
#include <optional>

#include <vector>

namespace fieldline::server {

/** How a column's text is checked and stored. */
enum class CellKind {
    Text,         ///< kept as written
    Phone,        ///< valid number, stored in E.164
    TimeZone,     ///< an IANA zone the server knows, such as Europe/Berlin
    Login,        ///< a user of the tenant (row ownership)
    Integer,      ///< a whole number within [min, max]
    Real,         ///< a decimal number within [min, max]
    LongText,     ///< kept as written, up to 20,000 characters (call scripts)
    Choice,       ///< one of the column's choices
    Clock,        ///< a time of day, HH:mm
    Reference,    ///< the id (32 hex digits) of a live row of the column's referenced table
    RetryMinutes, ///< minutes before each further attempt, "60,240"
    Dispositions, ///< a campaign's disposition set (JSON, docs/telemarketing.md)
};

struct ImportColumn
{
    QString name;
    CellKind kind = CellKind::Text;
    bool required = false;
    double min = 0;
    double max = 0;
    QStringList choices;  ///< for Choice
    QString references;   ///< for Reference: the table pointed at
    sync::Value fallback; ///< given to new rows whose file leaves the column out or empty
};

/** A synced table as CSV import and export see it: its columns (the row id column "id" comes on top). */
struct ImportTable
{
    QString name;
    std::vector<ImportColumn> columns;
    /** A Reference column to contacts whose calling-hours zone the row keeps in its "zone" column (members). */
    QString zoneOf = QString();
    /** The client's columns an import does not write: derived ones (zone) and those devices record (claims). */
    QStringList notImported = {};
    /**
     * Reference columns that name a row between them (a member: the campaign and the contact). A row the file gives
     * no id takes idOf(their ids), so importing the same pair again changes that row instead of adding another.
     */
    QStringList keyColumns = {};
    sync::RowId (*idOf)(const QList<QByteArray> &keys) = nullptr;
    /**
     * Rules across columns, checked on each row as it will be stored: the stored cells with the file's on top, or
     * a new row's cells with the defaults. The reason when one is broken, else empty.
     */
    QString (*checkRow)(const std::map<QString, sync::Value> &cells) = nullptr;

    const ImportColumn *column(const QString &name) const;
    /** "id, first_name, last_name, ...": for messages that tell an admin what a file may hold. */
    QString columnList() const;
};

/**
 * The tables a tenant admin may import and export: the reference data of app::appSchema() (contacts, accounts,
 * products) and the telemarketing set-up (campaigns, their members, do-not-call numbers). Visits are left out:
 * they are planned in the client. Names and columns
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
