#include "ContactEdits.h"

#include <array>

namespace fieldline::loadgen {

namespace {

const std::array<QString, 6> Columns{QStringLiteral("first_name"), QStringLiteral("last_name"),
                                     QStringLiteral("company"),    QStringLiteral("phone"),
                                     QStringLiteral("time_zone"),  QStringLiteral("notes")};
const QString Table = QStringLiteral("contacts");
constexpr size_t RowsPerDevice = 50; // each device keeps editing the contacts it created, like a territory

} // namespace

ContactEdits::ContactEdits(sync::SiteId site, quint32 seed, const sync::Clock &clock)
    : m_site(site)
    , m_clock(clock)
    , m_random(seed)
{}

sync::Change ContactEdits::cell(const sync::RowId &row, const QString &column, qint64 hlc)
{
    sync::Value value;
    if (column == QLatin1String("phone"))
        value = sync::Value(QStringLiteral("+4930%1").arg(m_random() % 10'000'000, 7, 10, QLatin1Char('0')));
    else if (column == QLatin1String("time_zone"))
        value = sync::Value(QStringLiteral("Europe/Berlin"));
    else
        value = sync::Value(QStringLiteral("%1 %2").arg(column).arg(m_random() % 100'000));
    return sync::Change{Table, row, column, value, sync::Stamp{1, hlc, m_site}, ++m_changeSeq};
}

sync::protocol::PushRequest ContactEdits::next()
{
    sync::protocol::PushRequest request{m_site, ++m_batchSeq, SchemaVersion, {}};
    const qint64 hlc = m_clock.tick();
    const bool create = m_rows.size() < RowsPerDevice && (m_rows.empty() || m_random() % 4 == 0);
    sync::RowId row;
    if (create) {
        row = sync::RowId::generate();
        m_rows.push_back(row);
        request.changes.push_back(sync::Change{Table, row, QString(), {}, sync::Stamp{1, hlc, m_site}, ++m_changeSeq});
    } else {
        row = m_rows[m_random() % m_rows.size()];
    }
    // 1-5 distinct columns, picked by a partial shuffle.
    std::array<int, Columns.size()> order{0, 1, 2, 3, 4, 5};
    const int cells = 1 + int(m_random() % 5);
    for (int i = 0; i < cells; ++i) {
        std::swap(order[size_t(i)], order[size_t(i) + m_random() % (order.size() - size_t(i))]);
        request.changes.push_back(cell(row, Columns[size_t(order[size_t(i)])], hlc));
    }
    return request;
}

} // namespace fieldline::loadgen
