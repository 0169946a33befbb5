#pragma once

#include "Expression.h"
#include "FieldType.h"
#include "LocalText.h"

#include <QHash>
#include <QJsonObject>
#include <QRegularExpression>

#include <optional>
#include <vector>

namespace fieldline::forms {

/** One option of a choice or multi-choice field: the stored value and what people read. */
struct ChoiceOption
{
    QString value;
    LocalText label;
};

/** An expression of a layout with the text it was parsed from (kept for the designer and for diffs). */
struct LayoutExpression
{
    QString source;
    std::optional<Expression> parsed;

    bool isSet() const { return parsed.has_value(); }
};

/**
 * One field of a layout. Which members matter depends on the type: bounds apply to numbers, ratings, dates,
 * times and text lengths; options to choices; children to repeat groups. A field of a type this build does not
 * know keeps its JSON in @c raw so that it is shown as unsupported and its value is preserved.
 */
struct FieldSpec
{
    QString id;
    FieldType type = FieldType::Text;
    QString typeName; ///< as written in the layout, for unsupported types
    LocalText label;
    LocalText hint;
    bool required = false;
    bool readOnly = false;
    FormValue minimum; ///< number, date or time bound (text fields: length)
    FormValue maximum;
    std::optional<QRegularExpression> pattern;
    QString patternSource;
    LocalText patternMessage;
    int places = -1; ///< decimal: fractional digits allowed, -1 when any
    FormValue defaultValue;
    LayoutExpression visibleIf;
    LayoutExpression requiredIf;
    LayoutExpression constraint;
    LocalText constraintMessage;
    LayoutExpression computed;
    std::vector<ChoiceOption> options;
    std::vector<FieldSpec> children; ///< repeat group: the fields of one row
    QJsonObject raw;                 ///< unsupported types: the field as published

    bool isGroup() const { return type == FieldType::Group; }
    bool isUnsupported() const { return type == FieldType::Unsupported; }
    const ChoiceOption *option(const QString &value) const;
};

struct LayoutSection
{
    QString id;
    LocalText title;
    LayoutExpression visibleIf;
    std::vector<FieldSpec> fields;
};

/**
 * A published form layout (format documented in docs/forms.md), read and checked by LayoutReader. A
 * submission names the layout's id and version, and stays pinned to that version.
 */
struct Layout
{
    static constexpr int Format = 1;

    QString id;
    int version = 0;
    LocalText title;
    std::vector<LayoutSection> sections;

    /** The field with @p id anywhere in the layout (repeat groups' fields included), or nullptr. */
    const FieldSpec *field(const QString &id) const;
    /** The repeat group that holds field @p id, or nullptr for a field outside every group. */
    const FieldSpec *groupOf(const QString &id) const;
    /** Every field, depth first, in the order people fill them in. */
    std::vector<const FieldSpec *> allFields() const;
};

/** Lookups by id that a layout's users build once: every field, and the repeat group of each field inside one. */
struct FieldIndex
{
    QHash<QString, const FieldSpec *> fields; ///< a duplicate id keeps the later field
    QHash<QString, const FieldSpec *> groups;

    /** @p layout must outlive the index. */
    static FieldIndex of(const Layout &layout);
};

} // namespace fieldline::forms
