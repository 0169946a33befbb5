#pragma once

#include "sync/ByteId.h"
#include "sync/Clock.h"
#include "sync/HybridLogicalClock.h"
#include "sync/protocol/ProtocolMessages.h"

#include <random>
#include <vector>

namespace fieldline::loadgen {

/**
 * What one device pushes: small batches like a field worker's, each 1-5 changed cells of one contact row (a new
 * contact comes with its row change), stamped by the device's own hybrid logical clock and site id, with the
 * batch and change sequence numbers a real client would use.
 */
class ContactEdits
{
public:
    ContactEdits(sync::SiteId site, quint32 seed, const sync::Clock &clock);

    sync::protocol::PushRequest next();

    static constexpr qint64 SchemaVersion = 1;

private:
    sync::Change cell(const sync::RowId &row, const QString &column, qint64 hlc);

    sync::SiteId m_site;
    sync::HybridLogicalClock m_clock;
    std::mt19937 m_random;
    std::vector<sync::RowId> m_rows;
    qint64 m_batchSeq = 0;
    qint64 m_changeSeq = 0;
};

} // namespace fieldline::loadgen
