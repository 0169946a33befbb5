#pragma once

#include "storage/Error.h"
#include "sync/Clock.h"
#include "sync/blobs/BlobName.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace fieldline::server {

/**
 * A tenant's attachments (docs/protocol.md, "Blobs"), in the tenant store's tables blobs and blob_parts. A blob
 * grows by chunks at the offset the server has reached, so an upload cut off anywhere resumes where it stopped;
 * when the last byte arrives the content is hashed and kept only if it is what its name says. Names are per
 * tenant: whether another tenant holds the same content is never visible. An upload that no chunk reached for
 * AbandonedAfterMs is forgotten by the hourly sweep (a device that comes back starts it again from 0).
 */
class BlobStore
{
public:
    BlobStore(QString connectionName, const sync::Clock &clock);

    static constexpr qint64 AbandonedAfterMs = 7LL * 24 * 3600 * 1000;

    struct State
    {
        qint64 received = 0; ///< bytes held
        qint64 length = 0;   ///< the declared size (0 before the first chunk)
        bool complete = false;
    };

    enum class Appended {
        Stored,       ///< the chunk is kept; more is expected
        Complete,     ///< the blob is whole and checked (or was already: nothing was stored twice)
        WrongOffset,  ///< the chunk does not start where the server is; state.received says where
        WrongContent, ///< more bytes than declared, or a whole that is not what its name says: discarded
        TooLarge,     ///< the declared size is over BlobName::MaxBlobBytes
    };
    struct AppendResult
    {
        Appended outcome = Appended::Stored;
        State state;
    };

    storage::Result<State> state(qint64 tenantId, const sync::BlobName &name);
    /** Adds @p chunk at @p offset of a blob of @p length bytes, in one transaction. */
    storage::Result<AppendResult> append(qint64 tenantId, const sync::BlobName &name, qint64 offset, qint64 length,
                                         const QByteArray &chunk);

    struct Range
    {
        QByteArray bytes;
        qint64 length = 0; ///< of the whole blob
    };
    /** Up to @p maxBytes from @p from of a complete blob; nullopt when the tenant has no complete blob so named. */
    storage::Result<std::optional<Range>> read(qint64 tenantId, const sync::BlobName &name, qint64 from,
                                               qint64 maxBytes);
    /**
     * Forgets the tenant's incomplete uploads that no chunk reached for @p idleMs (uploads from before the server
     * recorded that count as idle since ever); how many.
     */
    storage::Result<qint64> forgetAbandoned(qint64 tenantId, qint64 idleMs = AbandonedAfterMs);

private:
    /** Checks the whole blob against its name; false (and everything discarded) when it does not match. */
    storage::Result<bool> verify(qint64 tenantId, const sync::BlobName &name);
    storage::Status discard(qint64 tenantId, const sync::BlobName &name);

    QString m_connectionName;
    const sync::Clock &m_clock;
};

} // namespace fieldline::server
