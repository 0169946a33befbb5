#pragma once

#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QHash>
#include <QString>

#include <vector>

namespace fieldline::storage {
class Database;
}

namespace fieldline::telemarketing {

/** What the agent sees of a contact: the fields a script may use and the calls made to them, newest first. */
struct ContactCard
{
    struct PastCall
    {
        qint64 startedMs = 0;
        qint64 durationMs = 0;
        QString disposition;
        QString agent;
        QString note;
    };

    QHash<QString, QString> fields; ///< first_name, last_name, company, phone
    std::vector<PastCall> history;  ///< at most 20

    QString displayName() const;
    static storage::Result<ContactCard> read(storage::Database &db, const sync::RowId &contact);
    /**
     * @p script with `{{contact.<field>}}` and `{{agent.name}}` filled in; unknown fields become empty. The result
     * is shown as plain text, so nothing in a contact's data can become markup.
     */
    QString merge(const QString &script, const QString &agent) const;
};

} // namespace fieldline::telemarketing
