#include "DemoSeed.h"

#include "Credentials.h"
#include "DemoData.h"
#include "FormPublisher.h"
#include "SyncStore.h"
#include "TenantStore.h"
#include "sync/Clock.h"

#include <QFile>

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
    // The visit report the field workspace fills in, published like an admin would; a second run finds it there.
    QFile layout(QStringLiteral(":/demo/forms/visit-report.json"));
    if (!layout.open(QIODevice::ReadOnly))
        return storage::Error{storage::ErrorCode::Internal, QStringLiteral("the demo layout is not built in"), 0};
    const sync::SystemClock clock;
    auto published = FormPublisher(sync, clock).publish(tenantId, layout.readAll());
    if (!published)
        return published.error();
    using Kind = FormPublisher::Outcome::Kind;
    if (published->kind != Kind::Published && published->kind != Kind::Unchanged)
        return storage::Error{storage::ErrorCode::Internal,
                              QStringLiteral("the demo layout was refused: %1%2")
                                  .arg(published->message, forms::LayoutJson::describe(published->problems)),
                              0};
    return {};
}

} // namespace fieldline::server
