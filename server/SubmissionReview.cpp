#include "SubmissionReview.h"

#include "SyncStore.h"
#include "app/formsync/FormTables.h"
#include "app/formsync/SubmissionCheck.h"
#include "sync/HybridLogicalClock.h"

#include <QLoggingCategory>

#include <set>

Q_LOGGING_CATEGORY(lcReview, "fieldline.server.forms")

namespace fieldline::server {

using formsync::StoredCells;
using storage::Result;
using sync::RowId;

namespace {

bool finalises(const sync::Change &change)
{
    return change.table == formsync::tables::Submissions && change.column == QLatin1String("status") &&
           change.value == sync::Value(formsync::status::Final);
}

sync::SiteId reviewSite()
{
    return *sync::SiteId::fromBytes(QByteArrayLiteral("fieldline-review"));
}

} // namespace

void SubmissionReview::Candidates::add(const sync::ChangeBatch &changes)
{
    for (const sync::Change &change : changes) {
        if (finalises(change))
            finalised.insert(change.row);
        else if (change.table == formsync::tables::Values)
            editedPrefixes.insert(change.row.toBytes().left(8));
    }
}

void SubmissionReview::Candidates::add(const Candidates &other)
{
    finalised.insert(other.finalised.begin(), other.finalised.end());
    editedPrefixes.insert(other.editedPrefixes.begin(), other.editedPrefixes.end());
}

Result<std::optional<qint64>> SubmissionReview::review(qint64 tenantId, const sync::ChangeBatch &changes)
{
    Candidates candidates;
    candidates.add(changes);
    Result<std::optional<qint64>> reviewed = review(tenantId, candidates);
    if (!reviewed)
        m_pending[tenantId].add(candidates);
    else
        m_unannounced.erase(tenantId); // the push that called this announces its own cursor
    return reviewed;
}

void SubmissionReview::retryLater(qint64 tenantId, const sync::ChangeBatch &changes)
{
    m_pending[tenantId].add(changes);
}

std::vector<std::pair<qint64, qint64>> SubmissionReview::retry()
{
    std::vector<std::pair<qint64, qint64>> moved;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        // Under row-level security a connection still scoped to the last request's tenant would see none of this
        // tenant's rows, and the review would pass for want of anything to check.
        storage::Status entered = m_enterTenant(it->first);
        Result<std::optional<qint64>> reviewed =
            entered ? review(it->first, it->second) : Result<std::optional<qint64>>(entered.error());
        if (!reviewed) {
            qCWarning(lcReview).noquote()
                << QStringLiteral("review of tenant %1 failed again: %2").arg(it->first).arg(reviewed.message());
            ++it;
            continue;
        }
        // Submissions returned before an earlier attempt failed are announced too: they are no longer final, so
        // this attempt did not return them again.
        std::optional<qint64> cursor = *reviewed;
        if (auto unannounced = m_unannounced.find(it->first); unannounced != m_unannounced.end()) {
            cursor = std::max(cursor.value_or(0), unannounced->second);
            m_unannounced.erase(unannounced);
        }
        if (cursor)
            moved.emplace_back(it->first, *cursor);
        it = m_pending.erase(it);
    }
    return moved;
}

size_t SubmissionReview::pending() const
{
    size_t count = 0;
    for (const auto &[tenant, candidates] : m_pending)
        count += candidates.size();
    return count;
}

Result<std::optional<qint64>> SubmissionReview::review(qint64 tenantId, const Candidates &candidates)
{
    std::set<RowId> finalised = candidates.finalised;
    // A value changed after its submission was final (a second device still had the draft open) is checked too.
    for (const QByteArray &prefix : candidates.editedPrefixes) {
        const QByteArray low = prefix + QByteArray(RowId::Size - prefix.size(), '\0');
        const QByteArray high = prefix + QByteArray(RowId::Size - prefix.size(), '\xff');
        auto submissions =
            m_sync.rows(tenantId, formsync::tables::Submissions, *RowId::fromBytes(low), *RowId::fromBytes(high));
        if (!submissions)
            return submissions.error();
        for (const SyncStore::StoredRow &row : *submissions) {
            if (row.state.alive() &&
                row.state.valueOf(QStringLiteral("status")) == sync::Value(formsync::status::Final))
                finalised.insert(row.id);
        }
    }
    std::optional<qint64> cursor;
    for (const RowId &submission : finalised) {
        auto rows = m_sync.rows(tenantId, formsync::tables::Submissions, submission, submission);
        if (!rows)
            return rows.error();
        if (rows->empty() || !rows->front().state.alive())
            continue;
        const sync::RowState &state = rows->front().state;
        Result<QString> problems = problemsOf(tenantId, submission, state);
        if (!problems)
            return problems.error();
        if (problems->isEmpty())
            continue;
        sync::HybridLogicalClock hlc(m_clock, state.newestHlc());
        const sync::Stamp stamp{state.stamp.cl, hlc.tick(), reviewSite()};
        const QString &table = formsync::tables::Submissions;
        const sync::ChangeBatch returned{
            sync::Change{table, submission, QStringLiteral("status"), formsync::status::Returned, stamp, 0},
            sync::Change{table, submission, QStringLiteral("problem"), *problems, stamp, 0},
        };
        auto written = m_sync.writeAsServer(tenantId, returned);
        if (!written)
            return written.error();
        cursor = *written;
        m_unannounced[tenantId] = *written; // until the review ends and its caller tells the devices
        qCInfo(lcReview).noquote() << QStringLiteral("returned submission %1 of tenant %2: %3")
                                          .arg(submission.toHex())
                                          .arg(tenantId)
                                          .arg(QString(*problems).replace(u'\n', QLatin1String("; ")));
    }
    return cursor;
}

Result<QString> SubmissionReview::problemsOf(qint64 tenantId, const RowId &submission, const sync::RowState &state)
{
    if (state.valueOf(QStringLiteral("status")) != sync::Value(formsync::status::Final))
        return QString();
    const std::optional<RowId> layoutId = [&state]() -> std::optional<RowId> {
        const sync::Value layout = state.valueOf(QStringLiteral("layout"));
        const QByteArray *bytes = std::get_if<QByteArray>(&layout);
        return bytes ? RowId::fromBytes(*bytes) : std::nullopt;
    }();
    if (!layoutId)
        return QStringLiteral("The submission does not name the layout version it was filled in.");
    auto layouts = m_sync.rows(tenantId, formsync::tables::Layouts, *layoutId, *layoutId);
    if (!layouts)
        return layouts.error();
    if (layouts->empty() || !layouts->front().state.alive())
        return QStringLiteral("The layout version this submission was filled in is not published here.");
    const formsync::LayoutRecord record = formsync::LayoutRecord::fromState(*layoutId, layouts->front().state);

    const auto [first, last] = formsync::SubmissionCells::range(submission);
    auto values = m_sync.rows(tenantId, formsync::tables::Values, first, last);
    if (!values)
        return values.error();
    StoredCells cells;
    for (const SyncStore::StoredRow &row : *values) {
        const sync::Value path = row.state.valueOf(QStringLiteral("path"));
        const QString *text = std::get_if<QString>(&path);
        if (row.state.alive() && text && row.id == formsync::SubmissionCells::rowId(submission, *text) &&
            row.state.valueOf(QStringLiteral("submission")) == sync::Value(submission.toBytes()))
            cells.insert(*text, row.state.valueOf(QStringLiteral("value")));
    }
    const auto text = [&state](const char *column) {
        const sync::Value value = state.valueOf(QLatin1String(column));
        const QString *found = std::get_if<QString>(&value);
        return found ? *found : QString();
    };
    const QDateTime at = formsync::SubmissionCheck::checkedAt(text("finalised_at"), text("started_at"),
                                                              QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC));
    return formsync::SubmissionCheck::summary(formsync::SubmissionCheck::problems(record, cells, at));
}

} // namespace fieldline::server
