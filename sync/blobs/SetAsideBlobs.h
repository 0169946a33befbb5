#pragma once

#include "sync/Clock.h"
#include "sync/blobs/BlobName.h"

#include <QByteArray>
#include <QString>

#include <map>
#include <vector>

namespace fieldline::sync {

/**
 * Attachments an upload set aside: missing or damaged on this device, or refused by the server for themselves. Each
 * waits RetryMs from when it was set aside before an upload tries it again (a restart tries it at once), so one
 * broken attachment does not hold back the rest of a device's sync.
 */
class SetAsideBlobs
{
public:
    explicit SetAsideBlobs(const Clock &clock)
        : m_clock(clock)
    {}

    static constexpr qint64 RetryMs = 15 * 60 * 1000;

    enum class Reason {
        Missing, ///< not in this device's store
        Damaged, ///< its content here does not match its name
        Refused, ///< the server refused it: serverWords says why, in English, for the log
    };
    /** How many wait, and why the newest of them was set aside. */
    struct Summary
    {
        int count = 0;
        Reason reason = Reason::Refused;
        QString serverWords;
        bool oneReason = true; ///< every one waits for that same reason (and words)
    };

    void add(const BlobName &name, Reason reason, const QString &serverWords = {});
    /**
     * Forgets those whose wait is over and those no longer in @p waiting (uploaded since), then takes the rest out of
     * @p waiting.
     */
    void filter(std::vector<BlobName> &waiting);
    Summary summary() const;

private:
    struct Entry
    {
        qint64 untilMs = 0; ///< when it may be tried again
        quint64 order = 0;  ///< larger: set aside later
        Reason reason = Reason::Refused;
        QString serverWords;
    };
    const Clock &m_clock;
    std::map<QByteArray, Entry> m_entries; ///< by hex name
    quint64 m_added = 0;
};

} // namespace fieldline::sync
