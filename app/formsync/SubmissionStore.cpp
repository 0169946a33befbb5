#include "app/formsync/SubmissionStore.h"

#include "app/formsync/FormTables.h"
#include "storage/Statement.h"

namespace fieldline::formsync {

using storage::Result;
using storage::Status;
using sync::RowId;

namespace {

QString isoText(const QDateTime &moment)
{
    return moment.toUTC().toString(Qt::ISODateWithMs); // UTC, so the text sorts as time does
}

SubmissionHeader headerAt(const storage::Statement &row)
{
    return {RowId::fromBytes(row.blob(0)).value_or(RowId()),
            row.text(1),
            RowId::fromBytes(row.blob(2)).value_or(RowId()),
            row.text(3),
            row.text(4),
            row.text(5),
            row.text(6)};
}

} // namespace

Result<RowId> SubmissionStore::start(const RowId &layout, const QString &form, const QString &owner,
                                     const QDateTime &now)
{
    return m_replica.insert(tables::Submissions, {{QStringLiteral("form"), form},
                                                  {QStringLiteral("layout"), layout.toBytes()},
                                                  {QStringLiteral("status"), status::Draft},
                                                  {QStringLiteral("owner"), owner},
                                                  {QStringLiteral("started_at"), isoText(now)}});
}

Result<SubmissionHeader> SubmissionStore::header(const RowId &submission)
{
    Result<storage::Statement *> query = m_replica.database().prepare(
        "SELECT id, form, layout, status, owner, problem, started_at FROM form_submissions WHERE id = ?");
    if (!query)
        return query.error();
    storage::Statement &row = *query.value();
    row.bind(1, submission.toBytes());
    Result<bool> found = row.step();
    if (!found)
        return found.error();
    if (!found.value())
        return storage::Error{storage::ErrorCode::NotFound, QStringLiteral("There is no such submission."), 0};
    SubmissionHeader out = headerAt(row);
    row.reset();
    return out;
}

Result<std::vector<SubmissionHeader>> SubmissionStore::unfinished(const QString &owner)
{
    Result<storage::Statement *> query =
        m_replica.database().prepare("SELECT id, form, layout, status, owner, problem, started_at FROM form_submissions"
                                     " WHERE owner = ? AND status IS NOT 'final' ORDER BY started_at DESC, id");
    if (!query)
        return query.error();
    query.value()->bind(1, owner);
    std::vector<SubmissionHeader> out;
    const Status read =
        query.value()->forEachRow([&out](const storage::Statement &row) { out.push_back(headerAt(row)); });
    if (!read)
        return read.error();
    return out;
}

Result<StoredCells> SubmissionStore::cells(const RowId &submission)
{
    Result<storage::Statement *> query = m_replica.database().prepare(
        "SELECT path, value, id FROM form_values WHERE id BETWEEN ? AND ? AND submission = ?");
    if (!query)
        return query.error();
    const auto [first, last] = SubmissionCells::range(submission);
    query.value()->bind(1, first.toBytes()).bind(2, last.toBytes()).bind(3, submission.toBytes());
    StoredCells out;
    const Status read = query.value()->forEachRow([&out, &submission](const storage::Statement &row) {
        // A row is the path's only where its id says so; anything else in the range (forged, damaged) is ignored.
        if (row.blob(2) == SubmissionCells::rowId(submission, row.text(0)).toBytes())
            out.insert(row.text(0), row.isNull(1) ? sync::Value() : sync::Value(row.text(1)));
    });
    if (!read)
        return read.error();
    return out;
}

Status SubmissionStore::save(const SubmissionHeader &submission, const StoredCells &before, const StoredCells &after)
{
    const StoredCells changes = SubmissionCells::changed(before, after);
    for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
        if (Status s = put(submission.id, submission.owner, it.key(), it.value()); !s)
            return s;
    }
    for (const QString &rowPath : SubmissionCells::removedRows(before, after)) {
        if (Status s = removeRow(submission.id, rowPath, before); !s)
            return s;
    }
    return {};
}

Status SubmissionStore::finalise(const RowId &submission, const QDateTime &now)
{
    sync::Cells cells;
    cells.emplace_back(QStringLiteral("status"), status::Final);
    // With the device's offset: the server checks the submission on the day the user finalised it (today()).
    cells.emplace_back(QStringLiteral("finalised_at"),
                       now.toOffsetFromUtc(now.offsetFromUtc()).toString(Qt::ISODateWithMs));
    cells.emplace_back(QStringLiteral("problem"), std::monostate());
    return m_replica.update(tables::Submissions, submission, cells);
}

Status SubmissionStore::put(const RowId &submission, const QString &owner, const QString &path,
                            const sync::Value &value)
{
    const RowId row = SubmissionCells::rowId(submission, path);
    Result<sync::RowState> state = m_replica.rowState(tables::Values, row);
    if (!state)
        return state.error();
    if (state->alive())
        return m_replica.update(tables::Values, row, {{QStringLiteral("value"), value}});
    // A deleted value row belongs to a repeat row that was removed (here or on another device, while this form was
    // open): repeat rows get fresh ids, so writing it would only bring back a row someone removed.
    if (state->exists)
        return {};
    sync::Cells cells;
    cells.emplace_back(QStringLiteral("submission"), submission.toBytes());
    cells.emplace_back(QStringLiteral("path"), path);
    cells.emplace_back(QStringLiteral("value"), value);
    cells.emplace_back(QStringLiteral("owner"), owner);
    return m_replica.insert(tables::Values, row, cells);
}

Status SubmissionStore::removeRow(const RowId &submission, const QString &rowPath, const StoredCells &before)
{
    // The row's own record first: once it is gone its fields are not read, whether or not they follow.
    QStringList paths{rowPath};
    const QString fieldPrefix = rowPath + u'/';
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (it.key().startsWith(fieldPrefix))
            paths.append(it.key());
    }
    for (const QString &path : paths) {
        const RowId row = SubmissionCells::rowId(submission, path);
        Result<sync::RowState> state = m_replica.rowState(tables::Values, row);
        if (!state)
            return state.error();
        if (!state->alive())
            continue;
        if (Status s = m_replica.remove(tables::Values, row); !s)
            return s;
    }
    return {};
}

storage::Result<sync::RowId> SubmissionStore::submitFinal(const FilledForm &filled, const QDateTime &now)
{
    storage::Transaction transaction(m_replica.database());
    if (!transaction.begun())
        return transaction.begun().error();
    storage::Result<sync::RowId> started = start(filled.layout, filled.form, filled.owner, now);
    if (!started)
        return started.error();
    storage::Result<SubmissionHeader> submission = header(*started);
    if (!submission)
        return submission.error();
    if (storage::Status saved = save(*submission, {}, filled.cells); !saved)
        return saved.error();
    if (storage::Status finished = finalise(*started, now); !finished)
        return finished.error();
    if (storage::Status committed = transaction.commit(); !committed)
        return committed.error();
    return started;
}

} // namespace fieldline::formsync
