#include "sync/blobs/SetAsideBlobs.h"

#include <set>

namespace fieldline::sync {

void SetAsideBlobs::add(const BlobName &name, Reason reason, const QString &serverWords)
{
    m_until[name.hex()] = m_clock.nowMs() + RetryMs;
    m_reason = reason;
    m_serverWords = serverWords;
}

void SetAsideBlobs::filter(std::vector<BlobName> &waiting)
{
    std::set<QByteArray> names;
    for (const BlobName &name : waiting)
        names.insert(name.hex());
    const qint64 now = m_clock.nowMs();
    // A wait longer than RetryMs means the clock was set back since: over too.
    std::erase_if(m_until, [&](const auto &aside) {
        return aside.second <= now || aside.second > now + RetryMs || !names.contains(aside.first);
    });
    std::erase_if(waiting, [this](const BlobName &name) { return m_until.contains(name.hex()); });
}

SetAsideBlobs::Summary SetAsideBlobs::summary() const
{
    return {int(m_until.size()), m_reason, m_serverWords};
}

} // namespace fieldline::sync
