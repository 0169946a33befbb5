#include "storage/BlobReader.h"

#include "storage/Database.h"

#include <sqlite3.h>

#include <algorithm>

namespace fieldline::storage {

Result<std::unique_ptr<BlobReader>> BlobReader::open(Database &db, const char *table, const char *column, qint64 rowid)
{
    sqlite3_blob *blob = nullptr;
    const int opened = sqlite3_blob_open(db.handle(), "main", table, column, rowid, 0, &blob);
    if (opened == SQLITE_ERROR && qstrncmp(sqlite3_errmsg(db.handle()), "no such rowid", 13) == 0)
        return Error{ErrorCode::NotFound, QStringLiteral("no row %1 in %2").arg(rowid).arg(QLatin1String(table)),
                     opened};
    if (opened != SQLITE_OK)
        return Database::errorFor(opened, db.handle(), QStringLiteral("open a blob of %1").arg(QLatin1String(table)));
    return std::unique_ptr<BlobReader>(new BlobReader(db.handle(), blob, sqlite3_blob_bytes(blob)));
}

BlobReader::~BlobReader()
{
    sqlite3_blob_close(m_blob);
}

Result<QByteArray> BlobReader::read(qint64 offset, qint64 length)
{
    const qint64 from = std::clamp<qint64>(offset, 0, m_size);
    QByteArray out(std::clamp<qint64>(length, 0, m_size - from), Qt::Uninitialized);
    if (out.isEmpty())
        return out;
    const int read = sqlite3_blob_read(m_blob, out.data(), int(out.size()), int(from));
    if (read != SQLITE_OK)
        return Database::errorFor(read, m_db, QStringLiteral("read a blob"));
    return out;
}

} // namespace fieldline::storage
