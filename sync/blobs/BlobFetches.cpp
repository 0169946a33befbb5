#include "sync/blobs/BlobFetches.h"

#include <algorithm>

namespace fieldline::sync {

void BlobFetches::addCallback(Callbacks &callbacks, std::function<void()> callback)
{
    if (callbacks.size() == MaxCallbacks)
        callbacks.erase(callbacks.begin());
    callbacks.push_back(std::move(callback));
}

void BlobFetches::fetch(const BlobName &name, const QByteArray &token, std::function<void()> arrived)
{
    if (auto running = m_inFlight.find(name.hex()); running != m_inFlight.end())
        return addCallback(running->second.callbacks, std::move(arrived));
    Entry entry{name, {}, 0, 0};
    // Asked for again while it waits for a retry: tried now, with everyone who asked.
    auto waiting = std::find_if(m_waiting.begin(), m_waiting.end(), [&name](const Entry &e) { return e.name == name; });
    if (waiting != m_waiting.end()) {
        entry = std::move(*waiting);
        m_waiting.erase(waiting);
    }
    addCallback(entry.callbacks, std::move(arrived));
    start(std::move(entry), token);
}

void BlobFetches::retry(const QByteArray &token)
{
    const qint64 now = m_clock.nowMs();
    std::deque<Entry> due;
    for (auto it = m_waiting.begin(); it != m_waiting.end();) {
        // A wait longer than the longest means the clock was set back: due as well.
        if (it->nextTryMs <= now || it->nextTryMs > now + MaxWaitMs) {
            due.push_back(std::move(*it));
            it = m_waiting.erase(it);
        } else {
            ++it;
        }
    }
    for (Entry &entry : due)
        start(std::move(entry), token);
}

void BlobFetches::start(Entry entry, const QByteArray &token)
{
    const QByteArray hex = entry.name.hex();
    if (auto running = m_inFlight.find(hex); running != m_inFlight.end()) {
        for (auto &callback : entry.callbacks)
            addCallback(running->second.callbacks, std::move(callback));
        return;
    }
    const BlobName name = entry.name;
    m_inFlight.emplace(hex, std::move(entry));
    // The transfer answers later, or at once when the blob is here or the store fails.
    m_transfer.fetch(name, token, [this, alive = std::weak_ptr<bool>(m_alive), hex](const BlobOutcome &outcome) {
        if (alive.lock())
            finished(hex, outcome);
    });
}

void BlobFetches::finished(const QByteArray &hex, const BlobOutcome &outcome)
{
    auto running = m_inFlight.find(hex);
    if (running == m_inFlight.end())
        return;
    Entry entry = std::move(running->second);
    m_inFlight.erase(running);
    if (outcome.ok()) {
        for (const auto &callback : entry.callbacks)
            callback();
        return;
    }
    // A blob not on the server yet, a server that did not answer or was busy, a store that was busy or full may all
    // come right later; content that is not what its name says, a refusal (403, 416) or a broken store, not.
    const int status = outcome.reply.status;
    const storage::ErrorCode store = outcome.storeCode;
    const bool forNow = (outcome.kind == BlobOutcome::Kind::LocalFailed &&
                         (store == storage::ErrorCode::Busy || store == storage::ErrorCode::StorageFull)) ||
                        (outcome.kind == BlobOutcome::Kind::AnswerFailed &&
                         (status == 0 || status == 404 || status == 429 || status >= 500));
    if (!forNow)
        return;
    ++entry.failures;
    entry.nextTryMs = m_clock.nowMs() + std::min(MaxWaitMs, FirstWaitMs << std::min(entry.failures - 1, 16));
    if (m_waiting.size() == MaxWaiting)
        m_waiting.pop_front();
    m_waiting.push_back(std::move(entry));
}

} // namespace fieldline::sync
