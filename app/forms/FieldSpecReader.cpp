#include "FieldSpecReader.h"

#include "FieldValueJson.h"

#include <QJsonArray>

namespace fieldline::forms {

namespace {

constexpr int MaxOptions = 1000;
constexpr int MaxOptionLength = 200;
constexpr int MaxPatternLength = 500;
constexpr int MaxCount = 1000000;

bool isTextLike(FieldType type)
{
    return type == FieldType::Text || type == FieldType::Multiline || type == FieldType::Phone ||
           type == FieldType::Email || type == FieldType::Barcode;
}

bool hasBounds(FieldType type)
{
    return type != FieldType::Checkbox && type != FieldType::Signature && type != FieldType::Choice &&
           type != FieldType::Unsupported;
}

} // namespace

bool FieldSpecReader::readList(const QJsonObject &object, const QString &path, bool insideGroup,
                               std::vector<FieldSpec> &fields)
{
    const QJsonValue value = object.value(QLatin1StringView("fields"));
    if (!value.isArray() || value.toArray().isEmpty()) {
        m_json.problem(LayoutJson::member(path, "fields"), tr("Expected a list of at least one field."));
        return true;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (m_fieldsLeft-- <= 0)
            return false;
        if (std::optional<FieldSpec> field = read(array.at(i), LayoutJson::item(path, "fields", i), insideGroup))
            fields.push_back(std::move(*field));
        if (m_fieldsLeft < 0)
            return false;
    }
    return true;
}

std::optional<FieldSpec> FieldSpecReader::read(const QJsonValue &value, const QString &path, bool insideGroup)
{
    if (!value.isObject()) {
        m_json.problem(path, tr("Expected a field, written as an object."));
        return std::nullopt;
    }
    const QJsonObject object = value.toObject();
    FieldSpec field;
    field.id = m_json.fieldName(object, path);
    field.typeName = object.value(QLatin1StringView("type")).toString();
    const std::optional<FieldType> type = fieldTypeFromName(field.typeName);
    if (!type && m_json.mode() == LayoutJson::Mode::Publish) {
        m_json.problem(LayoutJson::member(path, "type"),
                       tr("'%1' is not a field type. Use one of: text, multiline, integer, decimal, date, time, "
                          "datetime, choice, multi-choice, checkbox, phone, email, rating, barcode, photo, signature, "
                          "group.")
                           .arg(field.typeName.left(64)));
        return std::nullopt;
    }
    field.label = m_json.localText(object, "label", path, true);
    if (!type) {
        field.type = FieldType::Unsupported;
        field.raw = object;
        return field;
    }
    field.type = *type;
    m_json.checkKeys(object, path,
                     {"id", "type", "label", "hint", "required", "readOnly", "min", "max", "pattern", "patternMessage",
                      "places", "default", "visibleIf", "requiredIf", "constraint", "constraintMessage", "computed",
                      "options", "fields"});
    field.hint = m_json.localText(object, "hint", path, false);
    field.required = m_json.flag(object, "required", path);
    field.readOnly = m_json.flag(object, "readOnly", path);
    field.visibleIf = m_json.expression(object, "visibleIf", path);
    field.requiredIf = m_json.expression(object, "requiredIf", path);
    field.constraint = m_json.expression(object, "constraint", path);
    field.constraintMessage = m_json.localText(object, "constraintMessage", path, false);
    if (applies(object, path, "computed", !field.isGroup()))
        field.computed = m_json.expression(object, "computed", path);
    if (applies(object, path, "places", field.type == FieldType::Decimal))
        field.places = m_json.integer(object, "places", path, 0, Decimal::MaxScale, -1);
    readBounds(object, path, field);
    readPattern(object, path, field);
    readOptions(object, path, field);
    readDefault(object, path, field);
    if (applies(object, path, "fields", field.isGroup())) {
        if (insideGroup)
            m_json.problem(path, tr("A repeat group cannot hold another repeat group."));
        else if (!readList(object, path, true, field.children))
            return std::nullopt;
    }
    return field;
}

bool FieldSpecReader::applies(const QJsonObject &object, const QString &path, const char *key, bool toThisType)
{
    if (!object.contains(QLatin1StringView(key)))
        return false;
    if (!toThisType && m_json.mode() == LayoutJson::Mode::Publish)
        m_json.problem(LayoutJson::member(path, key),
                       tr("The property '%1' does not apply to a field of type '%2'.")
                           .arg(QLatin1StringView(key), object.value(QLatin1StringView("type")).toString()));
    return toThisType;
}

void FieldSpecReader::readBounds(const QJsonObject &object, const QString &path, FieldSpec &field)
{
    if (field.type == FieldType::Rating) {
        field.minimum = FormValue::number(Decimal::fromInt(1));
        field.maximum = FormValue::number(Decimal::fromInt(5));
    }
    if (applies(object, path, "min", hasBounds(field.type)))
        field.minimum = readBound(object, path, "min", field);
    if (applies(object, path, "max", hasBounds(field.type)))
        field.maximum = readBound(object, path, "max", field);
    if (field.type == FieldType::Rating &&
        (field.minimum.isNull() || field.maximum.isNull() || !field.maximum.toNumber().toInt64() ||
         *field.maximum.toNumber().toInt64() > 10)) {
        m_json.problem(LayoutJson::member(path, "max"), tr("A rating goes up to at most 10 stars."));
        field.maximum = FormValue::number(Decimal::fromInt(5));
    }
    if (!field.minimum.isNull() && !field.maximum.isNull() &&
        FormValue::order(field.minimum, field.maximum).value_or(0) > 0)
        m_json.problem(LayoutJson::member(path, "min"), tr("The minimum is greater than the maximum."));
}

FormValue FieldSpecReader::readBound(const QJsonObject &object, const QString &path, const char *key,
                                     const FieldSpec &field)
{
    if (boundsCount(field.type))
        return FormValue::number(Decimal::fromInt(m_json.integer(object, key, path, 0, MaxCount, 0)));
    QString error;
    std::optional<FormValue> bound = FieldValueJson::read(object.value(QLatin1StringView(key)), field.type, error);
    if (!bound) {
        m_json.problem(LayoutJson::member(path, key), error);
        return {};
    }
    return *bound;
}

void FieldSpecReader::readPattern(const QJsonObject &object, const QString &path, FieldSpec &field)
{
    field.patternMessage = m_json.localText(object, "patternMessage", path, false);
    if (!applies(object, path, "pattern", isTextLike(field.type)))
        return;
    field.patternSource = object.value(QLatin1StringView("pattern")).toString();
    if (field.patternSource.isEmpty() || field.patternSource.size() > MaxPatternLength) {
        m_json.problem(LayoutJson::member(path, "pattern"),
                       tr("Expected a regular expression of 1 to %1 characters.").arg(MaxPatternLength));
        return;
    }
    // Anchored: the pattern describes the whole value, as form authors expect of "[0-9]{5}".
    QRegularExpression pattern(QRegularExpression::anchoredPattern(field.patternSource),
                               QRegularExpression::UseUnicodePropertiesOption);
    if (!pattern.isValid()) {
        m_json.problem(LayoutJson::member(path, "pattern"),
                       tr("The regular expression is not valid at character %1: %2")
                           .arg(pattern.patternErrorOffset() + 1)
                           .arg(pattern.errorString()));
        return;
    }
    field.pattern = std::move(pattern);
}

void FieldSpecReader::readOptions(const QJsonObject &object, const QString &path, FieldSpec &field)
{
    const bool isChoice = field.type == FieldType::Choice || field.type == FieldType::MultiChoice;
    if (!applies(object, path, "options", isChoice)) {
        if (isChoice)
            m_json.problem(LayoutJson::member(path, "options"), tr("A choice needs a list of options."));
        return;
    }
    const QJsonValue value = object.value(QLatin1StringView("options"));
    if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > MaxOptions) {
        m_json.problem(LayoutJson::member(path, "options"), tr("Expected a list of 1 to %1 options.").arg(MaxOptions));
        return;
    }
    const QJsonArray options = value.toArray();
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString at = LayoutJson::item(path, "options", i);
        const QJsonObject option = options.at(i).toObject();
        m_json.checkKeys(option, at, {"value", "label"});
        ChoiceOption choice{option.value(QLatin1StringView("value")).toString(),
                            m_json.localText(option, "label", at, true)};
        if (choice.value.isEmpty() || choice.value.size() > MaxOptionLength)
            m_json.problem(LayoutJson::member(at, "value"),
                           tr("An option's value is a text of 1 to %1 characters.").arg(MaxOptionLength));
        else if (field.option(choice.value))
            m_json.problem(LayoutJson::member(at, "value"),
                           tr("The value '%1' is already used by another option.").arg(choice.value));
        else
            field.options.push_back(std::move(choice));
    }
}

void FieldSpecReader::readDefault(const QJsonObject &object, const QString &path, FieldSpec &field)
{
    const bool takesDefault = field.type != FieldType::Photo && field.type != FieldType::Signature && !field.isGroup();
    if (!applies(object, path, "default", takesDefault))
        return;
    QString error;
    std::optional<FormValue> value =
        FieldValueJson::read(object.value(QLatin1StringView("default")), field.type, error);
    if (!value) {
        m_json.problem(LayoutJson::member(path, "default"), error);
        return;
    }
    const FormValue::List chosen = value->type() == FormValue::Type::List ? value->toList() : FormValue::List{*value};
    for (const FormValue &item : chosen) {
        if (!field.options.empty() && !item.isNull() && !field.option(item.toText())) {
            m_json.problem(LayoutJson::member(path, "default"),
                           tr("The default '%1' is not one of the options.").arg(item.toText().left(64)));
            return;
        }
    }
    field.defaultValue = std::move(*value);
}

} // namespace fieldline::forms
