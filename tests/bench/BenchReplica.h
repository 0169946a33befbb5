#pragma once

#include "app/sync/AppSchema.h"
#include "storage/Database.h"
#include "sync/Clock.h"
#include "sync/Replica.h"

#include <QTemporaryDir>

#include <memory>

namespace fieldline::bench {

/** A replica of the app's schema in a new encrypted database (a fresh key) in @p dir, or why it did not open. */
inline storage::Result<std::unique_ptr<sync::Replica>> openBenchReplica(const QTemporaryDir &dir,
                                                                        const sync::Clock &clock)
{
    auto db = storage::Database::open(dir.filePath(QStringLiteral("bench.db")), storage::DatabaseKey::generate(),
                                      {.create = true});
    if (!db)
        return db.error();
    return sync::Replica::open(std::move(*db), app::appSchema(), clock);
}

} // namespace fieldline::bench
