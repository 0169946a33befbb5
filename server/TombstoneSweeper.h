#pragma once

#include <QObject>
#include <QTimer>

namespace fieldline::server {

class SyncStore;
class TenantStore;

/**
 * Collects every tenant's old tombstones (SyncStore::collectTombstones) a minute after the server starts and then
 * every hour. Several instances on one database may all sweep: each collection runs in the tenant's push lock.
 */
class TombstoneSweeper : public QObject
{
    Q_OBJECT
public:
    TombstoneSweeper(TenantStore &tenants, SyncStore &sync, QObject *parent = nullptr);
    /** One sweep over every tenant; the rows collected in all. */
    qint64 sweep();

private:
    TenantStore &m_tenants;
    SyncStore &m_sync;
    QTimer m_timer;
};

} // namespace fieldline::server
