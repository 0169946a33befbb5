#pragma once

#include "storage/Error.h"
#include "sync/Stamp.h"
#include "sync/Value.h"

#include <QByteArray>
#include <QString>

#include <vector>

namespace fieldline::sync {

/** One last-writer-wins register: the value, the stamp of the write that set it, and its local seq. */
struct CellState
{
    QString column;
    Value value;
    Stamp stamp;
    qint64 seq = 0; ///< local seq of the write that set it; 0 when it came from elsewhere
};

/**
 * Everything the CRDT knows about one row: its record (causal length and the stamp that set it) and its cells,
 * kept sorted by column, including columns this build does not know.
 *
 * A row is stored as one record with its cells packed in a blob, so applying a row costs one lookup and one
 * write however many columns it has. Merging happens here, in memory, with the (cl, hlc, site) order.
 */
struct RowState
{
    /// Columns a row may hold, unknown ones from newer releases included: the server refuses cells past it, so a
    /// row always fits a pull page's item limit and its 16-bit cell count.
    static constexpr int MaxColumns = 1000;
    /// What the values of a row's cells may hold together (valueBytes): a row then always fits a pull page, and a page
    /// (8 MiB past its first row) the 32 MiB answer a device reads. Devices refuse a write past it, the server a push.
    static constexpr qsizetype MaxBytes = 8 * 1024 * 1024;

    bool exists = false;
    Stamp stamp; ///< the row record: stamp.cl is the causal length
    qint64 seq = 0;
    std::vector<CellState> cells;

    qint64 causalLength() const { return exists ? stamp.cl : 0; }
    bool alive() const { return exists && stamp.alive(); }
    /** The highest local seq in the row (row record or any cell); 0 when nothing is waiting to be sent. */
    qint64 maxSeq() const;
    /** The highest hlc in the row, record or cell: a write stamped after it wins over all of the row. */
    qint64 newestHlc() const;
    const CellState *cell(const QString &column) const;
    /** The size of its cells' values together, as valueBytes() counts each. */
    qsizetype cellBytes() const;
    /** The cell of @p column written in the row's current life; null when there is none (an earlier life's cell
     *  is not visible). */
    const CellState *liveCell(const QString &column) const
    {
        const CellState *found = cell(column);
        return found && exists && found->stamp.cl == stamp.cl ? found : nullptr;
    }
    /** The value of @p column, null when it has no cell (as the user table shows it). */
    Value valueOf(const QString &column) const
    {
        const CellState *found = cell(column);
        return found ? found->value : Value();
    }

    /** Takes @p stamp as the row record if greater; true when it did. */
    bool mergeRecord(const Stamp &stamp, qint64 seq);
    /** Takes the write if its stamp beats the cell's; true when it did. */
    bool mergeCell(const QString &column, const Value &value, const Stamp &stamp, qint64 seq);

    QByteArray encodeCells() const;
    /** Parses a blob written by encodeCells(); Damaged on anything malformed. */
    static storage::Status decodeCells(const QByteArray &blob, std::vector<CellState> &cells);
    /** How many cells of a blob written by encodeCells() carry a local seq above @p since, without decoding their
     *  values; Damaged on anything malformed. */
    static storage::Result<qint64> countWrittenAfter(const QByteArray &blob, qint64 since);
};

} // namespace fieldline::sync
