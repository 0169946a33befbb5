#include "ImportSchema.h"

#include <limits>

namespace fieldline::server {

namespace {

constexpr double Unbounded = std::numeric_limits<double>::infinity();

ImportColumn text(const char *name, bool required = false)
{
    return {QString::fromLatin1(name), CellKind::Text, required};
}

ImportColumn ranged(const char *name, CellKind kind, double min, double max, bool required = false)
{
    return {QString::fromLatin1(name), kind, required, min, max};
}

const std::vector<ImportTable> &tables()
{
    static const std::vector<ImportTable> all{
        {QStringLiteral("contacts"),
         {text("first_name"),
          text("last_name"),
          text("company"),
          {QStringLiteral("phone"), CellKind::Phone, true},
          {QStringLiteral("time_zone"), CellKind::TimeZone},
          {QStringLiteral("owner"), CellKind::Login},
          text("territory"),
          ranged("do_not_call", CellKind::Integer, 0, 1)}},
        {QStringLiteral("accounts"),
         {text("name", true),
          text("city"),
          ranged("latitude", CellKind::Real, -90, 90),
          ranged("longitude", CellKind::Real, -180, 180),
          {QStringLiteral("owner"), CellKind::Login},
          text("territory")}},
        {QStringLiteral("products"),
         // Prices are integer minor units (DESIGN.md section 7): exact, and no decimal separator to guess.
         {text("sku", true), text("name", true), ranged("unit_price_cents", CellKind::Integer, 0, Unbounded, true),
          text("tax_rate")}},
    };
    return all;
}

} // namespace

const ImportColumn *ImportTable::column(const QString &columnName) const
{
    for (const ImportColumn &candidate : columns) {
        if (candidate.name == columnName)
            return &candidate;
    }
    return nullptr;
}

QString ImportTable::columnList() const
{
    QStringList names{idColumnName()};
    for (const ImportColumn &candidate : columns)
        names.append(candidate.name);
    return names.join(QLatin1String(", "));
}

const ImportTable *importTable(const QString &name)
{
    for (const ImportTable &table : tables()) {
        if (table.name == name)
            return &table;
    }
    return nullptr;
}

QStringList importTableNames()
{
    QStringList names;
    for (const ImportTable &table : tables())
        names.append(table.name);
    return names;
}

} // namespace fieldline::server
