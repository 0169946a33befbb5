#pragma once

#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QString>

#include <optional>

namespace fieldline::sync {
class Replica;
}

namespace fieldline::telemarketing {

/**
 * The do-not-call lists: the tenant's (rows of dnc_numbers without a campaign) and each campaign's. A contact's
 * own opt-out is contacts.do_not_call (see ContactNumbers). Numbers are E.164, so one indexed equality finds
 * every entry of a number whatever way it was typed.
 */
class DoNotCall
{
public:
    enum class List { None, Tenant, Campaign };

    explicit DoNotCall(sync::Replica &replica)
        : m_replica(replica)
    {}

    /** The list @p e164 is on: the tenant's before @p campaign's; None when it may be called. */
    storage::Result<List> lookup(const QString &e164, const std::optional<sync::RowId> &campaign = std::nullopt);
    /** Puts @p e164 on the tenant's list, or on @p campaign's; a number already there is left as it is. */
    storage::Status add(const QString &e164, const std::optional<sync::RowId> &campaign, const QString &reason,
                        const QString &addedBy);

private:
    sync::Replica &m_replica;
};

} // namespace fieldline::telemarketing
