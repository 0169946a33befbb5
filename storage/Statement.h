#pragma once

#include "storage/Error.h"

#include <QByteArray>
#include <QString>

#include <functional>

struct sqlite3;
struct sqlite3_stmt;

namespace fieldline::storage {

/**
 * A prepared statement. Owned by the Database's cache (Database::prepare) or by the caller
 * (Database::prepareUncached); non-copyable. Bind indexes are 1-based, column indexes 0-based, as in SQLite.
 */
class Statement
{
public:
    Statement(sqlite3 *db, sqlite3_stmt *stmt);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const QByteArray &blob);
    Statement &bindNull(int index);

    /** Runs one step: true when a row is ready, false when done. */
    Result<bool> step();
    /** Steps until done; for statements that return no rows. */
    Status run();
    /** Steps through every row, handing each to @p visit; the first error stops it. */
    Status forEachRow(const std::function<void(const Statement &row)> &visit);
    /** Resets and clears bindings, ready for reuse. */
    void reset();

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;
    int columnCount() const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt;
    int m_bindError = 0;
};

} // namespace fieldline::storage
