#include "SqlDialect.h"

namespace fieldline::server {

QString SqlDialect::ddl(const char *portable) const
{
    const Types backend = types();
    return QString::fromLatin1(portable)
        .replace(QLatin1String("{id}"), QLatin1String(backend.id))
        .replace(QLatin1String("{int}"), QLatin1String(backend.integer))
        .replace(QLatin1String("{blob}"), QLatin1String(backend.blob));
}

} // namespace fieldline::server
