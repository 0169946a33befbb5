#pragma once

#include "app/telemarketing/Campaign.h"

#include <QCoreApplication>

#include <optional>

namespace fieldline::sync {
class Replica;
}

namespace fieldline::telemarketing {

/**
 * What an administrator does to campaigns from the client: create or change one (checked by the same rules the
 * dialer applies, so a campaign that cannot be worked is never stored) and put contacts in it. Writes are local and
 * synced; the server takes them from managers and administrators only (WritePolicy).
 */
class CampaignSetup
{
    Q_DECLARE_TR_FUNCTIONS(CampaignSetup)

public:
    explicit CampaignSetup(sync::Replica &replica)
        : m_replica(replica)
    {}

    /** Stores @p fields as campaign @p id, or as a new campaign; its id, or Invalid with the reason. */
    storage::Result<sync::RowId> save(const std::optional<sync::RowId> &id, const CampaignFields &fields);

    struct Added
    {
        int added = 0;
        int withoutZone = 0; ///< contacts left out: neither a known time zone nor a number of a known region
    };
    /**
     * Puts every contact this device has that is not in campaign @p campaign yet into it (only those of
     * @p territory, when given), queued, owned by @p owner (empty: the pool), with the zone their calling hours
     * are reckoned in; one transaction.
     */
    storage::Result<Added> addAllContacts(const sync::RowId &campaign, const QString &owner,
                                          const QString &territory = QString());
    /**
     * Gives each member of campaign @p campaign whose contact's time zone or phone changed since they were added the
     * zone their calling hours are reckoned in now (the queue picks members by it); how many changed. A contact
     * whose zone cannot be told keeps the member's zone. One transaction.
     */
    storage::Result<int> rezone(const sync::RowId &campaign);
    /**
     * Puts contact @p contact into campaign @p campaign for @p owner (empty: the pool), queued, with @p zone; false
     * when they already are in it. A member removed earlier comes back in a new life of the same row (memberId).
     */
    storage::Result<bool> addMember(const sync::RowId &campaign, const QByteArray &contact, const QString &owner,
                                    const QString &zone);
    static constexpr int TerritoriesListed = 500;

    /**
     * The territories of this device's contacts, sorted, the first TerritoriesListed: what addAllContacts() can be
     * limited to. One seek per territory through the contacts' territory index, however many contacts there are.
     */
    storage::Result<QStringList> territories();

private:
    sync::Replica &m_replica;
};

} // namespace fieldline::telemarketing
