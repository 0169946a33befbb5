#include "app/sync/RetryPolicy.h"

#include <algorithm>

namespace fieldline::app {

using sync::SyncProblem;

bool RetryPolicy::isFailure(SyncProblem problem)
{
    switch (problem) {
    case SyncProblem::RateLimited:
    case SyncProblem::Offline:
    case SyncProblem::ClockSkew:
    case SyncProblem::ServerError:
    case SyncProblem::LocalError:
        return true;
    case SyncProblem::None:
    case SyncProblem::Rejected:
    case SyncProblem::ClockAhead:
    case SyncProblem::NotLoggedIn:
    case SyncProblem::Forbidden:
        return false;
    }
    return false;
}

std::optional<qint64> RetryPolicy::pauseMs(SyncProblem problem, qint64 retryAfterMs, int failures, double jitter) const
{
    switch (problem) {
    case SyncProblem::None:
    case SyncProblem::Rejected:
        return intervalMs;
    case SyncProblem::NotLoggedIn:
    case SyncProblem::Forbidden:
        return std::nullopt;      // a sign-in, or an administrator
    case SyncProblem::ClockAhead: // the kept changes are taken once the server's clock catches up
        return std::clamp<qint64>(retryAfterMs + 1000, firstRetryMs, maxRetryMs);
    case SyncProblem::RateLimited:
    case SyncProblem::Offline:
    case SyncProblem::ClockSkew:
    case SyncProblem::ServerError:
    case SyncProblem::LocalError: { // a full disk or a busy file passes: sync resumes once it has
        // Varied after the limits, so the first pause and the longest are spread too.
        const qint64 doubled = std::min<qint64>(qint64(firstRetryMs) << std::clamp(failures, 0, 16), maxRetryMs);
        const auto varied = qint64(double(doubled) * (0.75 + 0.5 * std::clamp(jitter, 0.0, 1.0)));
        return std::max(varied, std::min(retryAfterMs, MaxRetryAfterMs));
    }
    }
    return intervalMs;
}

} // namespace fieldline::app
