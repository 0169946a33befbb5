#include "sync/blobs/SetAsideBlobs.h"

#include <algorithm>
#include <set>

namespace fieldline::sync {

void SetAsideBlobs::add(const BlobName &name, Reason reason, const QString &serverWords)
{
    m_entries[name.hex()] = Entry{m_clock.nowMs() + RetryMs, ++m_added, reason, serverWords};
}

void SetAsideBlobs::filter(std::vector<BlobName> &waiting)
{
    std::set<QByteArray> names;
    for (const BlobName &name : waiting)
        names.insert(name.hex());
    const qint64 now = m_clock.nowMs();
    // A wait longer than RetryMs means the clock was set back since: over too.
    std::erase_if(m_entries, [&](const auto &aside) {
        const qint64 until = aside.second.untilMs;
        return until <= now || until > now + RetryMs || !names.contains(aside.first);
    });
    std::erase_if(waiting, [this](const BlobName &name) { return m_entries.contains(name.hex()); });
}

SetAsideBlobs::Summary SetAsideBlobs::summary() const
{
    if (m_entries.empty())
        return {};
    const auto newest = std::max_element(m_entries.begin(), m_entries.end(),
                                         [](const auto &a, const auto &b) { return a.second.order < b.second.order; });
    const Entry &latest = newest->second;
    const bool oneReason = std::all_of(m_entries.begin(), m_entries.end(), [&latest](const auto &aside) {
        return aside.second.reason == latest.reason && aside.second.serverWords == latest.serverWords;
    });
    return {int(m_entries.size()), latest.reason, latest.serverWords, oneReason};
}

} // namespace fieldline::sync
