#include "app/sync/AppSchema.h"

#include "app/formsync/FormTables.h"
#include "app/telemarketing/TelemarketingTables.h"

namespace fieldline::app {

using Col = sync::ColumnSchema;

sync::SyncSchema appSchema()
{
    sync::SyncSchema schema{
        {
            {QStringLiteral("contacts"),
             {Col::of("first_name", "TEXT"), Col::of("last_name", "TEXT"), Col::of("company", "TEXT"),
              Col::of("phone", "TEXT"), Col::of("time_zone", "TEXT"), Col::of("owner", "TEXT"),
              Col::of("territory", "TEXT"), Col::of("do_not_call", "INTEGER")},
             false},
            {QStringLiteral("accounts"),
             {Col::of("name", "TEXT"), Col::of("city", "TEXT"), Col::of("latitude", "REAL"),
              Col::of("longitude", "REAL"), Col::of("owner", "TEXT"), Col::of("territory", "TEXT")},
             false},
            {QStringLiteral("products"),
             {Col::of("sku", "TEXT"), Col::of("name", "TEXT"), Col::of("unit_price_cents", "INTEGER"),
              Col::of("tax_rate", "TEXT")},
             false},
            {QStringLiteral("visits"),
             {Col::of("account_id", "BLOB"), Col::of("due", "TEXT"), Col::of("status", "TEXT"),
              Col::of("owner", "TEXT")},
             false},
        },
        AppSchemaVersion};
    for (sync::TableSchema &table : formsync::formTables())
        schema.tables.push_back(std::move(table));
    for (sync::TableSchema &table : telemarketing::telemarketingTables())
        schema.tables.push_back(std::move(table));
    return schema;
}

} // namespace fieldline::app
