#pragma once

#include "sync/SyncClient.h"

#include <QtGlobal>

#include <optional>

namespace fieldline::app {

/**
 * When the next timed sync round starts after one ended: the interval after a good round; after a failure, a
 * pause that doubles with each failure in a row up to maxRetryMs, then varied by up to a quarter either way (so
 * devices that lost the server together do not come back together), and never shorter than the server's
 * Retry-After (up to MaxRetryAfterMs).
 */
struct RetryPolicy
{
    int intervalMs = 60 * 1000;
    int firstRetryMs = 5 * 1000;
    int maxRetryMs = 5 * 60 * 1000;
    /// The longest Retry-After honoured; a server asking for more is asked again after this.
    static constexpr qint64 MaxRetryAfterMs = 3600 * 1000;

    /** Whether a round that ended with @p problem counts as a failure (the next pause grows). */
    static bool isFailure(sync::SyncProblem problem);
    /**
     * The pause after a round that ended with @p problem, the server having asked for @p retryAfterMs (0: nothing),
     * after @p failures failures in a row before it; @p jitter in [0, 1). None: no timed round, the user acts first.
     */
    std::optional<qint64> pauseMs(sync::SyncProblem problem, qint64 retryAfterMs, int failures, double jitter) const;
};

} // namespace fieldline::app
