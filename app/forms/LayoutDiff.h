#pragma once

#include "Layout.h"

#include <QStringList>

namespace fieldline::forms {

/**
 * What changed between two versions of a layout, for `fieldline-admin forms diff` and for a designer's review
 * before publishing: fields added, removed, moved to another section, and every property of a field that changed,
 * one line each ("+ lines.discount (decimal)", "- fax", "~ qty: max 100 -> 1000"), in the newer version's order.
 */
class LayoutDiff
{
public:
    static QStringList between(const Layout &older, const Layout &newer);
};

} // namespace fieldline::forms
