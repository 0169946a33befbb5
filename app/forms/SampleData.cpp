#include "SampleData.h"

namespace fieldline::forms {

FormValue SampleData::valueFor(const FieldSpec &field, const QString &language, const QDateTime &now)
{
    if (field.computed.isSet())
        return {};
    if (!field.defaultValue.isNull())
        return field.defaultValue;
    switch (field.type) {
    case FieldType::Text:
    case FieldType::Multiline:
    case FieldType::Barcode:
        return FormValue::text(field.label.text(language).left(40));
    case FieldType::Phone:
        return FormValue::text(QStringLiteral("+1 202 555 0100"));
    case FieldType::Email:
        return FormValue::text(QStringLiteral("name@example.com"));
    case FieldType::Integer:
    case FieldType::Decimal:
    case FieldType::Rating:
        return field.minimum.isNull() ? FormValue::number(Decimal::fromInt(1)) : field.minimum;
    case FieldType::Date:
        return field.minimum.isNull() ? FormValue::date(now.date()) : field.minimum;
    case FieldType::Time:
        return FormValue::text(QStringLiteral("09:30"));
    case FieldType::DateTime:
        return FormValue::dateTime(now);
    case FieldType::Choice:
        return field.options.empty() ? FormValue() : FormValue::text(field.options.front().value);
    case FieldType::MultiChoice:
        return field.options.empty() ? FormValue() : FormValue::list({FormValue::text(field.options.front().value)});
    case FieldType::Checkbox:
        return FormValue::boolean(true);
    case FieldType::Photo:
    case FieldType::Signature:
    case FieldType::Group:
    case FieldType::Unsupported:
        return {};
    }
    return {};
}

FormData SampleData::of(const Layout &layout, const QString &language, const QDateTime &now)
{
    FormData data;
    for (const LayoutSection &section : layout.sections) {
        for (const FieldSpec &field : section.fields) {
            if (!field.isGroup()) {
                data.setValue(field.id, valueFor(field, language, now));
                continue;
            }
            FormRow row{QStringLiteral("sample"), {}};
            for (const FieldSpec &child : field.children) {
                const FormValue value = valueFor(child, language, now);
                if (!value.isNull())
                    row.values.insert(child.id, value);
            }
            data.rows(field.id).push_back(std::move(row));
        }
    }
    return data;
}

} // namespace fieldline::forms
