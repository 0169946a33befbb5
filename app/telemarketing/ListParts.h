#pragma once

#include "app/telemarketing/ListImport.h"
#include "storage/Database.h"

#include <algorithm>

namespace fieldline::telemarketing {

/**
 * Runs @p step on each of the next @p count people of @p list from `progress.next`, in one transaction; @p step
 * returns an error to stop, and records each contact it deals with in `progress.handled` with the person's index.
 * On an error the part is undone and @p progress put back where it was, so the same part can be run again. True
 * when every person of the list is done; at once, doing nothing, when the list has problems (they are copied into
 * `progress.outcome.problems`). Shared by ListImport and ListRemoval.
 */
template <class Progress, class Step>
storage::Result<bool> runListPart(storage::Database &db, const ListImport::Checked &list, Progress &progress, int count,
                                  Step step)
{
    progress.outcome.problems = list.problems;
    if (!list.problems.isEmpty())
        return true;
    storage::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().error();
    // Put back by hand on an error: a copy of the progress would copy its `handled` contacts for every part.
    const size_t start = progress.next;
    auto outcome = progress.outcome;
    const size_t end = std::min(list.people.size(), start + size_t(std::max(count, 1)));
    storage::Status status;
    for (; status && progress.next < end; ++progress.next)
        status = step(list.people[progress.next]);
    if (status)
        status = transaction.commit();
    if (!status) {
        progress.next = start;
        progress.outcome = std::move(outcome);
        progress.handled.removeIf([start](const auto &seen) { return seen.value() >= start; });
        return status.error();
    }
    return progress.next >= list.people.size();
}

} // namespace fieldline::telemarketing
