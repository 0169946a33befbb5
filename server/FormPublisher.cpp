#include "FormPublisher.h"

#include "SyncStore.h"
#include "app/forms/LayoutReader.h"
#include "app/formsync/FormTables.h"
#include "sync/HybridLogicalClock.h"
#include "sync/protocol/ProtocolCodec.h"

#include <algorithm>

namespace fieldline::server {

// A layout's JSON is one cell of a pull page: devices must be able to read the biggest one published.
static_assert(forms::LayoutReader::MaxBytes <= sync::protocol::Limits::MaxCellBytes);

using formsync::LayoutRecord;
using storage::Result;
using sync::Change;
using sync::Stamp;

namespace {

/** An hlc newer than every stamp in @p rows, so the server's write wins over what it replaces. */
qint64 nextHlc(const std::vector<SyncStore::StoredRow> &rows, const sync::Clock &clock)
{
    qint64 newest = 0;
    for (const SyncStore::StoredRow &row : rows)
        newest = std::max(newest, row.state.newestHlc());
    sync::HybridLogicalClock hlc(clock, newest);
    return hlc.tick();
}

} // namespace

sync::SiteId FormPublisher::site()
{
    return *sync::SiteId::fromBytes(QByteArrayLiteral("fieldline-layout"));
}

Result<FormPublisher::Outcome> FormPublisher::publish(qint64 tenantId, const QByteArray &json)
{
    Outcome out;
    forms::LayoutReader::Result read = forms::LayoutReader::read(json, forms::LayoutJson::Mode::Publish);
    if (!read.layout) {
        out.problems = std::move(read.problems);
        return out;
    }
    const forms::Layout &layout = *read.layout;
    auto stored = m_sync.rows(tenantId, formsync::tables::Layouts);
    if (!stored)
        return stored.error();
    qint64 newest = 0;
    for (const SyncStore::StoredRow &row : *stored) {
        const LayoutRecord record = LayoutRecord::fromState(row.id, row.state);
        if (!row.state.alive() || record.form != layout.id)
            continue;
        newest = std::max(newest, record.version);
        if (record.version == layout.version) {
            out.record = record;
            out.kind = record.body == json ? Outcome::Kind::Unchanged : Outcome::Kind::Conflict;
        }
    }
    if (out.kind == Outcome::Kind::Unchanged)
        return out;
    if (out.kind == Outcome::Kind::Conflict || layout.version < newest) {
        out.kind = Outcome::Kind::Conflict;
        out.message = QStringLiteral("Form %1 already has version %2; publish this layout as version %3.")
                          .arg(layout.id)
                          .arg(newest)
                          .arg(newest + 1);
        return out;
    }

    const qint64 now = nextHlc(*stored, m_clock);
    out.record = {formsync::layoutRowId(layout.id, layout.version),
                  layout.id,
                  layout.version,
                  layout.title.text(QStringLiteral("en")),
                  formsync::status::Published,
                  json};
    const Stamp stamp{1, now, site()};
    const QString &table = formsync::tables::Layouts;
    const sync::RowId &id = out.record.id;
    const QString publishedAt = QDateTime::fromMSecsSinceEpoch(m_clock.nowMs(), Qt::UTC).toString(Qt::ISODate);
    const sync::ChangeBatch changes{
        Change{table, id, QString(), {}, stamp, 0},
        Change{table, id, QStringLiteral("form"), layout.id, stamp, 0},
        Change{table, id, QStringLiteral("version"), qint64(layout.version), stamp, 0},
        Change{table, id, QStringLiteral("title"), out.record.title, stamp, 0},
        Change{table, id, QStringLiteral("body"), QString::fromUtf8(json), stamp, 0},
        Change{table, id, QStringLiteral("status"), out.record.status, stamp, 0},
        Change{table, id, QStringLiteral("published_at"), publishedAt, stamp, 0},
    };
    auto cursor = m_sync.writeAsServer(tenantId, changes);
    if (!cursor)
        return cursor.error();
    out.kind = Outcome::Kind::Published;
    out.cursor = *cursor;
    return out;
}

Result<std::vector<LayoutRecord>> FormPublisher::versions(qint64 tenantId)
{
    auto stored = m_sync.rows(tenantId, formsync::tables::Layouts);
    if (!stored)
        return stored.error();
    std::vector<LayoutRecord> out;
    for (const SyncStore::StoredRow &row : *stored) {
        if (row.state.alive())
            out.push_back(LayoutRecord::fromState(row.id, row.state));
    }
    LayoutRecord::sort(out);
    return out;
}

Result<std::optional<LayoutRecord>> FormPublisher::version(qint64 tenantId, const QString &form, qint64 version)
{
    const sync::RowId id = formsync::layoutRowId(form, version);
    auto stored = m_sync.rows(tenantId, formsync::tables::Layouts, id, id);
    if (!stored)
        return stored.error();
    if (stored->empty() || !stored->front().state.alive())
        return std::optional<LayoutRecord>();
    return std::optional<LayoutRecord>(LayoutRecord::fromState(id, stored->front().state));
}

Result<std::pair<qint64, qint64>> FormPublisher::retire(qint64 tenantId, const QString &form)
{
    auto stored = m_sync.rows(tenantId, formsync::tables::Layouts);
    if (!stored)
        return stored.error();
    const qint64 now = nextHlc(*stored, m_clock);
    sync::ChangeBatch changes;
    bool known = false;
    for (const SyncStore::StoredRow &row : *stored) {
        const LayoutRecord record = LayoutRecord::fromState(row.id, row.state);
        if (!row.state.alive() || record.form != form)
            continue;
        known = true;
        if (!record.isRetired())
            changes.push_back(Change{formsync::tables::Layouts, row.id, QStringLiteral("status"),
                                     formsync::status::Retired, Stamp{row.state.stamp.cl, now, site()}, 0});
    }
    if (!known)
        return storage::Error{storage::ErrorCode::NotFound, QStringLiteral("There is no form %1.").arg(form), 0};
    if (changes.empty()) {
        auto cursor = m_sync.cursor(tenantId);
        if (!cursor)
            return cursor.error();
        return std::pair<qint64, qint64>{0, *cursor};
    }
    auto cursor = m_sync.writeAsServer(tenantId, changes);
    if (!cursor)
        return cursor.error();
    return std::pair<qint64, qint64>{qint64(changes.size()), *cursor};
}

} // namespace fieldline::server
