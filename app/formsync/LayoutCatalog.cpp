#include "app/formsync/LayoutCatalog.h"

#include "app/formsync/FormTables.h"
#include "sync/Replica.h"

#include <algorithm>
#include <map>

namespace fieldline::formsync {

using storage::Result;

namespace {

QString textOf(const sync::Value &value)
{
    const QString *text = std::get_if<QString>(&value);
    return text ? *text : QString();
}

} // namespace

LayoutRecord LayoutRecord::fromState(const sync::RowId &id, const sync::RowState &state)
{
    const sync::Value version = state.valueOf(QStringLiteral("version"));
    const qint64 *number = std::get_if<qint64>(&version);
    return {id,
            textOf(state.valueOf(QStringLiteral("form"))),
            number ? *number : 0,
            textOf(state.valueOf(QStringLiteral("title"))),
            textOf(state.valueOf(QStringLiteral("status"))),
            textOf(state.valueOf(QStringLiteral("body"))).toUtf8()};
}

void LayoutRecord::sort(std::vector<LayoutRecord> &records)
{
    std::sort(records.begin(), records.end(), [](const LayoutRecord &a, const LayoutRecord &b) {
        return std::tie(a.form, a.version) < std::tie(b.form, b.version);
    });
}

bool LayoutRecord::isRetired() const
{
    return status == status::Retired;
}

forms::LayoutReader::Result LayoutRecord::read() const
{
    return forms::LayoutReader::read(body, forms::LayoutJson::Mode::Render);
}

Result<std::vector<LayoutRecord>> LayoutCatalog::all()
{
    auto rows = m_replica.rows(tables::Layouts);
    if (!rows)
        return rows.error();
    std::vector<LayoutRecord> out;
    for (const auto &[id, causalLength] : rows.value()) {
        if (causalLength % 2 == 0)
            continue;
        Result<sync::RowState> state = m_replica.rowState(tables::Layouts, id);
        if (!state)
            return state.error();
        out.push_back(LayoutRecord::fromState(id, *state));
    }
    LayoutRecord::sort(out);
    return out;
}

Result<std::vector<LayoutRecord>> LayoutCatalog::startable()
{
    Result<std::vector<LayoutRecord>> records = all();
    if (!records)
        return records.error();
    return newestOfEach(*records);
}

Result<LayoutRecord> LayoutCatalog::record(const sync::RowId &id)
{
    Result<sync::RowState> state = m_replica.rowState(tables::Layouts, id);
    if (!state)
        return state.error();
    if (!state->alive())
        return storage::Error{storage::ErrorCode::NotFound,
                              QStringLiteral("This form's layout has not reached this device yet; sync, then try "
                                             "again."),
                              0};
    return LayoutRecord::fromState(id, *state);
}

std::vector<LayoutRecord> LayoutCatalog::newestOfEach(const std::vector<LayoutRecord> &records)
{
    std::map<QString, const LayoutRecord *> newest;
    for (const LayoutRecord &record : records) {
        const LayoutRecord *&slot = newest[record.form];
        if (!slot || record.version > slot->version)
            slot = &record;
    }
    std::vector<LayoutRecord> out;
    for (const auto &[form, record] : newest) {
        if (!record->isRetired())
            out.push_back(*record);
    }
    return out;
}

} // namespace fieldline::formsync
