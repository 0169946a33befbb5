#pragma once

#include "sync/ByteId.h"

#include <QtGlobal>

#include <compare>

namespace fieldline::sync {

/**
 * The version of a row's life or of one cell: causal length, hybrid logical clock, site id.
 *
 * Ordered lexicographically by (cl, hlc, site): a total order, so "the greater stamp wins" makes merge
 * commutative, associative and idempotent. A write made in a later life of a row (higher cl) beats any write
 * from an earlier life, whatever the clocks said.
 */
struct Stamp
{
    qint64 cl = 1; ///< causal length: odd = alive, even = deleted; each delete or resurrection adds one
    qint64 hlc = 0;
    SiteId site;

    auto operator<=>(const Stamp &) const = default;
    bool operator==(const Stamp &) const = default;

    static bool isAlive(qint64 causalLength) { return causalLength % 2 == 1; }
    bool alive() const { return isAlive(cl); }
};

} // namespace fieldline::sync
