#pragma once

#include "storage/Error.h"

#include <QString>

#include <vector>

namespace fieldline::sync {

/** A synced column: its name and the SQL type declaration used in the user table (e.g. "TEXT"). */
struct ColumnSchema
{
    QString name;
    QString sqlType;

    /** From Latin-1 literals, for schema tables written in code. */
    static ColumnSchema of(const char *name, const char *sqlType)
    {
        return {QString::fromLatin1(name), QString::fromLatin1(sqlType)};
    }

    bool operator==(const ColumnSchema &) const = default;
};

/**
 * A synced table. Every row gets a 16-byte `id BLOB NOT NULL UNIQUE`; the columns are last-writer-wins cells.
 * A grow-only table (call attempts, audit events) accepts inserts only, so it never has conflicts.
 */
struct TableSchema
{
    QString name;
    std::vector<ColumnSchema> columns;
    bool growOnly = false;

    bool hasColumn(const QString &column) const;
    bool operator==(const TableSchema &) const = default;
};

/**
 * The synced tables of one database. Names are restricted to plain identifiers so they can be spliced into
 * SQL without quoting games.
 */
struct SyncSchema
{
    std::vector<TableSchema> tables;
    /// Sent with every push (docs/protocol.md). Raised when a release adds tables or columns; never lowered.
    qint64 version = 1;

    const TableSchema *find(const QString &table) const;
    storage::Status validate() const;
    static bool isIdentifier(const QString &name);
};

} // namespace fieldline::sync
