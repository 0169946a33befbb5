#pragma once

// The telemarketing tests' shared set-up: a replica with the app's schema and the dialer's indexes, one active
// campaign, and helpers that add contacts, members and callbacks as the product writes them.
#include "app/sync/AppSchema.h"
#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/Campaign.h"
#include "app/telemarketing/ContactNumbers.h"
#include "app/telemarketing/ContactQueue.h"
#include "app/telemarketing/MemberId.h"
#include "app/telemarketing/TelemarketingTables.h"
#include "tests/sync/SyncTestKit.h"

#include <QtTest>

#include <memory>

namespace fieldline::telemarketingtest {

using namespace fieldline::telemarketing;
using sync::RowId;

// Monday 4 May 2026, 15:00 UTC: 11:00 in New York, 17:00 in Berlin, 08:00 in Los Angeles, 23:00 in Shanghai.
inline const QDateTime Now = QDateTime(QDate(2026, 5, 4), QTime(15, 0), Qt::UTC);

struct MemberOptions
{
    qint64 priority = 0;
    qint64 attempts = 0;
    qint64 nextAttemptMs = 0;
    QString owner;
    QString status = memberStatus::Queued;
};

/** A fresh replica per test (call open() from init()) holding one active campaign, m_campaign. */
class QueueFixture
{
protected:
    /** A new database for the next test, with the campaign; false (with the test failed) when it cannot be set up. */
    bool open()
    {
        m_device = std::make_unique<synctest::Device>(m_dir.filePath(QStringLiteral("q%1.db").arg(++m_databases)),
                                                      Now.toMSecsSinceEpoch(), app::appSchema());
        const QString opened = m_device->open();
        if (!opened.isEmpty() || !createTelemarketingIndexes(replica().database())) {
            qWarning() << "cannot set up the replica:" << opened;
            return false;
        }
        m_campaign = campaign();
        return m_campaign != RowId();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<synctest::Device> m_device;
    CallingHours m_hours;
    RowId m_campaign;
    int m_databases = 0;

    sync::Replica &replica() { return **m_device; }

    RowId campaign(const QString &status = QStringLiteral("active"), qint64 maxAttempts = 3)
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("name"), QStringLiteral("Spring renewals"));
        cells.emplace_back(QStringLiteral("mode"), QStringLiteral("preview"));
        cells.emplace_back(QStringLiteral("window_start"), QStringLiteral("09:00"));
        cells.emplace_back(QStringLiteral("window_end"), QStringLiteral("21:00"));
        cells.emplace_back(QStringLiteral("max_attempts"), maxAttempts);
        cells.emplace_back(QStringLiteral("retry_minutes"), QStringLiteral("60,240"));
        cells.emplace_back(QStringLiteral("status"), status);
        cells.emplace_back(QStringLiteral("dispositions"), QString::fromUtf8(R"([
            {"code": "sale", "label": {"en": "Sale", "zh_CN": "成交"}, "key": "1", "effect": "final", "conversion": true},
            {"code": "no_answer", "label": {"en": "No answer"}, "key": "2", "effect": "retry"},
            {"code": "busy", "label": {"en": "Busy"}, "key": "3", "effect": "retry", "retryMinutes": 15},
            {"code": "call_back", "label": {"en": "Call back"}, "key": "4", "effect": "callback"},
            {"code": "survey", "label": {"en": "Survey"}, "key": "5", "form": "call-outcome"},
            {"code": "do_not_call", "label": {"en": "Do not call"}, "key": "9", "doNotCall": true}])"));
        return *replica().insert(tables::Campaigns, cells);
    }

    RowId contact(const QString &name, const QString &phone, const QString &zone = QStringLiteral("America/New_York"),
                  bool optedOut = false)
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("first_name"), name);
        cells.emplace_back(QStringLiteral("phone"), phone);
        cells.emplace_back(QStringLiteral("time_zone"), zone);
        cells.emplace_back(QStringLiteral("do_not_call"), qint64(optedOut ? 1 : 0));
        return *replica().insert(QStringLiteral("contacts"), cells);
    }

    void addPhone(const RowId &contact, const QString &number, qint64 position)
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("contact"), contact.toBytes());
        cells.emplace_back(QStringLiteral("number"), number);
        cells.emplace_back(QStringLiteral("position"), position);
        QVERIFY(replica().insert(tables::ContactPhones, cells));
    }

    RowId member(const RowId &contact, const MemberOptions &options = {})
    {
        auto numbers = ContactNumbers::read(replica().database(), contact);
        const QString zone = ZoneKey::of(numbers->timeZone, numbers->numbers.value(0));
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("campaign"), m_campaign.toBytes());
        cells.emplace_back(QStringLiteral("contact"), contact.toBytes());
        cells.emplace_back(QStringLiteral("priority"), options.priority);
        cells.emplace_back(QStringLiteral("attempts"), options.attempts);
        cells.emplace_back(QStringLiteral("next_attempt_ms"), options.nextAttemptMs);
        cells.emplace_back(QStringLiteral("status"), options.status);
        cells.emplace_back(QStringLiteral("owner"), options.owner);
        cells.emplace_back(QStringLiteral("zone"), zone);
        // The id the product gives a member: derived from campaign and contact (CampaignSetup, CSV import).
        const RowId id = memberId(m_campaign.toBytes(), contact.toBytes());
        return replica().insert(tables::Members, id, cells) ? id : RowId();
    }

    RowId callback(const RowId &member, const RowId &contact, qint64 dueMs, const QString &owner = QString())
    {
        sync::Cells cells;
        cells.emplace_back(QStringLiteral("campaign"), m_campaign.toBytes());
        cells.emplace_back(QStringLiteral("member"), member.toBytes());
        cells.emplace_back(QStringLiteral("contact"), contact.toBytes());
        cells.emplace_back(QStringLiteral("due_ms"), dueMs);
        cells.emplace_back(QStringLiteral("owner"), owner);
        cells.emplace_back(QStringLiteral("status"), QStringLiteral("due"));
        return *replica().insert(tables::Callbacks, cells);
    }

    std::optional<QueuedCall> next(const QString &agent = QStringLiteral("alice"), const QDateTime &at = Now,
                                   const QueueScope &scope = {})
    {
        auto campaign = Campaign::read(replica().database(), m_campaign);
        if (!campaign)
            qWarning() << campaign.message();
        ContactQueue queue(replica(), m_hours);
        auto found = queue.next(*campaign, agent, at, scope);
        if (!found)
            qWarning() << found.message();
        return found ? *found : std::nullopt;
    }
};

} // namespace fieldline::telemarketingtest
