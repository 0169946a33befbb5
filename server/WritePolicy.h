#pragma once

#include "TenantStore.h"
#include "sync/Change.h"
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
 */
class WritePolicy
{
public:
    /** Whether refusal() needs the row as the server holds it for @p role's @p change. */
    static bool needsStoredRow(Role role, const sync::Change &change);
    /**
     * Why @p role may not make @p change, in words for the user; nullopt when it may. @p stored: the row as the
     * server holds it before this push (needed when needsStoredRow(); a row that does not exist otherwise).
     */
    static std::optional<QString> refusal(Role role, const sync::Change &change, const sync::RowState &stored = {});
};

} // namespace fieldline::server
