#include "sync/blobs/BlobFetches.h"

#include <algorithm>

namespace fieldline::sync {

void BlobFetches::fetch(const BlobName &name, const QByteArray &token, std::function<void()> arrived)
{
    if (auto running = m_inFlight.find(name.hex()); running != m_inFlight.end())
        return running->second.push_back(std::move(arrived));
    Callbacks callbacks{std::move(arrived)};
    // Asked for again while it waits for a retry: tried now, with everyone who asked.
    auto waiting = std::find_if(m_waiting.begin(), m_waiting.end(), [&name](const auto &w) { return w.first == name; });
    if (waiting != m_waiting.end()) {
        callbacks.insert(callbacks.end(), waiting->second.begin(), waiting->second.end());
        m_waiting.erase(waiting);
    }
    start(name, token, std::move(callbacks));
}

void BlobFetches::retry(const QByteArray &token)
{
    std::deque<std::pair<BlobName, Callbacks>> again;
    again.swap(m_waiting);
    for (auto &[name, callbacks] : again)
        start(name, token, std::move(callbacks));
}

void BlobFetches::start(const BlobName &name, const QByteArray &token, Callbacks callbacks)
{
    m_inFlight[name.hex()] = std::move(callbacks);
    // The transfer answers later, or at once when the blob is here or the store fails.
    m_transfer.fetch(name, token, [this, alive = std::weak_ptr<bool>(m_alive), name](const BlobOutcome &outcome) {
        if (alive.lock())
            finished(name, outcome.ok());
    });
}

void BlobFetches::finished(const BlobName &name, bool arrived)
{
    auto running = m_inFlight.find(name.hex());
    if (running == m_inFlight.end())
        return;
    Callbacks callbacks = std::move(running->second);
    m_inFlight.erase(running);
    if (arrived) {
        for (const auto &callback : callbacks)
            callback();
        return;
    }
    if (m_waiting.size() == MaxWaiting)
        m_waiting.pop_front();
    m_waiting.emplace_back(name, std::move(callbacks));
}

} // namespace fieldline::sync
