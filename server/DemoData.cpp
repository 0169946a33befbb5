#include "DemoData.h"

#include "sync/HybridLogicalClock.h"

#include <QDate>

#include <array>

namespace fieldline::server {

using sync::Change;
using sync::ChangeBatch;
using sync::RowId;
using sync::Value;

namespace {

// 2026-01-01T00:00:00Z: old enough that no device clock is behind it.
constexpr qint64 SeedMs = 1767225600000;

struct Region
{
    const char *prefix; ///< E.164 country and area code
    const char *zone;   ///< IANA time zone of that area
    const char *city;
    double latitude;
    double longitude;
};

constexpr std::array<Region, 8> regions{{
    {"+1212555", "America/New_York", "New York", 40.71, -74.01},
    {"+1415555", "America/Los_Angeles", "San Francisco", 37.77, -122.42},
    {"+44207946", "Europe/London", "London", 51.51, -0.13},
    {"+4930901", "Europe/Berlin", "Berlin", 52.52, 13.40},
    {"+3314225", "Europe/Paris", "Paris", 48.86, 2.35},
    {"+86106520", "Asia/Shanghai", "Beijing", 39.90, 116.40},
    {"+86215430", "Asia/Shanghai", "Shanghai", 31.23, 121.47},
    {"+6129374", "Australia/Sydney", "Sydney", -33.87, 151.21},
}};

constexpr std::array<const char *, 16> firstNames{"Ada",  "Ben", "Chloé", "Dmitri", "Elif",  "Farah", "Gao",  "Hana",
                                                  "Ivan", "Jun", "Kofi",  "Lena",   "Mateo", "Noor",  "Olga", "Wei"};
constexpr std::array<const char *, 16> lastNames{"Okafor", "Schmidt", "Dubois", "Ivanova", "Yilmaz", "Haddad",
                                                 "Chen",   "Sato",    "Petrov", "Li",      "Mensah", "Novak",
                                                 "García", "Khan",    "Berg",   "Zhang"};
constexpr std::array<const char *, 8> companies{"Northwind Supply", "Blue Harbor Foods", "Kestrel Tools",
                                                "Lumen Pharmacy",   "Orchard Retail",    "Summit Hardware",
                                                "Tidewater Marine", "长城五金"};
constexpr std::array<const char *, 12> products{"copper valve", "steel bracket", "garden hose", "oil filter",
                                                "water pump",   "rubber gasket", "brass elbow", "spray nozzle",
                                                "pipe flange",  "level sensor",  "power relay", "toggle switch"};

/** A row id that is the same on every run: "demo" + table letter + index. */
RowId rowId(char table, int index)
{
    QByteArray bytes("demo");
    bytes += table;
    bytes += QByteArray(11 - 4, '\0');
    for (int i = 0; i < 4; ++i)
        bytes += char(index >> (8 * (3 - i)));
    return *RowId::fromBytes(bytes.left(RowId::Size));
}

class Writer
{
public:
    explicit Writer(ChangeBatch &out)
        : m_out(out)
    {
        m_site = *sync::SiteId::fromBytes(QByteArray("fieldline-demo!!"));
    }

    void row(const char *table, const RowId &id, std::initializer_list<std::pair<const char *, Value>> cells)
    {
        const sync::Stamp stamp{1, sync::HybridLogicalClock::make(SeedMs, 0), m_site};
        m_out.push_back(Change{QString::fromLatin1(table), id, QString(), {}, stamp, 0});
        for (const auto &[column, value] : cells)
            m_out.push_back(Change{QString::fromLatin1(table), id, QString::fromLatin1(column), value, stamp, 0});
    }

private:
    ChangeBatch &m_out;
    sync::SiteId m_site;
};

QString text(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

ChangeBatch demoRows(const DemoDataSize &size)
{
    ChangeBatch out;
    out.reserve(size_t(size.contacts) * 7 + size_t(size.accounts) * 6 + size_t(size.products) * 5 +
                size_t(size.visits) * 5);
    Writer write(out);
    for (int i = 0; i < size.contacts; ++i) {
        const Region &region = regions[size_t(i) % regions.size()];
        const QString phone = text(region.prefix) + QStringLiteral("%1").arg(i % 10000, 4, 10, QLatin1Char('0'));
        write.row("contacts", rowId('c', i),
                  {{"first_name", text(firstNames[size_t(i) % firstNames.size()])},
                   {"last_name", text(lastNames[size_t(i / 16) % lastNames.size()])},
                   {"company", text(companies[size_t(i / 7) % companies.size()])},
                   {"phone", phone},
                   {"time_zone", text(region.zone)},
                   {"owner", QStringLiteral("agent")}});
    }
    for (int i = 0; i < size.accounts; ++i) {
        const Region &region = regions[size_t(i) % regions.size()];
        write.row("accounts", rowId('a', i),
                  {{"name", text(companies[size_t(i) % companies.size()]) + QStringLiteral(" #%1").arg(i + 1)},
                   {"city", text(region.city)},
                   {"latitude", region.latitude + double(i % 50) / 1000},
                   {"longitude", region.longitude - double(i % 37) / 1000},
                   {"owner", QStringLiteral("field")}});
    }
    for (int i = 0; i < size.products; ++i) {
        const QString name = text(products[size_t(i) % products.size()]) + QStringLiteral(" %1 mm").arg(6 + i % 60);
        write.row("products", rowId('p', i),
                  {{"sku", QStringLiteral("SKU-%1").arg(i + 1, 6, 10, QLatin1Char('0'))},
                   {"name", name},
                   {"unit_price_cents", qint64(199 + (i * 7919) % 50000)},
                   {"tax_rate", i % 10 == 0 ? QStringLiteral("reduced") : QStringLiteral("standard")}});
    }
    for (int i = 0; i < size.visits; ++i) {
        const QDate due = QDate(2026, 12, 1).addDays(i % 30);
        write.row("visits", rowId('v', i),
                  {{"account_id", rowId('a', i % std::max(1, size.accounts)).toBytes()},
                   {"due", due.toString(Qt::ISODate)},
                   {"status", QStringLiteral("planned")},
                   {"owner", QStringLiteral("field")}});
    }
    return out;
}

} // namespace fieldline::server
