#pragma once

#include "FormValue.h"

#include <QString>

#include <optional>

namespace fieldline::forms {

/** The kinds of field a layout may hold (docs/forms.md); Unsupported stands for a type this build does not know. */
enum class FieldType {
    Text,
    Multiline,
    Integer,
    Decimal,
    Date,
    Time,
    DateTime,
    Choice,
    MultiChoice,
    Checkbox,
    Phone,
    Email,
    Rating,
    Barcode,
    Photo,
    Signature,
    Group,
    Unsupported
};

/** The type as a layout spells it ("multi-choice"), or nullopt for a name this build does not know. */
std::optional<FieldType> fieldTypeFromName(QStringView name);
QString fieldTypeName(FieldType type);

/**
 * The value a field of @p type holds in expressions and submissions: text for texts, choices, phones, emails,
 * barcodes, times ("HH:MM", which sort as times do) and signatures (the drawing's blob id); a number for
 * integers, decimals and ratings; a list for multi-choices (the chosen values), photos (blob ids) and repeat
 * groups (the rows).
 */
FormValue::Type valueTypeOf(FieldType type);

/** Whether a field of @p type takes min/max as a length of text rather than as a value. */
bool boundsAreLength(FieldType type);
/** Whether min/max of a field of @p type count (characters of a text, items of a list) rather than bound a value. */
bool boundsCount(FieldType type);

} // namespace fieldline::forms
