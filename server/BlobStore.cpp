#include "BlobStore.h"

#include "SqlSupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace fieldline::server {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Status;
using sync::BlobName;

namespace {

/** A query on the store's connection, bound to the tenant and the blob's name as its first two parameters. */
QSqlQuery forBlob(const QString &connection, const char *sql, qint64 tenantId, const BlobName &name)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    query.setForwardOnly(true);
    query.prepare(QLatin1String(sql));
    query.addBindValue(tenantId);
    query.addBindValue(name.bytes());
    return query;
}

} // namespace

BlobStore::BlobStore(QString connectionName, const sync::Clock &clock)
    : m_connectionName(std::move(connectionName))
    , m_clock(clock)
{}

Result<BlobStore::State> BlobStore::state(qint64 tenantId, const BlobName &name)
{
    QSqlQuery query =
        forBlob(m_connectionName, "SELECT received, length, complete FROM blobs WHERE tenant_id = ? AND name = ?",
                tenantId, name);
    if (!query.exec())
        return queryError(query, QStringLiteral("Cannot look up an attachment"));
    if (!query.next())
        return State{};
    return State{query.value(0).toLongLong(), query.value(1).toLongLong(), query.value(2).toLongLong() != 0};
}

Result<BlobStore::AppendResult> BlobStore::append(qint64 tenantId, const BlobName &name, qint64 offset, qint64 length,
                                                  const QByteArray &chunk)
{
    if (length <= 0 || length > BlobName::MaxBlobBytes)
        return AppendResult{Appended::TooLarge, {}};
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction tx(db);
    if (!tx.begun())
        return Error{ErrorCode::Busy, QStringLiteral("Cannot start a transaction: ") + db.lastError().text()};
    Result<State> current = state(tenantId, name);
    if (!current)
        return current.error();
    if (current->complete)
        return AppendResult{Appended::Complete, *current}; // the tenant has it: nothing is stored twice
    if (current->length != 0 && current->length != length) {
        // A different size for the same name: the earlier partial upload was not this content.
        if (Status s = discard(tenantId, name); !s)
            return s.error();
        current = State{};
    }
    if (offset != current->received) {
        if (!tx.commit())
            return Error{ErrorCode::Io, QStringLiteral("Cannot commit: ") + db.lastError().text()};
        return AppendResult{Appended::WrongOffset, *current};
    }
    if (offset + chunk.size() > length) {
        if (Status s = discard(tenantId, name); !s)
            return s.error();
        if (!tx.commit())
            return Error{ErrorCode::Io, QStringLiteral("Cannot commit: ") + db.lastError().text()};
        return AppendResult{Appended::WrongContent, {}};
    }

    QSqlQuery upsert = forBlob(m_connectionName,
                               "INSERT INTO blobs (tenant_id, name, length, received, complete, touched_ms)"
                               " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (tenant_id, name)"
                               " DO UPDATE SET received = excluded.received, touched_ms = excluded.touched_ms",
                               tenantId, name);
    upsert.addBindValue(length);
    upsert.addBindValue(offset + chunk.size());
    upsert.addBindValue(m_clock.nowMs());
    QSqlQuery part = forBlob(m_connectionName,
                             "INSERT INTO blob_parts (tenant_id, name, start, data) VALUES (?, ?, ?, ?)"
                             " ON CONFLICT (tenant_id, name, start) DO NOTHING",
                             tenantId, name);
    part.addBindValue(offset);
    part.addBindValue(chunk);
    if (!chunk.isEmpty()) {
        if (!part.exec())
            return queryError(part, QStringLiteral("Cannot store part of an attachment"));
        if (part.numRowsAffected() == 0) {
            // Another request stored this offset after the state was read (the same chunk sent again through another
            // instance on one PostgreSQL): nothing was written here, so the device is told where the upload stands.
            if (!tx.commit())
                return Error{ErrorCode::Io, QStringLiteral("Cannot commit: ") + db.lastError().text()};
            Result<State> now = state(tenantId, name);
            if (!now)
                return now.error();
            if (now->complete || now->received != offset)
                return AppendResult{Appended::WrongOffset, *now};
            // A part nobody's count explains (a store put back by hand): the upload starts again, or the device
            // would be sent back to this offset for ever.
            if (Status s = discard(tenantId, name); !s)
                return s.error();
            return AppendResult{Appended::WrongContent, {}};
        }
    }
    if (!upsert.exec())
        return queryError(upsert, QStringLiteral("Cannot record an attachment"));

    State after{offset + chunk.size(), length, false};
    Appended outcome = Appended::Stored;
    if (after.received == length) {
        Result<bool> matches = verify(tenantId, name);
        if (!matches)
            return matches.error();
        outcome = *matches ? Appended::Complete : Appended::WrongContent;
        after = *matches ? State{length, length, true} : State{};
    }
    if (!tx.commit())
        return Error{ErrorCode::Io, QStringLiteral("Cannot commit an attachment: ") + db.lastError().text()};
    return AppendResult{outcome, after};
}

Result<bool> BlobStore::verify(qint64 tenantId, const BlobName &name)
{
    QSqlQuery parts =
        forBlob(m_connectionName, "SELECT data FROM blob_parts WHERE tenant_id = ? AND name = ? ORDER BY start",
                tenantId, name);
    if (!parts.exec())
        return queryError(parts, QStringLiteral("Cannot read an attachment"));
    sync::BlobHasher hasher;
    while (parts.next())
        hasher.add(parts.value(0).toByteArray());
    if (hasher.name() == name) {
        QSqlQuery done =
            forBlob(m_connectionName, "UPDATE blobs SET complete = 1 WHERE tenant_id = ? AND name = ?", tenantId, name);
        if (!done.exec())
            return queryError(done, QStringLiteral("Cannot complete an attachment"));
        return true;
    }
    if (Status s = discard(tenantId, name); !s)
        return s.error();
    return false;
}

Result<qint64> BlobStore::forgetAbandoned(qint64 tenantId, qint64 idleMs)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction tx(db);
    if (!tx.begun())
        return Error{ErrorCode::Busy, QStringLiteral("Cannot start a transaction: ") + db.lastError().text()};
    const qint64 before = m_clock.nowMs() - idleMs;
    QSqlQuery parts(db);
    parts.prepare(QStringLiteral("DELETE FROM blob_parts WHERE tenant_id = ? AND name IN (SELECT name FROM blobs"
                                 " WHERE tenant_id = ? AND complete = 0 AND touched_ms < ?)"));
    for (const QVariant &value : {QVariant(tenantId), QVariant(tenantId), QVariant(before)})
        parts.addBindValue(value);
    QSqlQuery uploads(db);
    uploads.prepare(QStringLiteral("DELETE FROM blobs WHERE tenant_id = ? AND complete = 0 AND touched_ms < ?"));
    uploads.addBindValue(tenantId);
    uploads.addBindValue(before);
    for (QSqlQuery *query : {&parts, &uploads}) {
        if (!query->exec())
            return queryError(*query, QStringLiteral("Cannot forget abandoned uploads"));
    }
    const qint64 forgotten = uploads.numRowsAffected();
    if (!tx.commit())
        return Error{ErrorCode::Io, QStringLiteral("Cannot commit: ") + db.lastError().text()};
    return forgotten;
}

Status BlobStore::discard(qint64 tenantId, const BlobName &name)
{
    for (const char *sql : {"DELETE FROM blob_parts WHERE tenant_id = ? AND name = ?",
                            "DELETE FROM blobs WHERE tenant_id = ? AND name = ?"}) {
        QSqlQuery query = forBlob(m_connectionName, sql, tenantId, name);
        if (!query.exec())
            return queryError(query, QStringLiteral("Cannot discard an attachment"));
    }
    return {};
}

Result<std::optional<BlobStore::Range>> BlobStore::read(qint64 tenantId, const BlobName &name, qint64 from,
                                                        qint64 maxBytes)
{
    Result<State> current = state(tenantId, name);
    if (!current)
        return current.error();
    if (!current->complete)
        return std::optional<Range>();
    // Exclusive; from + maxBytes could overflow for a range that starts near 2^63.
    const qint64 to = from >= current->length ? from : from + std::min(maxBytes, current->length - from);
    QSqlQuery parts = forBlob(m_connectionName,
                              "SELECT start, data FROM blob_parts WHERE tenant_id = ? AND name = ?"
                              " AND start < ? AND start + length(data) > ? ORDER BY start",
                              tenantId, name);
    parts.addBindValue(to);
    parts.addBindValue(from);
    if (!parts.exec())
        return queryError(parts, QStringLiteral("Cannot read an attachment"));
    Range range{{}, current->length};
    while (parts.next()) {
        const qint64 start = parts.value(0).toLongLong();
        const QByteArray data = parts.value(1).toByteArray();
        const qint64 begin = std::max(from, start) - start;
        const qint64 end = std::min(to, start + data.size()) - start;
        range.bytes += data.mid(begin, end - begin);
    }
    return std::optional<Range>(std::move(range));
}

} // namespace fieldline::server
