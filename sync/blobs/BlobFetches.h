#pragma once

#include "sync/blobs/BlobTransfer.h"

#include <QByteArray>

#include <deque>
#include <functional>
#include <map>
#include <vector>

namespace fieldline::sync {

/**
 * The downloads a screen asked for (a photo taken on another device): one transfer per blob however many ask, and
 * those that failed (offline, not on the server yet) are tried again by retry(), which the sync service calls after
 * each round that reached the server, so an open form shows the photo once it can.
 */
class BlobFetches
{
public:
    explicit BlobFetches(BlobTransfer &transfer)
        : m_transfer(transfer)
    {}

    /// The most failed downloads kept for retry(); beyond it the oldest is given up.
    static constexpr size_t MaxWaiting = 100;

    /** Fetches @p name; @p arrived runs once it is on this device (at once if it is), not at all if it never is. */
    void fetch(const BlobName &name, const QByteArray &token, std::function<void()> arrived);
    /** Tries every failed download again. */
    void retry(const QByteArray &token);

    /** Downloads under way, and failed ones waiting for retry(). */
    size_t inFlight() const { return m_inFlight.size(); }
    size_t waiting() const { return m_waiting.size(); }

private:
    using Callbacks = std::vector<std::function<void()>>;
    void start(const BlobName &name, const QByteArray &token, Callbacks callbacks);
    void finished(const BlobName &name, bool arrived);

    BlobTransfer &m_transfer;
    std::map<QByteArray, Callbacks> m_inFlight;           ///< hex name -> who waits for it
    std::deque<std::pair<BlobName, Callbacks>> m_waiting; ///< failed, oldest first
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace fieldline::sync
