#pragma once

#include "TenantStore.h"
#include "sync/Change.h"
#include "sync/RowState.h"

#include <QString>

#include <optional>

namespace fieldline::server {

/**
 * Which role may write which synced table, checked by the server on every pushed change whatever the client
 * did. The product catalog and its prices belong to managers and administrators; everything else any signed-in
 * role may write.
 */
class WritePolicy
{
public:
    /** Why @p role may not write @p table, in words for the user; nullopt when it may. */
    static std::optional<QString> refusal(Role role, const QString &table);
};

/**
 * What the server writes back after refusing changes to a row: the row as the server holds it (@p stored; absent
 * rows stay absent, as a deletion), under one stamp newer than every refused change and in a life at least as
 * long, so that the device that made them converges back to the server's copy on its next pull.
 */
sync::ChangeBatch compensation(const QString &table, const sync::RowId &row, const sync::RowState &stored,
                               const sync::ChangeBatch &refused, qint64 nowMs);

} // namespace fieldline::server
