#include "SyncTestKit.h"

#include "sync/CanonicalDump.h"

using namespace fieldline;

namespace synctest {

sync::SyncSchema testSchema(bool withRating)
{
    sync::TableSchema contacts{QStringLiteral("contacts"),
                               {{QStringLiteral("name"), QStringLiteral("TEXT")},
                                {QStringLiteral("phone"), QStringLiteral("TEXT")},
                                {QStringLiteral("qty"), QStringLiteral("INTEGER CHECK(qty IS NULL OR qty >= 0)")}},
                               false};
    if (withRating)
        contacts.columns.push_back({QStringLiteral("rating"), QStringLiteral("REAL")});
    sync::TableSchema events{
        QStringLiteral("events"),
        {{QStringLiteral("kind"), QStringLiteral("TEXT")}, {QStringLiteral("at"), QStringLiteral("INTEGER")}},
        true};
    // The catalog: only managers and administrators may write it on the server (server::WritePolicy).
    sync::TableSchema products{
        QStringLiteral("products"),
        {{QStringLiteral("name"), QStringLiteral("TEXT")}, {QStringLiteral("price"), QStringLiteral("REAL")}},
        false};
    // Rows with an owner or a territory reach only their users (server::ReplicationScope).
    sync::TableSchema accounts{QStringLiteral("accounts"),
                               {{QStringLiteral("name"), QStringLiteral("TEXT")},
                                {QStringLiteral("owner"), QStringLiteral("TEXT")},
                                {QStringLiteral("territory"), QStringLiteral("TEXT")}},
                               false};
    return sync::SyncSchema{{contacts, events, products, accounts}, withRating ? 2 : 1};
}

Device::Device(const QString &path, qint64 clockMs, sync::SyncSchema schema, std::optional<sync::SiteId> site)
    : path(path)
    , key(storage::DatabaseKey::generate())
    , clock(clockMs)
    , schema(std::move(schema))
    , site(site)
{}

QString Device::open()
{
    replica.reset();
    auto db = storage::Database::open(path, key, {.create = true});
    if (!db)
        return db.message();
    auto opened = sync::Replica::open(std::move(*db), schema, clock, {.newSiteId = site});
    if (!opened)
        return opened.message();
    replica = std::move(*opened);
    return {};
}

std::vector<sync::ApplyResult> deliverAll(Device &from, Device &to)
{
    auto batch = from->changesSince(0);
    if (!batch)
        return {};
    auto applied = to->applyRemote(*batch);
    return applied ? *applied : std::vector<sync::ApplyResult>{};
}

std::optional<sync::Value> visible(Device &device, const QString &table, const sync::RowId &row, const QString &column)
{
    const QByteArray sql =
        QStringLiteral("SELECT typeof(\"%1\"), \"%1\" FROM \"%2\" WHERE id = ?1").arg(column, table).toUtf8();
    auto stmt = device->database().prepareUncached(sql.constData());
    if (!stmt)
        return std::nullopt;
    (*stmt)->bind(1, row.toBytes());
    auto found = (*stmt)->step();
    if (!found || !*found)
        return std::nullopt;
    return sync::readValue(**stmt, 0, 1);
}

QByteArray dump(Device &device)
{
    auto d = sync::CanonicalDump::of(device->database(), device.schema);
    return d ? *d : QByteArray("dump failed: ") + d.message().toUtf8();
}

int count(Device &device, const char *sql)
{
    auto n = device->database().queryInt(sql);
    return n ? int(*n) : -1;
}

QStringList strings(Device &device, const char *sql)
{
    auto query = device->database().prepare(sql);
    if (!query)
        return {QStringLiteral("<error>")};
    QStringList out;
    if (!(*query)->forEachRow([&](const storage::Statement &row) { out.append(row.text(0)); }))
        return {QStringLiteral("<error>")};
    return out;
}

} // namespace synctest
