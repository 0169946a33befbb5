#pragma once

#include "Layout.h"

#include <QHash>
#include <QStringList>

#include <vector>

namespace fieldline::forms {

/**
 * The computed fields of a layout in an order where each comes after every computed field it reads, or, when
 * they depend on each other in a circle, the ids around it ("a", "b", "a"). Walks without recursion, so a chain
 * of thousands of computed fields cannot exhaust the stack.
 */
struct ComputedOrder
{
    std::vector<const FieldSpec *> order;
    QStringList circle;

    /** @p byId finds every field of @p fields by id; a reference to a group's column names its field. */
    static ComputedOrder of(const std::vector<const FieldSpec *> &fields,
                            const QHash<QString, const FieldSpec *> &byId);
};

} // namespace fieldline::forms
