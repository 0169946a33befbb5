#include "TombstoneSweeper.h"

#include "SyncStore.h"
#include "TenantStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSweep, "fieldline.server.tombstones")

namespace fieldline::server {

namespace {
constexpr int FirstSweepMs = 60 * 1000;
constexpr int SweepEveryMs = 3600 * 1000;
} // namespace

TombstoneSweeper::TombstoneSweeper(TenantStore &tenants, SyncStore &sync, QObject *parent)
    : QObject(parent)
    , m_tenants(tenants)
    , m_sync(sync)
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_timer.start(SweepEveryMs);
        sweep();
    });
    m_timer.start(FirstSweepMs);
}

qint64 TombstoneSweeper::sweep()
{
    storage::Result<QStringList> names = m_tenants.tenantNames();
    if (!names) {
        qCWarning(lcSweep) << "cannot list tenants:" << names.message();
        return 0;
    }
    qint64 total = 0;
    for (const QString &name : *names) {
        // Looking the tenant up by name also scopes the connection to it (row-level security on PostgreSQL).
        storage::Result<std::optional<qint64>> id = m_tenants.tenantId(name);
        if (!id || !*id)
            continue;
        storage::Result<qint64> collected = m_sync.collectTombstones(**id);
        if (!collected) {
            qCWarning(lcSweep) << "tenant" << name << ":" << collected.message();
            continue;
        }
        if (*collected > 0)
            qCInfo(lcSweep) << "tenant" << name << ":" << *collected << "tombstones collected";
        total += *collected;
    }
    return total;
}

} // namespace fieldline::server
