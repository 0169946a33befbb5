#include "LayoutWriter.h"

#include "FieldValueJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fieldline::forms {

namespace {

QJsonObject localText(const LocalText &text)
{
    QJsonObject out;
    for (auto it = text.texts().cbegin(); it != text.texts().cend(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

void putText(QJsonObject &out, const char *key, const LocalText &text)
{
    if (!text.isEmpty())
        out.insert(QLatin1StringView(key), localText(text));
}

void putExpression(QJsonObject &out, const char *key, const LayoutExpression &expression)
{
    if (!expression.source.isEmpty())
        out.insert(QLatin1StringView(key), expression.source);
}

/** Whole numbers as JSON numbers (counts and lengths must be), others as exact text ("0.5"). */
void putValue(QJsonObject &out, const char *key, const FormValue &value)
{
    if (value.isNull())
        return;
    constexpr qint64 ExactInDouble = qint64(1) << 53;
    const std::optional<qint64> whole =
        value.type() == FormValue::Type::Number ? value.toNumber().toInt64() : std::optional<qint64>();
    if (whole && *whole > -ExactInDouble && *whole < ExactInDouble)
        out.insert(QLatin1StringView(key), *whole);
    else
        out.insert(QLatin1StringView(key), FieldValueJson::write(value));
}

} // namespace

QJsonObject LayoutWriter::fieldJson(const FieldSpec &field)
{
    if (field.isUnsupported())
        return field.raw;
    QJsonObject out{{QStringLiteral("id"), field.id}, {QStringLiteral("type"), fieldTypeName(field.type)}};
    putText(out, "label", field.label);
    putText(out, "hint", field.hint);
    if (field.required)
        out.insert(QStringLiteral("required"), true);
    if (field.readOnly)
        out.insert(QStringLiteral("readOnly"), true);
    putValue(out, "min", field.minimum);
    putValue(out, "max", field.maximum);
    if (!field.patternSource.isEmpty())
        out.insert(QStringLiteral("pattern"), field.patternSource);
    putText(out, "patternMessage", field.patternMessage);
    if (field.places >= 0)
        out.insert(QStringLiteral("places"), field.places);
    putValue(out, "default", field.defaultValue);
    putExpression(out, "visibleIf", field.visibleIf);
    putExpression(out, "requiredIf", field.requiredIf);
    putExpression(out, "constraint", field.constraint);
    putText(out, "constraintMessage", field.constraintMessage);
    putExpression(out, "computed", field.computed);
    if (!field.options.empty()) {
        QJsonArray options;
        for (const ChoiceOption &option : field.options)
            options.append(QJsonObject{{QStringLiteral("value"), option.value},
                                       {QStringLiteral("label"), localText(option.label)}});
        out.insert(QStringLiteral("options"), options);
    }
    if (field.isGroup()) {
        QJsonArray children;
        for (const FieldSpec &child : field.children)
            children.append(fieldJson(child));
        out.insert(QStringLiteral("fields"), children);
    }
    return out;
}

QJsonObject LayoutWriter::toJson(const Layout &layout)
{
    QJsonArray sections;
    for (const LayoutSection &section : layout.sections) {
        QJsonObject object{{QStringLiteral("id"), section.id}};
        putText(object, "title", section.title);
        putExpression(object, "visibleIf", section.visibleIf);
        QJsonArray fields;
        for (const FieldSpec &field : section.fields)
            fields.append(fieldJson(field));
        object.insert(QStringLiteral("fields"), fields);
        sections.append(object);
    }
    QJsonObject out{{QStringLiteral("format"), Layout::Format},
                    {QStringLiteral("id"), layout.id},
                    {QStringLiteral("version"), layout.version},
                    {QStringLiteral("sections"), sections}};
    putText(out, "title", layout.title);
    return out;
}

QByteArray LayoutWriter::write(const Layout &layout)
{
    return QJsonDocument(toJson(layout)).toJson(QJsonDocument::Indented);
}

} // namespace fieldline::forms
