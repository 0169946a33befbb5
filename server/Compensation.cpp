#include "Compensation.h"

#include "sync/HybridLogicalClock.h"

#include <algorithm>

namespace fieldline::server {

using sync::Change;
using sync::HybridLogicalClock;
using sync::Stamp;

namespace {

/** The site the server signs its own corrections with. */
const sync::SiteId &serverSite()
{
    static const sync::SiteId site = *sync::SiteId::fromBytes(QByteArrayLiteral("fieldline-server"));
    return site;
}

bool sameColumn(const Change &a, const Change &b)
{
    return a.isRowChange() == b.isRowChange() && a.column == b.column;
}

/**
 * Every refused change is of the row's present life or an earlier one, so the row's life stands: each refused cell's
 * column is written back in the life the device wrote it in, as the server holds it in that life (nothing: NULL), and
 * a refused record in the present life is restamped. The stamps are just newer than the refused changes, not the
 * server's clock: a write of the same cells that the row's other users made meanwhile (a claim's holder releasing
 * it) loses to them only when stamped before them. Columns and records of the present life that were not refused
 * keep their stamps, so writes of others still on their way are not lost to a restamp.
 */
sync::ChangeBatch inTheirLives(const QString &table, const sync::RowId &row, const sync::RowState &stored,
                               const sync::ChangeBatch &refused)
{
    qint64 refusedNewest = 0;
    for (const Change &change : refused)
        refusedNewest = std::max(refusedNewest, change.stamp.hlc);
    sync::ChangeBatch out;
    for (const Change &change : refused) {
        if (std::any_of(out.begin(), out.end(), [&](const Change &c) { return sameColumn(c, change); }))
            continue;
        // The device's newest refused change of this column says which life it wrote in.
        Stamp newest = change.stamp;
        for (const Change &other : refused) {
            if (sameColumn(other, change))
                newest = std::max(newest, other.stamp);
        }
        const Stamp stamp{newest.cl, refusedNewest + 1, serverSite()};
        if (change.isRowChange()) {
            if (newest.cl == stored.stamp.cl) // an earlier life's record loses to the present one anyway
                out.push_back(Change{table, row, QString(), {}, stamp, 0});
            continue;
        }
        const sync::CellState *cell = stored.cell(change.column);
        if (cell && cell->stamp.cl > newest.cl)
            continue; // the server's cell is of a later life and wins on the device
        const bool sameLife = cell && cell->stamp.cl == newest.cl;
        out.push_back(Change{table, row, change.column, sameLife ? cell->value : sync::Value(), stamp, 0});
    }
    return out;
}

} // namespace

sync::ChangeBatch compensation(const QString &table, const sync::RowId &row, const sync::RowState &stored,
                               const sync::ChangeBatch &refused, qint64 nowMs)
{
    const qint64 storedLength = stored.causalLength();
    const bool laterLife = std::any_of(refused.begin(), refused.end(),
                                       [&](const Change &change) { return change.stamp.cl > storedLength; });
    if (!laterLife)
        return inTheirLives(table, row, stored, refused);
    // The device took the row into a later life (deleted, resurrected, or created a row the server lacks): the
    // server's copy goes out as a life longer than the device's, with the server's parity.
    qint64 longest = storedLength;
    qint64 newest = HybridLogicalClock::make(nowMs, 0);
    for (const Change &change : refused) {
        longest = std::max(longest, change.stamp.cl);
        newest = std::max(newest, change.stamp.hlc);
    }
    // Causal length: odd is alive, even deleted; the longer life wins. The server's state keeps its parity.
    const bool alive = stored.alive();
    qint64 cl = std::max<qint64>(longest, 1);
    if ((cl % 2 == 1) != alive)
        ++cl;
    const Stamp stamp{cl, newest + 1, serverSite()};
    sync::ChangeBatch out{Change{table, row, QString(), {}, stamp, 0}};
    if (!alive)
        return out;
    // Only the cells of the present life move into the new one: an earlier life's cells stay where they are (a claim
    // or an outcome of a campaign member's earlier life must not come back).
    for (const sync::CellState &cell : stored.cells) {
        if (stored.liveCell(cell.column))
            out.push_back(Change{table, row, cell.column, cell.value, stamp, 0});
    }
    // A column the device wrote that the server has nothing for in its present life goes back to empty there too.
    for (const Change &change : refused) {
        if (!change.isRowChange() && !stored.liveCell(change.column) &&
            std::none_of(out.begin(), out.end(), [&](const Change &c) { return c.column == change.column; }))
            out.push_back(Change{table, row, change.column, sync::Value(), stamp, 0});
    }
    return out;
}

} // namespace fieldline::server
