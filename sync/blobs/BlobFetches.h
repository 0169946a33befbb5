#pragma once

#include "sync/Clock.h"
#include "sync/blobs/BlobTransfer.h"

#include <QByteArray>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace fieldline::sync {

/**
 * The downloads a screen asked for (a photo taken on another device): one transfer per blob however many ask, and
 * those that failed for now (no answer, not on the server yet) are tried again by retry(), which the sync service
 * calls after each round that reached the server, so an open form shows the photo once it can. Each waits longer
 * after each failure (FirstWaitMs doubling to MaxWaitMs); one whose content was wrong or that was refused is given
 * up. fetch() asks at once, whatever the wait.
 */
class BlobFetches
{
public:
    BlobFetches(BlobTransfer &transfer, const Clock &clock)
        : m_transfer(transfer)
        , m_clock(clock)
    {}

    /// The most failed downloads kept for retry(); beyond it the oldest is given up.
    static constexpr size_t MaxWaiting = 100;
    /// The most callers waiting for one blob: a screen opened again and again keeps only its newest asks.
    static constexpr size_t MaxCallbacks = 16;
    static constexpr qint64 FirstWaitMs = 10'000;
    static constexpr qint64 MaxWaitMs = 15 * 60 * 1000;

    /** Fetches @p name; @p arrived runs once it is on this device (at once if it is), not at all if it never is. */
    void fetch(const BlobName &name, const QByteArray &token, std::function<void()> arrived);
    /** Tries again every failed download whose wait is over. */
    void retry(const QByteArray &token);

    /** Downloads under way, and failed ones waiting for retry(). */
    size_t inFlight() const { return m_inFlight.size(); }
    size_t waiting() const { return m_waiting.size(); }

private:
    using Callbacks = std::vector<std::function<void()>>;
    struct Entry
    {
        BlobName name;
        Callbacks callbacks;
        int failures = 0;
        qint64 nextTryMs = 0;
    };
    void start(Entry entry, const QByteArray &token);
    void finished(const QByteArray &hex, const BlobOutcome &outcome);
    static void addCallback(Callbacks &callbacks, std::function<void()> callback);

    BlobTransfer &m_transfer;
    const Clock &m_clock;
    std::map<QByteArray, Entry> m_inFlight; ///< by hex name
    std::deque<Entry> m_waiting;            ///< failed for now, oldest first
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fieldline::sync
