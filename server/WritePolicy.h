#pragma once

#include "TenantStore.h"
#include "sync/Change.h"
#include "sync/Refusal.h"
#include "sync/RowState.h"

#include <QString>

#include <optional>

namespace fieldline::server {

/**
 * Which role may make which synced change, checked by the server on every pushed change whatever the client did.
 * The product catalog, campaigns and who is in them belong to managers and administrators: an agent's device may
 * only record how a member's calls went (attempts, status, next attempt, last disposition) and claim it. Anyone may put
 * a number on the do-not-call list; only managers and administrators may take one off. Form layouts no device writes:
 * they are published through FormRoutes. Everything else any signed-in role may write.
 *
 * Claims on campaign members and callbacks (who is calling the person now) are first come, first served at the
 * server, whatever the role: a claim, renewal or release from one user is refused while the server holds another
 * user's claim whose lease has not run out, so two devices that claimed the same person offline end up both
 * showing the claim that reached the server first.
 */
class WritePolicy
{
public:
    /** Whether refusal() needs the row as the server holds it for @p role's @p change. */
    static bool needsStoredRow(Role role, const sync::Change &change);
    /**
     * Why @p role may not make @p change; nullopt when it may. @p stored: the row as the
     * server holds it before this push (needed when needsStoredRow(); a row that does not exist otherwise).
     */
    static std::optional<sync::Refusal> refusal(Role role, const sync::Change &change,
                                                const sync::RowState &stored = {});
    /**
     * Why @p login may not change @p change's claim cell (the stored claim is someone else's and runs at @p nowMs,
     * server time); nullopt when it may or @p change is no claim cell. @p stored as for refusal().
     */
    static std::optional<sync::Refusal> claimRefusal(const QString &login, const sync::Change &change,
                                                     const sync::RowState &stored, qint64 nowMs);
};

} // namespace fieldline::server
