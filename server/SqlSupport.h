#pragma once

#include "storage/Error.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>

namespace fieldline::server {

/** An I/O error naming what failed and the driver's own words. */
inline storage::Error queryError(const QSqlQuery &query, const QString &what)
{
    return storage::Error{storage::ErrorCode::Io, what + QStringLiteral(": ") + query.lastError().text()};
}

/** A transaction on a Qt SQL connection that rolls back unless committed. */
class SqlTransaction
{
public:
    explicit SqlTransaction(QSqlDatabase db)
        : m_db(std::move(db))
        , m_begun(m_db.transaction())
    {}
    ~SqlTransaction()
    {
        if (m_begun && !m_done)
            m_db.rollback();
    }
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    bool begun() const { return m_begun; }
    bool commit()
    {
        m_done = m_db.commit();
        return m_done;
    }

private:
    QSqlDatabase m_db;
    bool m_begun = false;
    bool m_done = false;
};

} // namespace fieldline::server
