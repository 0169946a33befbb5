#pragma once

#include "storage/Error.h"

namespace fieldline::server {

class Credentials;
class SyncStore;
class TenantStore;

/**
 * Seeds tenant "demo" with one user per role (agent/agent-demo-1, field/field-demo-1, manager/manager-demo-1,
 * admin/admin-demo-1; see docs/operations.md). Running it again adds only what is missing and never resets a
 * password that an operator changed. Also writes the demo rows (demoRows(): 10,000 contacts with phones and time
 * zones, 500 accounts with coordinates, 5,000 products, 200 visits); their fixed stamps make that idempotent.
 */
storage::Status seedDemoTenant(TenantStore &store, const Credentials &credentials, SyncStore &sync);

} // namespace fieldline::server
