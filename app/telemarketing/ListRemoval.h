#pragma once

#include "app/telemarketing/ListImport.h"

namespace fieldline::telemarketing {

/**
 * Takes the people of a list (a CSV file as ListImport reads and checks it) out of a campaign. Each number is
 * matched with the contacts this device holds, as an import does, and that person's member row is removed (a
 * causal-length delete: adding them again brings the same row back, their calls still on record); their callbacks
 * still due in the campaign are cancelled. Numbers nobody has, and people not in the campaign, are counted and left
 * alone; a list with any bad line removes nobody.
 */
class ListRemoval
{
public:
    struct Outcome
    {
        int removed = 0;            ///< people taken out of the campaign
        int notIn = 0;              ///< people this device has who were not in it
        int unknown = 0;            ///< numbers of nobody this device has
        int callbacksCancelled = 0; ///< callbacks still due, cancelled with their member
        QStringList problems;       ///< the list's bad lines; nobody was removed when not empty
    };
    struct Progress
    {
        size_t next = 0;
        /** Contacts (and unknown numbers) seen, with the person of the list: listed twice, or by two numbers, counts
         * once. */
        QHash<QByteArray, size_t> handled;
        Outcome outcome;
    };

    explicit ListRemoval(sync::Replica &replica)
        : m_replica(replica)
    {}

    /** Takes the next @p count people of @p list out of @p campaign, in one transaction; true when all are done. */
    storage::Result<bool> runPart(const ListImport::Checked &list, Progress &progress, const sync::RowId &campaign,
                                  int count);

private:
    /** Cancels @p member's callbacks still due; how many. */
    storage::Result<int> cancelCallbacks(const sync::RowId &member);

    sync::Replica &m_replica;
};

} // namespace fieldline::telemarketing
