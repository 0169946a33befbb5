#pragma once

#include "storage/Error.h"

#include <QByteArray>

#include <memory>

struct sqlite3;
struct sqlite3_blob;

namespace fieldline::storage {

class Database;

/**
 * Reads the blob in one column of one row a part at a time, through SQLite's incremental blob I/O. The open handle
 * keeps the list of the blob's overflow pages, so each read touches only the pages it returns; a handle opened per
 * read would walk the chain of pages from the start each time (reading a 64 MiB blob in 512 KiB parts that way
 * took 6 s instead of 0.2 s). While open it holds the row's snapshot: keep one for a single transfer and destroy it
 * before its Database. A write to that row expires it, and reads then fail.
 */
class BlobReader
{
public:
    /** NotFound when the row is gone. */
    static Result<std::unique_ptr<BlobReader>> open(Database &db, const char *table, const char *column, qint64 rowid);
    ~BlobReader();
    BlobReader(const BlobReader &) = delete;
    BlobReader &operator=(const BlobReader &) = delete;

    qint64 size() const { return m_size; }
    /** @p length bytes from @p offset (fewer at the end, none past it). */
    Result<QByteArray> read(qint64 offset, qint64 length);

private:
    BlobReader(sqlite3 *db, sqlite3_blob *blob, qint64 size)
        : m_db(db)
        , m_blob(blob)
        , m_size(size)
    {}

    sqlite3 *m_db;
    sqlite3_blob *m_blob;
    qint64 m_size;
};

} // namespace fieldline::storage
