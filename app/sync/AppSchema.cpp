#include "app/sync/AppSchema.h"

namespace fieldline::app {

namespace {

sync::ColumnSchema column(const char *name, const char *type)
{
    return {QString::fromLatin1(name), QString::fromLatin1(type)};
}

} // namespace

sync::SyncSchema appSchema()
{
    return sync::SyncSchema{
        {
            {QStringLiteral("contacts"),
             {column("first_name", "TEXT"), column("last_name", "TEXT"), column("company", "TEXT"),
              column("phone", "TEXT"), column("time_zone", "TEXT"), column("owner", "TEXT"),
              column("territory", "TEXT")},
             false},
            {QStringLiteral("accounts"),
             {column("name", "TEXT"), column("city", "TEXT"), column("latitude", "REAL"), column("longitude", "REAL"),
              column("owner", "TEXT"), column("territory", "TEXT")},
             false},
            {QStringLiteral("products"),
             {column("sku", "TEXT"), column("name", "TEXT"), column("unit_price_cents", "INTEGER"),
              column("tax_rate", "TEXT")},
             false},
            {QStringLiteral("visits"),
             {column("account_id", "BLOB"), column("due", "TEXT"), column("status", "TEXT"), column("owner", "TEXT")},
             false},
        },
        AppSchemaVersion};
}

} // namespace fieldline::app
