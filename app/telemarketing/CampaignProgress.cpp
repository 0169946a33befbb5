#include "app/telemarketing/CampaignProgress.h"

#include "app/telemarketing/Dispositions.h"
#include "storage/Database.h"
#include "storage/Statement.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace fieldline::telemarketing {

storage::Result<ProgressReport> ProgressReport::read(storage::Database &db, qint64 dayStartMs, qint64 dayEndMs)
{
    ProgressReport report;
    QHash<QByteArray, size_t> index;
    QHash<QByteArray, QSet<QString>> conversions;
    auto campaigns = db.prepare("SELECT id, name, status, dispositions FROM campaigns"
                                " ORDER BY status = 'active' DESC, name, id");
    if (!campaigns)
        return campaigns.error();
    storage::Status read = campaigns.value()->forEachRow([&](const storage::Statement &row) {
        index.insert(row.blob(0), report.campaigns.size());
        report.campaigns.push_back({row.text(1), row.text(2)});
        QString ignored;
        if (auto set = Dispositions::parse(row.text(3), &ignored)) {
            for (const Disposition &d : set->all()) {
                if (d.conversion)
                    conversions[row.blob(0)].insert(d.code);
            }
        }
    });
    if (!read)
        return read.error();

    auto members = db.prepare("SELECT campaign, status, count(*) FROM campaign_members GROUP BY campaign, status");
    if (!members)
        return members.error();
    read = members.value()->forEachRow([&](const storage::Statement &row) {
        const auto found = index.constFind(row.blob(0));
        if (found == index.constEnd())
            return;
        Campaign &campaign = report.campaigns[*found];
        const qint64 count = row.int64(2);
        const QString status = row.text(1);
        campaign.members += count;
        if (status == QLatin1String("queued"))
            campaign.waiting += count;
        else if (status == QLatin1String("callback"))
            campaign.callbacks += count;
        else if (status == QLatin1String("done"))
            campaign.done += count;
    });
    if (!read)
        return read.error();

    auto attempts = db.prepare("SELECT campaign, owner, disposition, count(*), sum(duration_ms > 0),"
                               " sum(ifnull(duration_ms, 0)) FROM call_attempts"
                               " WHERE started_ms >= ?1 AND started_ms < ?2 GROUP BY campaign, owner, disposition");
    if (!attempts)
        return attempts.error();
    attempts.value()->bind(1, dayStartMs).bind(2, dayEndMs);
    QHash<QString, Agent> agents;
    read = attempts.value()->forEachRow([&](const storage::Statement &row) {
        const QByteArray campaignId = row.blob(0);
        const qint64 calls = row.int64(3);
        const qint64 converted = conversions.value(campaignId).contains(row.text(2)) ? calls : 0;
        Agent &agent = agents[row.text(1)];
        agent.agent = row.text(1);
        agent.calls += calls;
        agent.reached += row.int64(4);
        agent.talkMs += row.int64(5);
        agent.conversions += converted;
        const auto found = index.constFind(campaignId);
        if (found == index.constEnd())
            return;
        Campaign &campaign = report.campaigns[*found];
        campaign.calls += calls;
        campaign.reached += row.int64(4);
        campaign.conversions += converted;
    });
    if (!read)
        return read.error();
    for (const Agent &agent : std::as_const(agents))
        report.agents.push_back(agent);
    std::sort(report.agents.begin(), report.agents.end(), [](const Agent &a, const Agent &b) {
        return a.calls != b.calls ? a.calls > b.calls : a.agent < b.agent;
    });
    return report;
}

} // namespace fieldline::telemarketing
