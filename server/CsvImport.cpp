#include "CsvImport.h"

#include "sync/HybridLogicalClock.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace fieldline::server {

using sync::Change;
using sync::RowId;
using sync::RowState;
using sync::Stamp;

namespace {

std::optional<RowId> parseRowId(const QString &text)
{
    static const QRegularExpression hex(QStringLiteral("^[0-9A-Fa-f]{32}$"));
    if (!hex.match(text).hasMatch())
        return std::nullopt;
    return RowId::fromBytes(QByteArray::fromHex(text.toLatin1()));
}

} // namespace

sync::SiteId CsvImport::importSite()
{
    return *sync::SiteId::fromBytes(QByteArrayLiteral("fieldline-import"));
}

CsvImport::CsvImport(const ImportTable &table, const CellParser &cells)
    : m_table(table)
    , m_cells(cells)
{}

bool CsvImport::check(const CsvDocument &document)
{
    m_problems = document.problems;
    if (document.tooLarge)
        return false;
    if (document.records.empty()) {
        problem(1, QStringLiteral("the file is empty; its first line names the columns, such as %1")
                       .arg(m_table.columnList()));
        return false;
    }
    // A header the reader could not read leaves the next line posing as the header: stop at the reader's words.
    const CsvRecord &header = document.records.front();
    const bool headerUnreadable =
        std::any_of(m_problems.cbegin(), m_problems.cend(), [&](const CsvProblem &p) { return p.line <= header.line; });
    if (headerUnreadable || !checkHeader(header)) {
        sortProblems();
        return false;
    }
    for (size_t i = 1; i < document.records.size(); ++i)
        checkRecord(document.records[i]);
    sortProblems();
    return m_problems.empty();
}

void CsvImport::sortProblems()
{
    // The reader's problems and the table's come from two passes; an admin reads them in line order.
    std::stable_sort(m_problems.begin(), m_problems.end(),
                     [](const CsvProblem &a, const CsvProblem &b) { return a.line < b.line; });
}

bool CsvImport::checkHeader(const CsvRecord &header)
{
    const qsizetype before = qsizetype(m_problems.size());
    // Spreadsheets in many locales save "CSV" with semicolons or tabs; one clear sentence beats "unknown column".
    if (header.fields.size() == 1) {
        for (const QChar separator : {u';', u'\t'}) {
            if (header.fields.front().contains(separator)) {
                problem(header.line,
                        QStringLiteral("the columns are separated by %1, not commas; save the file as "
                                       "CSV with commas (UTF-8)")
                            .arg(separator == u';' ? QStringLiteral("semicolons") : QStringLiteral("tabs")));
                return false;
            }
        }
    }
    QSet<QString> seen;
    for (const QString &field : header.fields) {
        // Spreadsheet users write "Phone" or "phone "; the names themselves are fixed.
        const QString name = field.trimmed().toLower();
        if (seen.contains(name))
            problem(header.line, QStringLiteral("the column '%1' appears twice").arg(name));
        seen.insert(name);
        if (name == idColumnName()) {
            m_columns.push_back(nullptr);
            continue;
        }
        const ImportColumn *column = m_table.column(name);
        if (!column)
            problem(header.line, QStringLiteral("unknown column '%1'; %2 has the columns %3")
                                     .arg(field.trimmed(), m_table.name, m_table.columnList()));
        m_columns.push_back(column);
    }
    for (const ImportColumn &column : m_table.columns) {
        if (column.required && !seen.contains(column.name))
            problem(header.line, QStringLiteral("the required column '%1' is missing").arg(column.name));
    }
    return qsizetype(m_problems.size()) == before;
}

void CsvImport::checkRecord(const CsvRecord &record)
{
    if (record.fields.size() != qsizetype(m_columns.size())) {
        problem(record.line,
                QStringLiteral("%1 fields, the header has %2").arg(record.fields.size()).arg(m_columns.size()));
        return;
    }
    Row row;
    row.line = record.line;
    bool good = true;
    for (size_t i = 0; i < m_columns.size(); ++i) {
        const QString &text = record.fields[qsizetype(i)];
        if (!m_columns[i]) {
            const QString id = text.trimmed();
            if (id.isEmpty())
                continue;
            row.id = parseRowId(id);
            if (!row.id) {
                problem(record.line, QStringLiteral("id '%1' is not 32 hexadecimal digits").arg(id.left(40)));
                good = false;
            } else if (auto [at, inserted] = m_idLines.emplace(*row.id, record.line); !inserted) {
                problem(record.line, QStringLiteral("id %1 is already on line %2").arg(id).arg(at->second));
                good = false;
            }
            continue;
        }
        ParsedCell cell = m_cells.parse(*m_columns[i], text);
        if (!cell.problem.isEmpty()) {
            problem(record.line, cell.problem);
            good = false;
            continue;
        }
        row.cells.emplace_back(m_columns[i]->name, std::move(cell.value));
    }
    if (good && !m_table.zoneOf.isEmpty())
        good = addZone(row);
    if (good && m_table.idOf)
        good = deriveId(row);
    if (good)
        m_rows.push_back(std::move(row));
}

bool CsvImport::addZone(Row &row)
{
    // The queue picks members by the zone whose calling window is open, so a member is only useful with one.
    const ImportColumn *contact = m_table.column(m_table.zoneOf);
    for (const auto &[column, value] : row.cells) {
        const auto *id = std::get_if<QByteArray>(&value);
        if (column != m_table.zoneOf || !id)
            continue;
        const QString zone = m_cells.zoneOf(contact->references, *id);
        if (zone.isEmpty()) {
            problem(row.line, QStringLiteral("%1 %2 has neither a known time zone nor a phone number of a known "
                                             "region, so calling hours cannot be applied to them")
                                  .arg(m_table.zoneOf, QString::fromLatin1(id->toHex())));
            return false;
        }
        row.cells.emplace_back(QStringLiteral("zone"), zone);
        return true;
    }
    return true; // no contact named: an update of other columns
}

bool CsvImport::deriveId(Row &row)
{
    QList<QByteArray> keys;
    for (const QString &key : m_table.keyColumns) {
        for (const auto &[column, value] : row.cells) {
            if (column == key && std::holds_alternative<QByteArray>(value))
                keys.append(std::get<QByteArray>(value));
        }
    }
    if (keys.size() != m_table.keyColumns.size())
        return true;
    // Once per file, whether the row names its id or not.
    if (auto [at, inserted] = m_keyLines.emplace(keys.join(), row.line); !inserted) {
        problem(row.line, QStringLiteral("the same %1 as line %2")
                              .arg(m_table.keyColumns.join(QLatin1String(" and ")))
                              .arg(at->second));
        return false;
    }
    if (row.id)
        return true;
    row.id = m_table.idOf(keys);
    if (auto [at, inserted] = m_idLines.emplace(*row.id, row.line); !inserted) {
        problem(row.line, QStringLiteral("its id %1 is already on line %2")
                              .arg(QString::fromLatin1(row.id->toBytes().toHex()))
                              .arg(at->second));
        return false;
    }
    return true;
}

std::vector<RowId> CsvImport::namedIds() const
{
    std::vector<RowId> ids;
    ids.reserve(m_idLines.size());
    for (const auto &[id, line] : m_idLines)
        ids.push_back(id);
    return ids;
}

ImportPlan CsvImport::plan(const std::vector<SyncStore::StoredRow> &stored, const sync::Clock &clock) const
{
    std::map<RowId, const RowState *> byId;
    qint64 newest = 0;
    for (const SyncStore::StoredRow &row : stored) {
        if (m_idLines.count(row.id)) {
            byId.emplace(row.id, &row.state);
            newest = std::max(newest, row.state.newestHlc());
        }
    }
    sync::HybridLogicalClock hlc(clock, newest);
    const qint64 now = hlc.tick();

    ImportPlan plan;
    for (const Row &row : m_rows) {
        const auto found = row.id ? byId.find(*row.id) : byId.end();
        const RowState *current = found == byId.end() ? nullptr : found->second;
        const size_t first = plan.changes.size();
        planRow(row, current, now, plan);
        if (!m_table.checkRow)
            continue;
        // The row as it will be: its current life's cells, with this file's writes on top.
        std::map<QString, sync::Value> cells;
        if (current && current->alive()) {
            for (const sync::CellState &cell : current->cells) {
                if (current->liveCell(cell.column))
                    cells[cell.column] = cell.value;
            }
        }
        for (size_t i = first; i < plan.changes.size(); ++i) {
            if (!plan.changes[i].isRowChange())
                cells[plan.changes[i].column] = plan.changes[i].value;
        }
        if (const QString broken = m_table.checkRow(cells); !broken.isEmpty())
            plan.problems.push_back({row.line, broken});
    }
    return plan;
}

void CsvImport::planRow(const Row &row, const RowState *current, qint64 now, ImportPlan &plan) const
{
    const QString &table = m_table.name;
    const RowId id = row.id.value_or(RowId::generate());
    if (current && current->alive()) {
        // Same life of the row: only the cells that differ get a newer stamp.
        const Stamp stamp{current->stamp.cl, now, importSite()};
        bool changed = false;
        for (const auto &[column, value] : row.cells) {
            // An empty cell in a column new rows get a value for keeps the stored value (a blank status would
            // take a member out of the queue).
            const ImportColumn *spec = m_table.column(column);
            if (spec && std::holds_alternative<std::monostate>(value) &&
                !std::holds_alternative<std::monostate>(spec->fallback))
                continue;
            // A cell left from an earlier life of the row is not visible, so it is no match. An empty field is
            // both empty text and no value: an export writes a device's cleared text as an empty field, and reading
            // that back must not rewrite the cell.
            const sync::CellState *cell = current->liveCell(column);
            const bool empty = std::holds_alternative<std::monostate>(value);
            const auto *text = cell ? std::get_if<QString>(&cell->value) : nullptr;
            const bool same = cell ? cell->value == value || (empty && text && text->isEmpty()) : empty;
            if (same)
                continue;
            plan.changes.push_back(Change{table, id, column, value, stamp, 0});
            changed = true;
        }
        changed ? ++plan.updated : ++plan.unchanged;
        return;
    }
    // A new row, or a deleted one coming back: a new life, with every cell the file gives it.
    const Stamp stamp{current ? current->stamp.cl + 1 : 1, now, importSite()};
    plan.changes.push_back(Change{table, id, QString(), {}, stamp, 0});
    QSet<QString> given;
    for (const auto &[column, value] : row.cells) {
        if (!std::holds_alternative<std::monostate>(value)) {
            plan.changes.push_back(Change{table, id, column, value, stamp, 0});
            given.insert(column);
        }
    }
    for (const ImportColumn &column : m_table.columns) {
        if (!std::holds_alternative<std::monostate>(column.fallback) && !given.contains(column.name))
            plan.changes.push_back(Change{table, id, column.name, column.fallback, stamp, 0});
    }
    current ? ++plan.updated : ++plan.created;
}

} // namespace fieldline::server
