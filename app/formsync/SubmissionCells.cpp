#include "app/formsync/SubmissionCells.h"

#include "app/forms/FieldValueJson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <sodium.h>

#include <algorithm>
#include <map>

namespace fieldline::formsync {

using forms::FieldSpec;
using forms::FormData;
using forms::FormValue;

namespace {

constexpr int PrefixBytes = 8;
const QChar Separator = u'/';

/** A value as stored: a one-item JSON array, so scalars and lists are written the same way. */
sync::Value storedText(const FormValue &value)
{
    if (value.isNull())
        return {};
    return QString::fromUtf8(
        QJsonDocument(QJsonArray{forms::FieldValueJson::write(value)}).toJson(QJsonDocument::Compact));
}

std::optional<FormValue> readStored(const sync::Value &stored, const FieldSpec &field, QString &error)
{
    if (std::holds_alternative<std::monostate>(stored))
        return FormValue();
    const QString *text = std::get_if<QString>(&stored);
    if (!text || text->size() > forms::FieldValueJson::MaxTextLength * 2) {
        error = SubmissionCells::tr("The stored value is not a form value.");
        return std::nullopt;
    }
    const QJsonDocument document = QJsonDocument::fromJson(text->toUtf8());
    if (!document.isArray() || document.array().size() != 1) {
        error = SubmissionCells::tr("The stored value is not a form value.");
        return std::nullopt;
    }
    return forms::FieldValueJson::read(document.array().at(0), field.type, error);
}

bool isRowId(const QString &id)
{
    return !id.isEmpty() && id.size() <= 64 && !id.contains(Separator);
}

void encodeValues(const forms::FieldValues &values, const forms::FieldIndex &index, const QString &prefix,
                  StoredCells &out)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        const FieldSpec *field = index.fields.value(it.key());
        if (field && field->computed.isSet())
            continue;
        if (!it.value().isNull())
            out.insert(prefix + it.key(), storedText(it.value()));
    }
}

} // namespace

sync::RowId SubmissionCells::rowId(const sync::RowId &submission, const QString &path)
{
    const QByteArray input = submission.toBytes() + path.toUtf8();
    QByteArray bytes = submission.toBytes().left(PrefixBytes);
    unsigned char hash[sync::RowId::Size - PrefixBytes];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size()), nullptr, 0);
    bytes.append(reinterpret_cast<const char *>(hash), sizeof hash);
    return *sync::RowId::fromBytes(bytes);
}

std::pair<sync::RowId, sync::RowId> SubmissionCells::range(const sync::RowId &submission)
{
    const QByteArray prefix = submission.toBytes().left(PrefixBytes);
    return {*sync::RowId::fromBytes(prefix + QByteArray(sync::RowId::Size - PrefixBytes, '\0')),
            *sync::RowId::fromBytes(prefix + QByteArray(sync::RowId::Size - PrefixBytes, '\xff'))};
}

StoredCells SubmissionCells::encode(const FormData &data, const forms::Layout &layout)
{
    const forms::FieldIndex index = forms::FieldIndex::of(layout);
    StoredCells out;
    encodeValues(data.values(), index, QString(), out);
    for (auto group = data.groups().cbegin(); group != data.groups().cend(); ++group) {
        qint64 position = 0;
        for (const forms::FormRow &row : group.value()) {
            const QString rowPath = group.key() + Separator + row.id;
            out.insert(rowPath, QString::number(position++));
            encodeValues(row.values, index, rowPath + Separator, out);
        }
    }
    return out;
}

FormData SubmissionCells::decode(const StoredCells &cells, const forms::Layout &layout,
                                 std::vector<forms::LayoutProblem> &problems)
{
    const forms::FieldIndex index = forms::FieldIndex::of(layout);
    FormData data;
    // group -> (position, row id) -> values
    QHash<QString, std::map<std::pair<qint64, QString>, forms::FieldValues>> groups;
    QHash<QString, std::pair<qint64, QString>> rowKeys; // "group/row" -> its key in groups
    auto problem = [&problems](const QString &path, const QString &message) { problems.push_back({path, message}); };
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        const QStringList parts = it.key().split(Separator);
        if (parts.size() != 2)
            continue;
        const FieldSpec *group = index.fields.value(parts[0]);
        const QString *position = std::get_if<QString>(&it.value());
        bool number = false;
        const qint64 at = position ? position->toLongLong(&number) : 0;
        if (!group || !group->isGroup() || !isRowId(parts[1]) || !number) {
            problem(it.key(), tr("Not a row of a repeat group of this layout."));
            continue;
        }
        const std::pair<qint64, QString> key{at, parts[1]};
        groups[parts[0]][key];
        rowKeys.insert(it.key(), key);
    }
    for (auto it = cells.cbegin(); it != cells.cend(); ++it) {
        const QStringList parts = it.key().split(Separator);
        if (parts.size() == 2)
            continue;
        const FieldSpec *field = index.fields.value(parts.last());
        const QString rowPath = parts.size() == 3 ? parts[0] + Separator + parts[1] : QString();
        const bool placed =
            field && (parts.size() == 1 ? !index.groups.contains(field->id)
                                        : parts.size() == 3 && rowKeys.contains(rowPath) &&
                                              index.groups.value(field->id) == index.fields.value(parts[0]));
        if (!placed) {
            // A field of a removed row is expected (the row went while another device filled it in).
            if (parts.size() != 3 || !index.fields.contains(parts[0]))
                problem(it.key(), tr("Not a field of this layout."));
            continue;
        }
        if (field->computed.isSet())
            continue;
        QString error;
        const std::optional<FormValue> value = readStored(it.value(), *field, error);
        if (!value) {
            problem(it.key(), error);
            continue;
        }
        if (parts.size() == 1)
            data.setValue(field->id, *value);
        else if (!value->isNull())
            groups[parts[0]][rowKeys.value(rowPath)].insert(field->id, *value);
    }
    for (auto group = groups.cbegin(); group != groups.cend(); ++group) {
        std::vector<forms::FormRow> &rows = data.rows(group.key());
        for (const auto &[key, values] : group.value())
            rows.push_back({key.second, values});
    }
    std::sort(problems.begin(), problems.end(),
              [](const forms::LayoutProblem &a, const forms::LayoutProblem &b) { return a.path < b.path; });
    return data;
}

StoredCells SubmissionCells::changed(const StoredCells &before, const StoredCells &after)
{
    StoredCells out;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto old = before.constFind(it.key());
        if (old == before.cend() || old.value() != it.value())
            out.insert(it.key(), it.value());
    }
    // A cleared field becomes null; the fields of a removed row go with the row (removedRows).
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        const QString &path = it.key();
        const bool inRemovedRow = path.count(Separator) == 2 && !after.contains(path.section(Separator, 0, 1));
        if (!after.contains(path) && !isRowPath(path) && !inRemovedRow)
            out.insert(path, sync::Value());
    }
    return out;
}

QStringList SubmissionCells::removedRows(const StoredCells &before, const StoredCells &after)
{
    QStringList out;
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (isRowPath(it.key()) && !after.contains(it.key()))
            out.append(it.key());
    }
    out.sort();
    return out;
}

bool SubmissionCells::isRowPath(const QString &path)
{
    return path.count(Separator) == 1;
}

} // namespace fieldline::formsync
