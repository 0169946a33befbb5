#include "sync/SyncStateStore.h"

#include <QUrl>

#include <functional>

namespace fieldline::sync {

using storage::Error;
using storage::ErrorCode;
using storage::Result;
using storage::Statement;
using storage::Status;

SyncStateStore::SyncStateStore(storage::Database &db)
    : m_db(db)
{}

Status SyncStateStore::createTables()
{
    return m_db.exec("CREATE TABLE IF NOT EXISTS sync_state(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
                     "CREATE TABLE IF NOT EXISTS sync_outbox(batch_seq INTEGER PRIMARY KEY, body BLOB NOT NULL);");
}

Result<Statement *> SyncStateStore::find(const char *key)
{
    Result<Statement *> get = m_db.prepare("SELECT value FROM sync_state WHERE key = ?1");
    if (!get)
        return get.error();
    (*get)->bind(1, QString::fromLatin1(key));
    Result<bool> row = (*get)->step();
    if (!row)
        return row.error();
    if (*row)
        return *get;
    (*get)->reset();
    return static_cast<Statement *>(nullptr);
}

Status SyncStateStore::store(const char *key, const std::function<void(Statement &, int)> &bindValue)
{
    Result<Statement *> set = m_db.prepare("INSERT OR REPLACE INTO sync_state(key, value) VALUES (?1, ?2)");
    if (!set)
        return set.error();
    (*set)->bind(1, QString::fromLatin1(key));
    bindValue(**set, 2);
    return (*set)->run();
}

Result<qint64> SyncStateStore::number(const char *key)
{
    Result<Statement *> found = find(key);
    if (!found)
        return found.error();
    const qint64 value = *found ? (*found)->int64(0) : 0;
    if (*found)
        (*found)->reset();
    return value;
}

Result<SyncStateStore::Answered> SyncStateStore::answered()
{
    Result<Statement *> get = m_db.prepare("SELECT (SELECT value FROM sync_state WHERE key = 'answered_batch'),"
                                           " (SELECT value FROM sync_state WHERE key = 'checked_batch'),"
                                           " (SELECT value FROM sync_state WHERE key = 'answered_cursor')");
    if (!get)
        return get.error();
    Result<bool> row = (*get)->step();
    if (!row)
        return row.error();
    const Answered answered{(*get)->int64(0), (*get)->int64(1), (*get)->int64(2)}; // NULL (never set) reads 0
    (*get)->reset();
    return answered;
}

Status SyncStateStore::setNumber(const char *key, qint64 value)
{
    return store(key, [value](Statement &stmt, int index) { stmt.bind(index, value); });
}

Result<QString> SyncStateStore::text(const char *key)
{
    Result<Statement *> found = find(key);
    if (!found)
        return found.error();
    const QString value = *found ? (*found)->text(0) : QString();
    if (*found)
        (*found)->reset();
    return value;
}

Status SyncStateStore::setText(const char *key, const QString &value)
{
    return store(key, [&value](Statement &stmt, int index) { stmt.bind(index, value); });
}

Result<SyncStateStore::Account> SyncStateStore::account()
{
    Account account;
    for (auto [key, field] : {std::pair{"server_url", &account.serverUrl}, std::pair{"tenant", &account.tenant},
                              std::pair{"user", &account.user}, std::pair{"role", &account.role}}) {
        Result<QString> value = text(key);
        if (!value)
            return value.error();
        *field = *value;
    }
    Result<QString> token = text("token");
    if (!token)
        return token.error();
    account.token = token->toLatin1();
    return account;
}

bool SyncStateStore::Account::sameIdentity(const Account &other) const
{
    const auto server = [](const QString &url) {
        QUrl normal(url);
        QString path = normal.path();
        while (path.endsWith(u'/'))
            path.chop(1);
        normal.setPath(path); // "https://host", "https://host/" and "https://host//" name one server
        return normal;
    };
    return server(serverUrl) == server(other.serverUrl) && tenant == other.tenant && user == other.user;
}

Status SyncStateStore::saveAccount(const Account &account)
{
    storage::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    Result<Account> before = this->account();
    if (!before)
        return before.error();
    if (before->isBound() && !before->sameIdentity(account))
        return Error{ErrorCode::Constraint,
                     QStringLiteral("This profile belongs to %1 in %2 at %3; another account needs another profile.")
                         .arg(before->user, before->tenant, before->serverUrl)};
    for (auto [key, value] : {std::pair{"server_url", account.serverUrl}, std::pair{"tenant", account.tenant},
                              std::pair{"user", account.user}, std::pair{"token", QString::fromLatin1(account.token)},
                              std::pair{"role", account.role}}) {
        if (Status s = setText(key, value); !s)
            return s;
    }
    return tx.commit();
}

Status SyncStateStore::clearToken()
{
    return setText("token", QString());
}

Result<std::vector<std::pair<qint64, QByteArray>>> SyncStateStore::outbox()
{
    Result<Statement *> list = m_db.prepare("SELECT batch_seq, body FROM sync_outbox ORDER BY batch_seq");
    if (!list)
        return list.error();
    std::vector<std::pair<qint64, QByteArray>> batches;
    Status listed = (*list)->forEachRow([&](const Statement &row) { batches.emplace_back(row.int64(0), row.blob(1)); });
    if (!listed)
        return listed.error();
    return batches;
}

Result<std::optional<std::pair<qint64, QByteArray>>> SyncStateStore::outboxFront()
{
    Result<Statement *> first = m_db.prepare("SELECT batch_seq, body FROM sync_outbox ORDER BY batch_seq LIMIT 1");
    if (!first)
        return first.error();
    std::optional<std::pair<qint64, QByteArray>> front;
    Status read = (*first)->forEachRow([&](const Statement &row) { front.emplace(row.int64(0), row.blob(1)); });
    if (!read)
        return read.error();
    return front;
}

Result<qint64> SyncStateStore::nextBatchSeq()
{
    Result<qint64> last = number("last_batch_seq");
    if (!last)
        return last.error();
    return *last + 1;
}

Status SyncStateStore::enqueue(const std::vector<QByteArray> &encodedBatches, qint64 coversSeq, qint64 firstBatchSeq)
{
    storage::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    qint64 seq = firstBatchSeq;
    for (const QByteArray &body : encodedBatches) {
        if (Status s = insertBatch(seq++, body); !s)
            return s;
    }
    if (Status s = setNumber("last_batch_seq", seq - 1); !s)
        return s;
    if (Status s = setNumber("outbox_covers", coversSeq); !s)
        return s;
    return tx.commit();
}

Status SyncStateStore::batchAnswered(qint64 batchSeq, qint64 serverCursor)
{
    storage::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    if (Status s = removeBatch(batchSeq); !s)
        return s;
    if (Status s = noteAnswered(batchSeq, serverCursor); !s)
        return s;
    return tx.commit();
}

Status SyncStateStore::batchDeferred(qint64 batchSeq, const QByteArray &retryBatch, qint64 retrySeq,
                                     qint64 serverCursor)
{
    storage::Transaction tx(m_db);
    if (!tx.begun())
        return tx.begun();
    if (Status s = insertBatch(retrySeq, retryBatch); !s)
        return s;
    if (Status s = setNumber("last_batch_seq", retrySeq); !s)
        return s;
    if (Status s = removeBatch(batchSeq); !s)
        return s;
    if (Status s = noteAnswered(batchSeq, serverCursor); !s)
        return s;
    return tx.commit();
}

Status SyncStateStore::insertBatch(qint64 batchSeq, const QByteArray &body)
{
    Result<Statement *> insert = m_db.prepare("INSERT INTO sync_outbox(batch_seq, body) VALUES (?1, ?2)");
    if (!insert)
        return insert.error();
    return (*insert)->bind(1, batchSeq).bind(2, body).run();
}

Status SyncStateStore::removeBatch(qint64 batchSeq)
{
    Result<Statement *> remove = m_db.prepare("DELETE FROM sync_outbox WHERE batch_seq = ?1");
    if (!remove)
        return remove.error();
    if (Status s = (*remove)->bind(1, batchSeq).run(); !s)
        return s;
    Result<qint64> left = m_db.queryInt("SELECT count(*) FROM sync_outbox");
    if (!left)
        return left.error();
    if (*left == 0) {
        Result<qint64> covers = number("outbox_covers");
        if (!covers)
            return covers.error();
        if (Status s = setNumber("pushed_seq", *covers); !s)
            return s;
    }
    return {};
}

Status SyncStateStore::noteAnswered(qint64 batchSeq, qint64 serverCursor)
{
    Result<qint64> cursor = answeredCursor();
    if (!cursor)
        return cursor.error();
    if (serverCursor > *cursor) {
        if (Status s = setNumber("answered_cursor", serverCursor); !s)
            return s;
    }
    // The batches before the first one answered by this build were answered under builds that did not keep them:
    // counted as checked, as those builds did.
    Result<Statement *> checked = find("checked_batch");
    if (!checked)
        return checked.error();
    if (*checked)
        (*checked)->reset();
    else if (Status s = setNumber("checked_batch", batchSeq - 1); !s)
        return s;
    return setNumber("answered_batch", batchSeq);
}

Status SyncStateStore::forgetPushed()
{
    // The outbox's cover too: else the queued batches, once answered, would set pushed_seq back to it.
    if (Status s = setNumber("outbox_covers", 0); !s)
        return s;
    // Only once a batch was answered under this build: before that, noteAnswered() has yet to mark the older ones.
    Result<qint64> answered = answeredBatch();
    if (!answered)
        return answered.error();
    if (*answered > 0) {
        if (Status s = setNumber("checked_batch", *answered); !s)
            return s;
    }
    if (Status s = setNumber("answered_cursor", 0); !s) // the restored server numbers from its own newest again
        return s;
    return setNumber("pushed_seq", 0);
}

} // namespace fieldline::sync
