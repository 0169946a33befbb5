#pragma once

#include "SqlSupport.h"
#include "StatementCache.h"

namespace fieldline::server {

/** Checks that @p tx began on @p db, then runs @p preamble (if any) as its first statement. */
storage::Status startWrite(const SqlTransaction &tx, const QSqlDatabase &db, const QString &preamble);

/**
 * Commits @p tx on @p db once every statement @p statements keeps is finished (SQLite refuses to commit while one is
 * in progress); @p what names it in the error.
 */
storage::Status commitWrite(SqlTransaction &tx, const QSqlDatabase &db, StatementCache &statements,
                            const QString &what);

} // namespace fieldline::server
