#pragma once

#include "AdminCommands.h"

namespace fieldline::admin {

// The forms group: layouts published through /v1/admin/tenants/<tenant>/forms. Each returns the exit code.

/**
 * Checks the layout in @p file with the reader the server and the client use, then publishes it; every problem,
 * found here or by the server, is printed as "FILE: path: message" and nothing is published.
 */
int publishForm(AdminClient &client, Console &console, const QString &tenant, const QString &file);
int listForms(AdminClient &client, Console &console, const QString &tenant);
/** Prints what changed from version @p from to version @p to of @p form, one line per change. */
int diffForm(AdminClient &client, Console &console, const QString &tenant, const QString &form, const QString &from,
             const QString &to);
int retireForm(AdminClient &client, Console &console, const QString &tenant, const QString &form);

} // namespace fieldline::admin
