#pragma once

#include "storage/Error.h"

namespace fieldline::server {

class Credentials;
class TenantStore;

/**
 * Seeds tenant "demo" with one user per role (agent/agent-demo-1, field/field-demo-1, manager/manager-demo-1,
 * admin/admin-demo-1; see docs/operations.md). Running it again adds only what is missing and never resets a
 * password that an operator changed.
 */
storage::Status seedDemoTenant(TenantStore &store, const Credentials &credentials);

} // namespace fieldline::server
