#pragma once

#include "Layout.h"

#include <QStringList>

#include <optional>

namespace fieldline::forms {

/** Where a field sits in a layout: its section, its index there, and inside a repeat group its index in the row. */
struct FieldAddress
{
    int section = 0;
    int index = 0;
    int child = -1; ///< -1: the field itself, not one inside a group

    bool operator==(const FieldAddress &) const = default;
};

/**
 * The structural edits of the form designer on a layout: add a field of a type (with a fresh id), remove one,
 * move one up or down among its neighbours. Each returns where the field is afterwards, or nullopt when the edit
 * is not possible (no such field, already first); the layout is then unchanged.
 */
class LayoutEdit
{
public:
    /** The field at @p at, or nullptr. */
    static FieldSpec *field(Layout &layout, const FieldAddress &at);
    /**
     * Adds a field of @p type after @p after; without one, at the end of section @p section (or of the first
     * section, a new one if there is none).
     */
    static FieldAddress add(Layout &layout, FieldType type, const std::optional<FieldAddress> &after,
                            const QString &label, int section = 0);
    static bool remove(Layout &layout, const FieldAddress &at);
    /** Adds an empty section after section @p after (-1: first) with a fresh id; returns its index. */
    static int addSection(Layout &layout, int after, const QString &title);
    /** Removes section @p section when it holds no field (a section's fields are never dropped with it). */
    static bool removeSection(Layout &layout, int section);
    /** Moves by @p delta places (-1 up, +1 down) within its section or its group. */
    static std::optional<FieldAddress> move(Layout &layout, const FieldAddress &at, int delta);
    /** A new order of the fields, as the designer's structure tree holds it after a drag and drop. */
    struct Placement
    {
        QString field;
        QStringList children; ///< a repeat group's fields, in order
    };
    struct SectionPlacement
    {
        QString section;
        std::vector<Placement> fields;
    };
    /**
     * @p layout with its sections and fields in the order of @p arrangement, or nullopt unless that names every
     * section and field exactly once, fields only in sections, and fields inside groups only (no group in a group).
     */
    static std::optional<Layout> arranged(const Layout &layout, const std::vector<SectionPlacement> &arrangement);
    /** An id no field of @p layout has: the type's name and a number ("decimal_3"). */
    static QString freshId(const Layout &layout, FieldType type);

private:
    static std::vector<FieldSpec> *container(Layout &layout, const FieldAddress &at);
};

} // namespace fieldline::forms
