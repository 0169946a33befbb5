#pragma once

#include "ImportSchema.h"
#include "sync/Value.h"

#include <QHash>
#include <QSet>
#include <QString>

namespace fieldline::server {

/** A cell read from CSV: its value, or why the text is not one. */
struct ParsedCell
{
    sync::Value value;
    QString problem; ///< empty when value holds the cell; a phrase naming the column and the text otherwise
};

/**
 * The live rows an import may point at, per referenced table: id bytes -> the calling-hours zone key of a contact
 * (empty for rows of other tables).
 */
using ReferenceIndex = QHash<QString, QHash<QByteArray, QString>>;

/**
 * Turns the text of one CSV cell into the value the synced table stores, per the column's CellKind. An empty
 * cell is NULL (refused where the column is required). formatCell() is the way back, for export: a value it
 * writes parses to the same value.
 */
class CellParser
{
public:
    /**
     * @p logins: the tenant's users, for owner columns. @p phoneRegion: where numbers without a country code
     * are read (ISO 3166, such as "US"); empty to require the country code.
     */
    CellParser(QSet<QString> logins, QString phoneRegion, ReferenceIndex references = {});

    ParsedCell parse(const ImportColumn &column, const QString &text) const;
    /** The zone key of a referenced contact (ImportTable::zoneOf). */
    QString zoneOf(const QString &table, const QByteArray &id) const { return m_references[table].value(id); }

private:
    ParsedCell parseCampaignCell(const ImportColumn &column, const QString &cell) const;

    QSet<QString> m_logins;
    QString m_phoneRegion;
    ReferenceIndex m_references;
    /** Zones already found valid: QTimeZone's check costs a lookup in the system's zone list every call. */
    mutable QSet<QString> m_knownZones;
};

/** The CSV text of a stored value: numbers in C-locale shortest form (exact round trip), text as is. */
QString formatCell(const sync::Value &value);

} // namespace fieldline::server
