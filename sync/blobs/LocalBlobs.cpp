#include "sync/blobs/LocalBlobs.h"

namespace fieldline::sync {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Statement;
using storage::Status;

LocalBlobs::LocalBlobs(storage::Database &db)
    : m_db(db)
{}

Status LocalBlobs::createTables()
{
    // A rowid table: blobs are large, and WITHOUT ROWID tables keep whole rows in the index pages.
    return m_db.exec("CREATE TABLE IF NOT EXISTS sync_blobs(id INTEGER PRIMARY KEY, name BLOB NOT NULL UNIQUE,"
                     " size INTEGER NOT NULL, content BLOB NOT NULL, uploaded INTEGER NOT NULL)");
}

Result<BlobName> LocalBlobs::add(const QByteArray &content)
{
    if (content.size() > BlobName::MaxBlobBytes)
        return Error{ErrorCode::Invalid, QStringLiteral("An attachment may be at most %1 MiB; this one is %2 MiB.")
                                             .arg(BlobName::MaxBlobBytes >> 20)
                                             .arg((content.size() + (1 << 20) - 1) >> 20)};
    if (content.isEmpty())
        return Error{ErrorCode::Invalid, QStringLiteral("An attachment cannot be empty.")};
    const BlobName name = BlobName::of(content);
    if (Status s = insert(name, content, false); !s)
        return s.error();
    return name;
}

Status LocalBlobs::addDownloaded(const BlobName &name, const QByteArray &content, const BlobName &hashed)
{
    if (!(hashed == name))
        return Error{ErrorCode::Invalid, QStringLiteral("The attachment %1 arrived with other content than its name.")
                                             .arg(QString::fromLatin1(name.hex()))};
    return insert(name, content, true);
}

Status LocalBlobs::insert(const BlobName &name, const QByteArray &content, bool uploaded)
{
    Result<Statement *> put = m_db.prepare(
        "INSERT INTO sync_blobs(name, size, content, uploaded) VALUES (?1, ?2, ?3, ?4) ON CONFLICT(name) DO NOTHING");
    if (!put)
        return put.error();
    return (*put)
        ->bind(1, name.bytes())
        .bind(2, qint64(content.size()))
        .bind(3, content)
        .bind(4, uploaded ? 1 : 0)
        .run();
}

Result<std::optional<QByteArray>> LocalBlobs::content(const BlobName &name)
{
    Result<std::optional<Stored>> stored = find(name);
    if (!stored)
        return stored.error();
    if (!*stored)
        return std::optional<QByteArray>();
    Result<std::unique_ptr<storage::BlobReader>> read = reader(**stored);
    if (!read)
        return read.error();
    Result<QByteArray> whole = (*read)->read(0, (*read)->size());
    if (!whole)
        return whole.error();
    return std::optional<QByteArray>(std::move(*whole));
}

Result<std::optional<LocalBlobs::Stored>> LocalBlobs::find(const BlobName &name)
{
    Result<Statement *> get = m_db.prepare("SELECT id, size FROM sync_blobs WHERE name = ?1");
    if (!get)
        return get.error();
    (*get)->bind(1, name.bytes());
    Result<bool> row = (*get)->step();
    if (!row)
        return row.error();
    std::optional<Stored> out;
    if (*row)
        out = Stored{(*get)->int64(0), (*get)->int64(1)};
    (*get)->reset();
    return out;
}

Result<std::unique_ptr<storage::BlobReader>> LocalBlobs::reader(const Stored &stored)
{
    return storage::BlobReader::open(m_db, "sync_blobs", "content", stored.row);
}

Result<std::vector<BlobName>> LocalBlobs::waitingForUpload()
{
    Result<Statement *> list = m_db.prepare("SELECT name FROM sync_blobs WHERE uploaded = 0 ORDER BY id");
    if (!list)
        return list.error();
    std::vector<BlobName> out;
    Status listed = (*list)->forEachRow([&](const Statement &row) {
        if (auto name = BlobName::fromBytes(row.blob(0)))
            out.push_back(*name);
    });
    if (!listed)
        return listed.error();
    return out;
}

Status LocalBlobs::markUploaded(const BlobName &name)
{
    Result<Statement *> mark = m_db.prepare("UPDATE sync_blobs SET uploaded = 1 WHERE name = ?1");
    if (!mark)
        return mark.error();
    return (*mark)->bind(1, name.bytes()).run();
}

Status LocalBlobs::forgetUploaded()
{
    return m_db.exec("UPDATE sync_blobs SET uploaded = 0");
}

} // namespace fieldline::sync
