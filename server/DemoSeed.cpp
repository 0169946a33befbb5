#include "DemoSeed.h"

#include "Credentials.h"
#include "DemoData.h"
#include "SyncStore.h"
#include "TenantStore.h"

namespace fieldline::server {

storage::Status seedDemoTenant(TenantStore &store, const Credentials &credentials, SyncStore &sync)
{
    const QString tenant = QStringLiteral("demo");
    auto existing = store.tenantId(tenant);
    if (!existing)
        return existing.error();
    qint64 tenantId = 0;
    if (existing.value()) {
        tenantId = *existing.value();
    } else {
        auto created = store.createTenant(tenant);
        if (!created)
            return created.error();
        tenantId = created.value();
    }
    for (Role role : {Role::Agent, Role::Field, Role::Manager, Role::Admin}) {
        const QString login = roleName(role);
        auto user = store.findUser(tenantId, login);
        if (!user)
            return user.error();
        if (user.value())
            continue;
        auto hash = credentials.hashPassword(login + QStringLiteral("-demo-1"));
        if (!hash)
            return hash.error();
        if (auto created = store.createUser(tenantId, login, hash.value(), role); !created)
            return created.error();
    }
    // The rows carry fixed stamps, so a second run merges nothing and the cursor stays where it was.
    if (auto written = sync.writeAsServer(tenantId, demoRows(DemoDataSize{})); !written)
        return written.error();
    return {};
}

} // namespace fieldline::server
