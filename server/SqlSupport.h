#pragma once

#include "storage/Error.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace fieldline::server {

/** An I/O error naming what failed and the driver's own words. */
inline storage::Error queryError(const QSqlQuery &query, const QString &what)
{
    return storage::Error{storage::ErrorCode::Io, what + QStringLiteral(": ") + query.lastError().text()};
}

} // namespace fieldline::server
