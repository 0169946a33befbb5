#include "WritePolicy.h"

namespace fieldline::server {

std::optional<QString> WritePolicy::refusal(Role role, const QString &table)
{
    if (table == QLatin1String("products") && role != Role::Manager && role != Role::Admin)
        return QStringLiteral("Only managers and administrators may change the product catalog; the server's "
                              "copy stands.");
    if (table == QLatin1String("form_layouts"))
        return QStringLiteral("Form layouts are published through the forms API, which checks them; the server's "
                              "copy stands.");
    return std::nullopt;
}

} // namespace fieldline::server
