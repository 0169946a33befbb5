#include "SqlWrites.h"

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Status;

Status startWrite(const SqlTransaction &tx, const QSqlDatabase &db, const QString &preamble)
{
    if (!tx.begun())
        return Error{ErrorCode::Busy, QStringLiteral("Cannot start a transaction: ") + db.lastError().text()};
    if (preamble.isEmpty())
        return {};
    QSqlQuery query(db);
    if (!query.exec(preamble))
        return queryError(query, QStringLiteral("Cannot set up the transaction"));
    return {};
}

Status commitWrite(SqlTransaction &tx, const QSqlDatabase &db, StatementCache &statements, const QString &what)
{
    statements.finishAll();
    if (!tx.commit())
        return Error{ErrorCode::Io, what + QStringLiteral(": ") + db.lastError().text()};
    return {};
}

} // namespace fieldline::server
