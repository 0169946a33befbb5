#include "ImportSchema.h"

#include "app/telemarketing/Campaign.h"
#include "app/telemarketing/MemberId.h"

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

ImportColumn of(const char *name, CellKind kind, bool required = false)
{
    return {QString::fromLatin1(name), kind, required};
}

ImportColumn choice(const char *name, QStringList choices, sync::Value fallback)
{
    ImportColumn column = of(name, CellKind::Choice);
    column.choices = std::move(choices);
    column.fallback = std::move(fallback);
    return column;
}

ImportColumn reference(const char *name, const char *table, bool required)
{
    ImportColumn column = of(name, CellKind::Reference, required);
    column.references = QString::fromLatin1(table);
    return column;
}

ImportColumn withFallback(ImportColumn column, sync::Value fallback)
{
    column.fallback = std::move(fallback);
    return column;
}

QString textIn(const std::map<QString, sync::Value> &cells, const char *column)
{
    const auto found = cells.find(QString::fromLatin1(column));
    const QString *text = found == cells.end() ? nullptr : std::get_if<QString>(&found->second);
    return text ? *text : QString();
}

/** A campaign as the dialer will read it (Campaign::check): window order, retries with delays. */
QString checkCampaign(const std::map<QString, sync::Value> &cells)
{
    telemarketing::CampaignFields fields{textIn(cells, "name"),
                                         textIn(cells, "mode"),
                                         textIn(cells, "window_start"),
                                         textIn(cells, "window_end"),
                                         0,
                                         textIn(cells, "retry_minutes"),
                                         textIn(cells, "status"),
                                         textIn(cells, "dispositions"),
                                         textIn(cells, "script")};
    const auto attempts = cells.find(QStringLiteral("max_attempts"));
    if (attempts != cells.end())
        fields.maxAttempts = std::get_if<qint64>(&attempts->second) ? std::get<qint64>(attempts->second) : 0;
    const storage::Result<telemarketing::Campaign> campaign = telemarketing::Campaign::check(fields);
    return campaign ? QString() : campaign.message();
}

sync::RowId memberRowId(const QList<QByteArray> &keys)
{
    return telemarketing::memberId(keys.at(0), keys.at(1));
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
        // Telemarketing (docs/telemarketing.md): campaigns with their rules, who is called in each (the owner
        // column assigns a member to an agent; empty: the pool), and the tenant's or a campaign's do-not-call list.
        {QStringLiteral("campaigns"),
         {text("name", true),
          choice("mode", {QStringLiteral("preview"), QStringLiteral("progressive")}, QStringLiteral("preview")),
          of("window_start", CellKind::Clock, true), of("window_end", CellKind::Clock, true),
          ranged("max_attempts", CellKind::Integer, 1, 100, true), of("retry_minutes", CellKind::RetryMinutes),
          of("script", CellKind::LongText), of("dispositions", CellKind::Dispositions, true),
          choice("status", {QStringLiteral("active"), QStringLiteral("paused"), QStringLiteral("closed")},
                 QStringLiteral("paused"))},
         QString(),
         {},
         {},
         nullptr,
         checkCampaign},
        {QStringLiteral("campaign_members"),
         {reference("campaign", "campaigns", true),
          reference("contact", "contacts", true),
          withFallback(ranged("priority", CellKind::Integer, 0, 1'000'000), qint64(0)),
          withFallback(ranged("attempts", CellKind::Integer, 0, 1000), qint64(0)),
          withFallback(ranged("next_attempt_ms", CellKind::Integer, 0, Unbounded), qint64(0)),
          choice("status", {QStringLiteral("queued"), QStringLiteral("callback"), QStringLiteral("done")},
                 QStringLiteral("queued")),
          {QStringLiteral("owner"), CellKind::Login}},
         QStringLiteral("contact"),
         {QStringLiteral("zone"), QStringLiteral("last_disposition"), QStringLiteral("claimed_by"),
          QStringLiteral("claimed_until_ms")},
         {QStringLiteral("campaign"), QStringLiteral("contact")},
         memberRowId},
        {QStringLiteral("dnc_numbers"),
         {{QStringLiteral("number"), CellKind::Phone, true},
          reference("campaign", "campaigns", false),
          text("reason"),
          text("added_by")}},
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
