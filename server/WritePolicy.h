#pragma once

#include "TenantStore.h"

#include <QString>

#include <optional>

namespace fieldline::server {

/**
 * Which role may write which synced table, checked by the server on every pushed change whatever the client
 * did. The product catalog and its prices belong to managers and administrators; everything else any signed-in
 * role may write, except form layouts: no device writes those, they are published through FormRoutes.
 */
class WritePolicy
{
public:
    /** Why @p role may not write @p table, in words for the user; nullopt when it may. */
    static std::optional<QString> refusal(Role role, const QString &table);
};

} // namespace fieldline::server
