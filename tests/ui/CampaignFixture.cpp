#include "CampaignFixture.h"

#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/TelemarketingTables.h"

#include <QDateTime>

namespace fieldline::telemarketingtest {

using namespace fieldline::telemarketing;
using sync::RowId;

RowId addCampaign(sync::Replica &replica, const QString &mode, int members, const QString &timeZone)
{
    if (!createTelemarketingIndexes(replica.database()))
        return {};
    sync::Cells rules;
    rules.emplace_back(QStringLiteral("name"), QStringLiteral("Spring renewals"));
    rules.emplace_back(QStringLiteral("mode"), mode);
    rules.emplace_back(QStringLiteral("window_start"), QStringLiteral("09:00"));
    rules.emplace_back(QStringLiteral("window_end"), QStringLiteral("21:00"));
    rules.emplace_back(QStringLiteral("max_attempts"), qint64(3));
    rules.emplace_back(QStringLiteral("retry_minutes"), QStringLiteral("60"));
    rules.emplace_back(QStringLiteral("status"), QStringLiteral("active"));
    rules.emplace_back(QStringLiteral("script"), QStringLiteral("Hello {{contact.first_name}}, this is "
                                                                "{{agent.name}} <b>from</b> Fieldline."));
    rules.emplace_back(QStringLiteral("dispositions"), QString::fromUtf8(R"([
        {"code": "sale", "label": {"en": "Sale"}, "key": "1", "conversion": true},
        {"code": "no_answer", "label": {"en": "No answer"}, "key": "2", "effect": "retry"},
        {"code": "call_back", "label": {"en": "Call back"}, "key": "4", "effect": "callback"},
        {"code": "do_not_call", "label": {"en": "Do not call"}, "key": "9", "doNotCall": true}])"));
    const RowId campaign = *replica.insert(tables::Campaigns, rules);
    for (int i = 0; i < members; ++i) {
        sync::Cells person;
        person.emplace_back(QStringLiteral("first_name"), QStringLiteral("Contact%1").arg(i));
        person.emplace_back(QStringLiteral("phone"),
                            QStringLiteral("+1212555%1").arg(100 + i, 4, 10, QLatin1Char('0')));
        person.emplace_back(QStringLiteral("time_zone"), timeZone);
        const RowId contact = *replica.insert(QStringLiteral("contacts"), person);
        sync::Cells member;
        member.emplace_back(QStringLiteral("campaign"), campaign.toBytes());
        member.emplace_back(QStringLiteral("contact"), contact.toBytes());
        member.emplace_back(QStringLiteral("priority"), qint64(100 - i));
        member.emplace_back(QStringLiteral("attempts"), qint64(0));
        member.emplace_back(QStringLiteral("next_attempt_ms"), qint64(0));
        member.emplace_back(QStringLiteral("status"), memberStatus::Queued);
        member.emplace_back(QStringLiteral("zone"), ZoneKey::forZone(timeZone.toLatin1()));
        if (!replica.insert(tables::Members, member))
            return {};
    }
    return campaign;
}

QString zoneAtNoon()
{
    const int offset = 12 - QDateTime::currentDateTimeUtc().time().hour(); // -11 .. +12
    // Etc/GMT ids have the sign reversed: Etc/GMT-5 is UTC+5.
    return offset >= 0 ? QStringLiteral("Etc/GMT-%1").arg(offset) : QStringLiteral("Etc/GMT+%1").arg(-offset);
}

} // namespace fieldline::telemarketingtest
