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
    /** Whether a contact who has @p e164 among their numbers asked not to be called (for numbers dialled by hand). */
    storage::Result<bool> ownerOptedOut(const QString &e164);
    /**
     * Puts @p e164 on the tenant's list, or on @p campaign's; a number already there is left as it is, one that is
     * not a valid E.164 number is refused (it could never match a number being dialled).
     */
    storage::Status add(const QString &e164, const std::optional<sync::RowId> &campaign, const QString &reason,
                        const QString &addedBy);

private:
    sync::Replica &m_replica;
};

} // namespace fieldline::telemarketing
