#pragma once

#include "ManualClock.h"
#include "storage/Database.h"
#include "sync/Replica.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

/**
 * Test scaffolding for sync scenarios: a Device is one replica with its own encrypted file, key and clock,
 * which can be closed and reopened between steps like a real client that quits or is killed.
 */
namespace synctest {

/** contacts (LWW, with a CHECK that local writes can violate), events (grow-only) and products (LWW). */
fieldline::sync::SyncSchema testSchema(bool withRating = false);

struct Device
{
    Device(const QString &path, qint64 clockMs, fieldline::sync::SyncSchema schema,
           std::optional<fieldline::sync::SiteId> site = std::nullopt);

    /** Opens (or reopens) the replica; the error message, or empty on success. */
    QString open();
    void close() { replica.reset(); }
    fieldline::sync::Replica &operator*() { return *replica; }
    fieldline::sync::Replica *operator->() { return replica.get(); }

    QString path;
    fieldline::storage::DatabaseKey key;
    ManualClock clock;
    fieldline::sync::SyncSchema schema;
    std::optional<fieldline::sync::SiteId> site;
    std::unique_ptr<fieldline::sync::Replica> replica;
};

/** Everything @p from wrote locally, applied to @p to; the per-change results (empty on a batch error). */
std::vector<fieldline::sync::ApplyResult> deliverAll(Device &from, Device &to);
/** The visible value of one column, or nullopt if the row is not visible. */
std::optional<fieldline::sync::Value> visible(Device &device, const QString &table, const fieldline::sync::RowId &row,
                                              const QString &column);
QByteArray dump(Device &device);
int count(Device &device, const char *sql);
/** The first column of every row @p sql returns, as text; {"<error>"} when the query fails. */
QStringList strings(Device &device, const char *sql);

} // namespace synctest
