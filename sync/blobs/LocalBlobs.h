#pragma once

#include "storage/BlobReader.h"
#include "storage/Database.h"
#include "storage/Error.h"
#include "sync/blobs/BlobName.h"

#include <QByteArray>

#include <memory>
#include <optional>
#include <vector>

namespace fieldline::sync {

/**
 * Attachments on this device (photos, signatures, PDFs), kept in its encrypted store like everything else: content
 * by name, and which blobs still wait to be uploaded. A cell refers to a blob by its name; the sync client uploads
 * every waiting blob before it pushes the changes that may refer to them, so no device receives a name whose
 * content the server does not have, unless the server refused that blob (BlobTransfer sets it aside).
 */
class LocalBlobs
{
public:
    explicit LocalBlobs(storage::Database &db);

    storage::Status createTables();

    /** Keeps @p content (the same content twice is one blob) and returns its name; it waits for upload. */
    storage::Result<BlobName> add(const QByteArray &content);
    /** Keeps content that came from the server, after checking that it is what @p name says (else Invalid). */
    storage::Status addDownloaded(const BlobName &name, const QByteArray &content)
    {
        return addDownloaded(name, content, BlobName::of(content));
    }
    /** The same, with @p hashed the name @p content was found to have as it arrived (BlobHasher). */
    storage::Status addDownloaded(const BlobName &name, const QByteArray &content, const BlobName &hashed);
    /** The blob's content, or nullopt when this device does not have it. */
    storage::Result<std::optional<QByteArray>> content(const BlobName &name);

    /** Where a blob's content is kept here, to read it a part at a time. */
    struct Stored
    {
        qint64 row = 0;
        qint64 size = 0;
    };
    /** Where @p name is kept, or nullopt when this device does not have it; reads none of its content. */
    storage::Result<std::optional<Stored>> find(const BlobName &name);
    /** Reads a stored blob's content a part at a time; keep it for one transfer (see BlobReader). */
    storage::Result<std::unique_ptr<storage::BlobReader>> reader(const Stored &stored);
    /** Blobs added here that the server has not confirmed yet, oldest first. */
    storage::Result<std::vector<BlobName>> waitingForUpload();
    storage::Status markUploaded(const BlobName &name);
    /** Every blob here waits for upload again, downloaded ones too: the server lost what it had (a restore). */
    storage::Status forgetUploaded();

private:
    storage::Status insert(const BlobName &name, const QByteArray &content, bool uploaded);

    storage::Database &m_db;
};

} // namespace fieldline::sync
