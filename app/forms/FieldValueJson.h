#pragma once

#include "FieldType.h"

#include <QCoreApplication>
#include <QJsonValue>

#include <optional>

namespace fieldline::forms {

/**
 * Field values as JSON, for layout defaults, submissions and stored cells: numbers as exact decimal text
 * ("12.50" and 12.5 are both read, "12.5" is written), dates "YYYY-MM-DD", times "HH:MM", dates and times in
 * ISO 8601 with their offset, checkboxes true/false, multi-choices and photos arrays of texts, null for empty.
 * Repeat groups are not handled here: their rows are objects of such values.
 */
class FieldValueJson
{
    Q_DECLARE_TR_FUNCTIONS(FieldValueJson)

public:
    /** Characters a text value may hold, and items a list may hold. */
    static constexpr int MaxTextLength = 20000;
    static constexpr int MaxListItems = 1000;

    /** The value of a field of @p type written as @p json, or nullopt with @p error saying what is wrong. */
    static std::optional<FormValue> read(const QJsonValue &json, FieldType type, QString &error);
    static QJsonValue write(const FormValue &value);
    /** A time written as HH:MM (24 hours), or an invalid time. */
    static QTime parseTime(const QString &text);
};

} // namespace fieldline::forms
