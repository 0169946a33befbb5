#include "FieldType.h"

#include <array>
#include <utility>

namespace fieldline::forms {

namespace {

constexpr std::array<std::pair<FieldType, const char *>, 17> Names{{
    {FieldType::Text, "text"},
    {FieldType::Multiline, "multiline"},
    {FieldType::Integer, "integer"},
    {FieldType::Decimal, "decimal"},
    {FieldType::Date, "date"},
    {FieldType::Time, "time"},
    {FieldType::DateTime, "datetime"},
    {FieldType::Choice, "choice"},
    {FieldType::MultiChoice, "multi-choice"},
    {FieldType::Checkbox, "checkbox"},
    {FieldType::Phone, "phone"},
    {FieldType::Email, "email"},
    {FieldType::Rating, "rating"},
    {FieldType::Barcode, "barcode"},
    {FieldType::Photo, "photo"},
    {FieldType::Signature, "signature"},
    {FieldType::Group, "group"},
}};

} // namespace

std::optional<FieldType> fieldTypeFromName(QStringView name)
{
    for (const auto &[type, text] : Names) {
        if (name == QLatin1StringView(text))
            return type;
    }
    return std::nullopt;
}

QString fieldTypeName(FieldType type)
{
    for (const auto &[known, text] : Names) {
        if (known == type)
            return QString::fromLatin1(text);
    }
    return QStringLiteral("unsupported");
}

FormValue::Type valueTypeOf(FieldType type)
{
    switch (type) {
    case FieldType::Integer:
    case FieldType::Decimal:
    case FieldType::Rating:
        return FormValue::Type::Number;
    case FieldType::Date:
        return FormValue::Type::Date;
    case FieldType::DateTime:
        return FormValue::Type::DateTime;
    case FieldType::Checkbox:
        return FormValue::Type::Boolean;
    case FieldType::MultiChoice:
    case FieldType::Photo:
    case FieldType::Group:
        return FormValue::Type::List;
    case FieldType::Text:
    case FieldType::Multiline:
    case FieldType::Time:
    case FieldType::Choice:
    case FieldType::Phone:
    case FieldType::Email:
    case FieldType::Barcode:
    case FieldType::Signature:
    case FieldType::Unsupported:
        return FormValue::Type::Text;
    }
    return FormValue::Type::Text;
}

bool boundsAreLength(FieldType type)
{
    return valueTypeOf(type) == FormValue::Type::Text && type != FieldType::Time;
}

bool boundsCount(FieldType type)
{
    return boundsAreLength(type) || valueTypeOf(type) == FormValue::Type::List;
}

} // namespace fieldline::forms
