#include "TenantSweeper.h"

#include "TenantStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSweep, "fieldline.server.sweep")

namespace fieldline::server {

namespace {
constexpr int FirstSweepMs = 60 * 1000;
constexpr int SweepEveryMs = 3600 * 1000;
} // namespace

TenantSweeper::TenantSweeper(TenantStore &tenants, std::vector<Chore> chores, QObject *parent)
    : QObject(parent)
    , m_tenants(tenants)
    , m_chores(std::move(chores))
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_timer.start(SweepEveryMs);
        sweep();
    });
    m_timer.start(FirstSweepMs);
}

std::vector<qint64> TenantSweeper::sweep()
{
    std::vector<qint64> totals(m_chores.size(), 0);
    storage::Result<QStringList> names = m_tenants.tenantNames();
    if (!names) {
        qCWarning(lcSweep) << "cannot list tenants:" << names.message();
        return totals;
    }
    for (const QString &name : *names) {
        // Looking the tenant up by name also scopes the connection to it (row-level security on PostgreSQL).
        storage::Result<std::optional<qint64>> id = m_tenants.tenantId(name);
        if (!id || !*id)
            continue;
        for (size_t i = 0; i < m_chores.size(); ++i) {
            storage::Result<qint64> removed = m_chores[i].run(**id);
            if (!removed) {
                qCWarning(lcSweep) << "tenant" << name << ":" << removed.message();
                continue;
            }
            if (*removed > 0)
                qCInfo(lcSweep) << "tenant" << name << ":" << *removed << m_chores[i].what;
            totals[i] += *removed;
        }
    }
    return totals;
}

} // namespace fieldline::server
