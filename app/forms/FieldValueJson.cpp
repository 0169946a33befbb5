#include "FieldValueJson.h"

#include <QJsonArray>
#include <QLocale>

namespace fieldline::forms {

namespace {

std::optional<FormValue> readNumber(const QJsonValue &json, FieldType type, QString &error)
{
    QString text;
    if (json.isDouble())
        text = QString::number(json.toDouble(), 'f', QLocale::FloatingPointShortest);
    else if (json.isString())
        text = json.toString();
    const std::optional<Decimal> number =
        text.size() <= Decimal::MaxDigits + 2 ? Decimal::parse(text) : std::optional<Decimal>();
    if (!number) {
        error = FieldValueJson::tr("Expected a number such as 12 or 12.5.");
        return std::nullopt;
    }
    if (type != FieldType::Decimal && !number->isInteger()) {
        error = FieldValueJson::tr("Expected a whole number.");
        return std::nullopt;
    }
    return FormValue::number(*number);
}

std::optional<FormValue> readText(const QJsonValue &json, FieldType type, QString &error)
{
    if (!json.isString()) {
        error = FieldValueJson::tr("Expected text.");
        return std::nullopt;
    }
    const QString text = json.toString();
    if (text.size() > FieldValueJson::MaxTextLength) {
        error = FieldValueJson::tr("The text is longer than %1 characters.").arg(FieldValueJson::MaxTextLength);
        return std::nullopt;
    }
    if (type == FieldType::Date) {
        const QDate date = QDate::fromString(text, QStringLiteral("yyyy-MM-dd"));
        if (!date.isValid()) {
            error = FieldValueJson::tr("Expected a date written as YYYY-MM-DD.");
            return std::nullopt;
        }
        return FormValue::date(date);
    }
    if (type == FieldType::DateTime) {
        const QDateTime moment = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!moment.isValid()) {
            error = FieldValueJson::tr("Expected a date and time in ISO 8601, such as 2026-11-22T09:30:00+08:00.");
            return std::nullopt;
        }
        return FormValue::dateTime(moment);
    }
    if (type == FieldType::Time && !FieldValueJson::parseTime(text).isValid()) {
        error = FieldValueJson::tr("Expected a time written as HH:MM.");
        return std::nullopt;
    }
    return FormValue::text(text);
}

std::optional<FormValue> readList(const QJsonValue &json, QString &error)
{
    if (!json.isArray()) {
        error = FieldValueJson::tr("Expected a list of texts.");
        return std::nullopt;
    }
    const QJsonArray array = json.toArray();
    if (array.size() > FieldValueJson::MaxListItems) {
        error = FieldValueJson::tr("The list has more than %1 items.").arg(FieldValueJson::MaxListItems);
        return std::nullopt;
    }
    FormValue::List items;
    for (const QJsonValue &item : array) {
        std::optional<FormValue> value = readText(item, FieldType::Text, error);
        if (!value)
            return std::nullopt;
        items.push_back(std::move(*value));
    }
    return FormValue::list(std::move(items));
}

} // namespace

std::optional<FormValue> FieldValueJson::read(const QJsonValue &json, FieldType type, QString &error)
{
    if (json.isNull() || json.isUndefined())
        return FormValue();
    switch (valueTypeOf(type)) {
    case FormValue::Type::Number:
        return readNumber(json, type, error);
    case FormValue::Type::Boolean:
        if (!json.isBool()) {
            error = tr("Expected true or false.");
            return std::nullopt;
        }
        return FormValue::boolean(json.toBool());
    case FormValue::Type::List:
        if (type == FieldType::Group) {
            error = tr("A repeat group has rows, not a single value.");
            return std::nullopt;
        }
        return readList(json, error);
    case FormValue::Type::Null:
    case FormValue::Type::Text:
    case FormValue::Type::Date:
    case FormValue::Type::DateTime:
        break;
    }
    return readText(json, type, error);
}

QJsonValue FieldValueJson::write(const FormValue &value)
{
    switch (value.type()) {
    case FormValue::Type::Null:
        return QJsonValue::Null;
    case FormValue::Type::Boolean:
        return value.toBool();
    case FormValue::Type::Number:
        return value.toNumber().toString();
    case FormValue::Type::Text:
        return value.toText();
    case FormValue::Type::Date:
        return value.toDate().toString(Qt::ISODate);
    case FormValue::Type::DateTime:
        return value.toDateTime().toString(Qt::ISODateWithMs);
    case FormValue::Type::List: {
        QJsonArray items;
        for (const FormValue &item : value.toList())
            items.append(write(item));
        return items;
    }
    }
    return QJsonValue::Null;
}

QTime FieldValueJson::parseTime(const QString &text)
{
    if (text.size() != 5)
        return {};
    return QTime::fromString(text, QStringLiteral("HH:mm"));
}

} // namespace fieldline::forms
