#pragma once

#include "sync/Change.h"

namespace fieldline::server {

/** How much demo data seedDemoTenant writes. */
struct DemoDataSize
{
    int contacts = 10000;
    int accounts = 500;
    int products = 5000;
    int visits = 200;
};

/**
 * The demo tenant's rows as server-written changes, the same on every run (row ids, stamps and values all
 * derive from the row's index), so seeding twice changes nothing. Table and column names are those of the
 * client's app::appSchema(); tst_demodata checks that they stay in step.
 */
sync::ChangeBatch demoRows(const DemoDataSize &size);

} // namespace fieldline::server
