#pragma once

#include <QString>

namespace fieldline::server {

/**
 * Raises this process's soft limit on open files to its hard limit. Every live WebSocket holds a descriptor, and
 * a login session's soft limit (often 1,024) is below what a server with 1,000 devices online needs, while the
 * hard limit is usually far higher. Returns the soft limit now in force (0 if unknown); @p problem says why it
 * could not be raised.
 */
quint64 raiseOpenFileLimit(QString &problem);

} // namespace fieldline::server
