#include "FormValue.h"

#include <QStringList>

namespace fieldline::forms {

FormValue FormValue::boolean(bool value)
{
    FormValue v(Type::Boolean);
    v.m_bool = value;
    return v;
}

FormValue FormValue::number(const Decimal &value)
{
    FormValue v(Type::Number);
    v.m_number = value;
    return v;
}

FormValue FormValue::text(const QString &value)
{
    FormValue v(Type::Text);
    v.m_text = value;
    return v;
}

FormValue FormValue::date(const QDate &value)
{
    FormValue v(Type::Date);
    v.m_date = value;
    return v;
}

FormValue FormValue::dateTime(const QDateTime &value)
{
    FormValue v(Type::DateTime);
    v.m_dateTime = value;
    return v;
}

FormValue FormValue::list(List values)
{
    FormValue v(Type::List);
    v.m_list = std::move(values);
    return v;
}

bool FormValue::operator==(const FormValue &other) const
{
    if (type() != other.type())
        return false;
    switch (type()) {
    case Type::Null:
        return true;
    case Type::Boolean:
        return toBool() == other.toBool();
    case Type::Number:
        return toNumber() == other.toNumber();
    case Type::Text:
        return toText() == other.toText();
    case Type::Date:
        return toDate() == other.toDate();
    case Type::DateTime:
        return toDateTime() == other.toDateTime();
    case Type::List:
        return toList() == other.toList();
    }
    return false;
}

QString FormValue::debugText() const
{
    switch (type()) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Boolean:
        return toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Number:
        return toNumber().toString();
    case Type::Text:
        return u'\'' + toText() + u'\'';
    case Type::Date:
        return toDate().toString(Qt::ISODate);
    case Type::DateTime:
        return toDateTime().toString(Qt::ISODateWithMs);
    case Type::List: {
        QStringList items;
        for (const FormValue &item : toList())
            items.append(item.debugText());
        return u'[' + items.join(QStringLiteral(", ")) + u']';
    }
    }
    return {};
}

std::optional<int> FormValue::order(const FormValue &a, const FormValue &b)
{
    if (a.type() != b.type())
        return std::nullopt;
    switch (a.type()) {
    case Type::Number:
        return a.toNumber().compare(b.toNumber());
    case Type::Text:
        return a.toText().compare(b.toText()) < 0 ? -1 : a.toText() != b.toText();
    case Type::Date:
        return a.toDate() < b.toDate() ? -1 : (b.toDate() < a.toDate() ? 1 : 0);
    case Type::DateTime:
        return a.toDateTime() < b.toDateTime() ? -1 : (b.toDateTime() < a.toDateTime() ? 1 : 0);
    case Type::Null:
    case Type::Boolean:
    case Type::List:
        break;
    }
    return std::nullopt;
}

QString FormValue::typeName(Type type)
{
    switch (type) {
    case Type::Null:
        return tr("nothing (null)");
    case Type::Boolean:
        return tr("yes/no");
    case Type::Number:
        return tr("a number");
    case Type::Text:
        return tr("text");
    case Type::Date:
        return tr("a date");
    case Type::DateTime:
        return tr("a date and time");
    case Type::List:
        return tr("a list");
    }
    return {};
}

} // namespace fieldline::forms
