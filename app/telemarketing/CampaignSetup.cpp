#include "app/telemarketing/CampaignSetup.h"

#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/MemberId.h"
#include "app/telemarketing/OutcomeRecorder.h"
#include "app/telemarketing/SeekDistinct.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "storage/Database.h"
#include "storage/Statement.h"
#include "sync/Replica.h"

namespace fieldline::telemarketing {

storage::Result<sync::RowId> CampaignSetup::save(const std::optional<sync::RowId> &id, const CampaignFields &fields)
{
    if (fields.name.trimmed().isEmpty())
        return storage::Error{storage::ErrorCode::Invalid, tr("A campaign needs a name."), 0};
    if (storage::Result<Campaign> checked = Campaign::check(fields); !checked)
        return checked.error();
    if (!id)
        return m_replica.insert(tables::Campaigns, fields.cells());
    if (storage::Status s = m_replica.update(tables::Campaigns, *id, fields.cells()); !s)
        return s.error();
    return *id;
}

storage::Result<bool> CampaignSetup::addMember(const sync::RowId &campaign, const QByteArray &contact,
                                               const QString &owner, const QString &zone)
{
    const sync::RowId id = memberId(campaign.toBytes(), contact);
    auto earlier = m_replica.rowState(tables::Members, id);
    if (!earlier)
        return earlier.error();
    if (earlier->alive())
        return false;
    sync::Cells member;
    member.emplace_back(QStringLiteral("campaign"), campaign.toBytes());
    member.emplace_back(QStringLiteral("contact"), contact);
    member.emplace_back(QStringLiteral("priority"), qint64(0));
    member.emplace_back(QStringLiteral("attempts"), qint64(0));
    member.emplace_back(QStringLiteral("next_attempt_ms"), qint64(0));
    member.emplace_back(QStringLiteral("status"), memberStatus::Queued);
    member.emplace_back(QStringLiteral("owner"), owner);
    member.emplace_back(QStringLiteral("zone"), zone);
    if (!earlier->exists) {
        if (storage::Status inserted = m_replica.insert(tables::Members, id, member); !inserted)
            return inserted.error();
        return true;
    }
    // Removed earlier and back now, in a new life of the same row: the calls on record count towards the
    // campaign's maximum, as OutcomeRecorder counts them.
    auto calls = OutcomeRecorder::callsOnRecord(m_replica.database(), id);
    if (!calls)
        return calls.error();
    for (auto &[column, value] : member) {
        if (column == QLatin1String("attempts"))
            value = *calls;
    }
    if (storage::Status written = m_replica.resurrect(tables::Members, id, member); !written)
        return written.error();
    return true;
}

storage::Result<int> CampaignSetup::rezone(const sync::RowId &campaign)
{
    storage::Database &db = m_replica.database();
    auto query = db.prepare("SELECT m.id, ifnull(m.zone, ''), k.time_zone, k.phone FROM campaign_members m"
                            " JOIN contacts k ON k.id = m.contact WHERE m.campaign = ?1");
    if (!query)
        return query.error();
    query.value()->bind(1, campaign.toBytes());
    std::vector<std::pair<sync::RowId, QString>> moved;
    const storage::Status read = query.value()->forEachRow([&moved](const storage::Statement &row) {
        const QString zone = ZoneKey::of(row.text(2), row.text(3));
        const std::optional<sync::RowId> member = sync::RowId::fromBytes(row.blob(0));
        if (member && !zone.isEmpty() && zone != row.text(1))
            moved.emplace_back(*member, zone);
    });
    if (!read)
        return read.error();
    storage::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().error();
    for (const auto &[member, zone] : moved) {
        if (storage::Status updated = m_replica.update(tables::Members, member, {{QStringLiteral("zone"), zone}});
            !updated)
            return updated.error();
    }
    if (storage::Status committed = transaction.commit(); !committed)
        return committed.error();
    return int(moved.size());
}

storage::Result<QStringList> CampaignSetup::territories()
{
    return seekDistinct(m_replica.database(),
                        "SELECT territory FROM contacts WHERE territory > ?1 AND typeof(territory) = 'text'"
                        " ORDER BY territory LIMIT 1",
                        1, {}, TerritoriesListed);
}

storage::Result<CampaignSetup::Added> CampaignSetup::addAllContacts(const sync::RowId &campaign, const QString &owner,
                                                                    const QString &territory)
{
    storage::Database &db = m_replica.database();
    auto query = db.prepare("SELECT k.id, k.time_zone, k.phone FROM contacts k WHERE NOT EXISTS"
                            " (SELECT 1 FROM campaign_members m WHERE m.campaign = ?1 AND m.contact = k.id)"
                            " AND (?2 = '' OR k.territory = ?2) ORDER BY k.rowid");
    if (!query)
        return query.error();
    query.value()->bind(1, campaign.toBytes()).bind(2, territory);
    std::vector<std::pair<QByteArray, QString>> people;
    Added result;
    const storage::Status read = query.value()->forEachRow([&](const storage::Statement &row) {
        const QString zone = ZoneKey::of(row.text(1), row.text(2));
        if (zone.isEmpty())
            ++result.withoutZone;
        else
            people.emplace_back(row.blob(0), zone);
    });
    if (!read)
        return read.error();
    storage::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().error();
    for (const auto &[contact, zone] : people) {
        storage::Result<bool> added = addMember(campaign, contact, owner, zone);
        if (!added)
            return added.error();
        result.added += *added ? 1 : 0;
    }
    if (storage::Status committed = transaction.commit(); !committed)
        return committed.error();
    return result;
}

} // namespace fieldline::telemarketing
