#pragma once

#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace fieldline::storage {
class Database;
}
namespace fieldline::sync {
class Replica;
}

namespace fieldline::telemarketing {

/**
 * A list of people to call, from a CSV file (a spreadsheet's "save as CSV"), put into a campaign from the client.
 * The first line names the columns: phone (required), first_name, last_name, company, time_zone, territory. Each
 * number is matched with the contacts this device has (their main number or another of theirs); a number nobody
 * has becomes a new contact with the line's fields. Each person then joins the campaign like "add contacts" does
 * (CampaignSetup::addMember), once however often they are listed. Every line is checked before anything is
 * written, so a file goes in whole or not at all; each bad line is reported with its number.
 */
class ListImport
{
    Q_DECLARE_TR_FUNCTIONS(ListImport)

public:
    static constexpr qsizetype MaxBytes = 16 << 20;
    /** People added per transaction when a list is added a part at a time (bench_listimport: see its figures). */
    static constexpr int PeoplePerPart = 250;

    struct Outcome
    {
        int added = 0;        ///< people put into the campaign
        int alreadyIn = 0;    ///< people who were in it already (left as they are)
        int newContacts = 0;  ///< numbers no contact had: created
        int withoutZone = 0;  ///< left out: neither a known time zone nor a number of a known region
        QStringList problems; ///< "line 4: ..." for each bad line; nothing was imported when not empty
    };

    struct Person
    {
        QString phone; ///< E.164
        QString timeZone;
        std::vector<std::pair<QString, QString>> fields; ///< for a new contact: column and text
    };
    /** A file read and checked: the people it lists, or why it cannot be imported. */
    struct Checked
    {
        std::vector<Person> people;
        QStringList problems; ///< "line 4: ..." in line order; nothing is imported when not empty
    };

    explicit ListImport(sync::Replica &replica)
        : m_replica(replica)
    {}

    /**
     * Reads and checks @p file (at most MaxBytes); @p region is where numbers written without their country code
     * belong (ISO code, such as US). Touches no database, so it may run away from the UI thread.
     */
    static Checked check(const QByteArray &file, const QString &region);
    /** How far an import that adds its people a part at a time has got. */
    struct Progress
    {
        size_t next = 0; ///< the next person of the list to add
        /** Contacts seen, each with the person of the list it was seen at: listed twice, or by two numbers, is one. */
        QHash<QByteArray, size_t> handled;
        Outcome outcome;
    };

    /**
     * Adds the next @p count people of @p list from @p progress, in one transaction, so a long list can be added
     * between the UI's events; true when every person is in (or, with problems, at once: nothing is added). On an
     * error the part is undone and @p progress left where it was; importing the file again finishes it, since people
     * are matched by number and each joins a campaign once.
     */
    storage::Result<bool> runPart(const Checked &list, Progress &progress, const sync::RowId &campaign,
                                  const QString &owner, int count);

    /** The contact this device holds with @p e164 as their main number or another of theirs, or an empty id. */
    static storage::Result<QByteArray> contactWith(storage::Database &db, const QString &e164);

private:
    /** The calling-hours zone of the existing contact @p contact; empty when it cannot be told. */
    storage::Result<QString> zoneOf(const QByteArray &contact);

    sync::Replica &m_replica;
};

} // namespace fieldline::telemarketing
