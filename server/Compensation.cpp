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

} // namespace

sync::ChangeBatch compensation(const QString &table, const sync::RowId &row, const sync::RowState &stored,
                               const sync::ChangeBatch &refused, qint64 nowMs)
{
    qint64 longest = stored.exists ? stored.stamp.cl : 0;
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
    // Cells refused in the row's present life: only those are written back. Re-asserting the others too would
    // stamp them newer than writes the device's user made meanwhile that are still on their way (a call's outcome
    // written while a refused claim was out), and those would then be lost.
    const bool cellsOnly = alive && std::all_of(refused.begin(), refused.end(), [&](const Change &change) {
                               return !change.isRowChange() && change.stamp.cl == stored.stamp.cl;
                           });
    if (cellsOnly) {
        // Just newer than the refused changes, not the server's clock: a write of the same cells that the row's
        // other users made meanwhile (a claim's holder releasing it) loses to it only when stamped before them.
        qint64 refusedNewest = 0;
        for (const Change &change : refused)
            refusedNewest = std::max(refusedNewest, change.stamp.hlc);
        const Stamp cellStamp{stored.stamp.cl, refusedNewest + 1, serverSite()};
        sync::ChangeBatch out;
        for (const Change &change : refused) {
            if (std::any_of(out.begin(), out.end(), [&](const Change &c) { return c.column == change.column; }))
                continue;
            const sync::CellState *cell = stored.liveCell(change.column);
            out.push_back(Change{table, row, change.column, cell ? cell->value : sync::Value(), cellStamp, 0});
        }
        return out;
    }
    sync::ChangeBatch out{Change{table, row, QString(), {}, stamp, 0}};
    if (!alive)
        return out;
    for (const sync::CellState &cell : stored.cells)
        out.push_back(Change{table, row, cell.column, cell.value, stamp, 0});
    // A column the device wrote that the server never had goes back to empty there too.
    for (const Change &change : refused) {
        if (!change.isRowChange() && !stored.cell(change.column) &&
            std::none_of(out.begin(), out.end(), [&](const Change &c) { return c.column == change.column; }))
            out.push_back(Change{table, row, change.column, sync::Value(), stamp, 0});
    }
    return out;
}

} // namespace fieldline::server
