#pragma once

#include "app/telemarketing/CallingHours.h"
#include "app/telemarketing/Dispositions.h"
#include "storage/Error.h"
#include "sync/ByteId.h"
#include "sync/Value.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace fieldline::storage {
class Database;
}

namespace fieldline::telemarketing {

/** A campaigns row as written: the texts and numbers an admin types or a CSV file holds. */
struct CampaignFields
{
    QString name;
    QString mode = QStringLiteral("preview");
    QString windowStart = QStringLiteral("09:00");
    QString windowEnd = QStringLiteral("20:00");
    qint64 maxAttempts = 3;
    QString retryMinutes = QStringLiteral("60,240");
    QString status = QStringLiteral("paused");
    QString dispositions;
    QString script;

    /** The cells of the synced campaigns row. */
    std::vector<std::pair<QString, sync::Value>> cells() const;
};

/** A campaign's rules as the queue and the dialer apply them (a campaigns row, read and checked). */
struct Campaign
{
    Q_DECLARE_TR_FUNCTIONS(Campaign)

public:
    enum class Mode { Preview, Progressive };

    sync::RowId id;
    QString name;
    Mode mode = Mode::Preview;
    CallingWindow window;
    int maxAttempts = 1;
    std::vector<int> retryMinutes; ///< after the 1st, 2nd, ... attempt; the last repeats
    Dispositions dispositions;
    QString script; ///< what the agent says, with merge fields (ContactCard::merge)
    QString status;

    bool isActive() const { return status == QLatin1String("active"); }
    /** When a member attempted @p attempts times may be called again, after a call at @p calledMs. */
    qint64 nextAttemptMs(int attempts, qint64 calledMs) const;

    /** Reads the campaign @p id; NotFound when there is none, Invalid (with the reason) when its rules are bad. */
    static storage::Result<Campaign> read(storage::Database &db, const sync::RowId &id);
    /** The row of campaign @p id as written, for editing. */
    static storage::Result<CampaignFields> readFields(storage::Database &db, const sync::RowId &id);
    /** Checks @p fields as read() does; Invalid with the reason when a rule is bad. */
    static storage::Result<Campaign> check(const CampaignFields &fields);
    struct Listed
    {
        sync::RowId id;
        QString name;
    };
    /** The active campaigns on this device, by name. */
    static storage::Result<std::vector<Listed>> active(storage::Database &db);
    /** "60,240,1440" as minutes; nullopt when a part is not a whole number of minutes from 0 to 100 days. */
    static std::optional<std::vector<int>> parseRetryMinutes(const QString &text);
};

} // namespace fieldline::telemarketing
