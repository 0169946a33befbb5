#pragma once

#include "storage/Error.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace fieldline::server {

class TenantStore;

/**
 * Runs the store's chores for every tenant a minute after the server starts and then every hour: collecting old
 * tombstones (SyncStore::collectTombstones) and forgetting abandoned uploads (BlobStore::forgetAbandoned). Several
 * instances on one database may all sweep: each chore is safe to run twice.
 */
class TenantSweeper : public QObject
{
    Q_OBJECT
public:
    struct Chore
    {
        const char *what;                                            ///< for the log: "tombstones collected"
        std::function<storage::Result<qint64>(qint64 tenantId)> run; ///< how many rows it removed
    };

    TenantSweeper(TenantStore &tenants, std::vector<Chore> chores, QObject *parent = nullptr);
    /** One sweep over every tenant: how many rows each chore removed in all, in the chores' order. */
    std::vector<qint64> sweep();

private:
    TenantStore &m_tenants;
    std::vector<Chore> m_chores;
    QTimer m_timer;
};

} // namespace fieldline::server
