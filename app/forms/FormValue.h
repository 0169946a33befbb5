#pragma once

#include "Decimal.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace fieldline::forms {

/**
 * One value a form field holds or an expression computes: nothing (null), yes/no, an exact number, text, a
 * date, a date and time, or a list (the options of a multi-choice field, one column of a repeat group).
 */
class FormValue
{
    Q_DECLARE_TR_FUNCTIONS(FormValue)

public:
    enum class Type { Null, Boolean, Number, Text, Date, DateTime, List };
    using List = std::vector<FormValue>;

    FormValue() = default;
    static FormValue boolean(bool value);
    static FormValue number(const Decimal &value);
    static FormValue text(const QString &value);
    static FormValue date(const QDate &value);
    static FormValue dateTime(const QDateTime &value);
    static FormValue list(List values);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool toBool() const { return m_type == Type::Boolean && m_bool; }
    const Decimal &toNumber() const { return m_number; }
    const QString &toText() const { return m_text; }
    const QDate &toDate() const { return m_date; }
    const QDateTime &toDateTime() const { return m_dateTime; }
    const List &toList() const { return m_list; }

    /** Same type and value (lists item by item); null equals only null. */
    bool operator==(const FormValue &other) const;
    /**
     * -1, 0 or 1 for two values of one ordered type (number, text by character codes, date, date and time);
     * nullopt for other types or types that differ.
     */
    static std::optional<int> order(const FormValue &a, const FormValue &b);
    /** For tests and logs: 12.5, 'text', 2026-11-22, [1, 2], null, true. */
    QString debugText() const;
    /** The type's name as a form author reads it in an error message, translated. */
    static QString typeName(Type type);

private:
    explicit FormValue(Type type)
        : m_type(type)
    {}

    // Plain members rather than a std::variant: GCC 12 reports false "maybe uninitialized" errors on variants of
    // Qt types, and the few bytes do not matter for a form's values.
    Type m_type = Type::Null;
    bool m_bool = false;
    Decimal m_number;
    QString m_text;
    QDate m_date;
    QDateTime m_dateTime;
    List m_list;
};

} // namespace fieldline::forms
