#pragma once

#include "FormData.h"
#include "Layout.h"

#include <QDateTime>

namespace fieldline::forms {

/**
 * Plausible values for every field of a layout, for the designer's preview: a field's default when it has one;
 * otherwise a text field shows its own label in
 * the preview's language, numbers their minimum (or 1), dates today, a choice its first option, a checkbox ticked,
 * a repeat group one row. Computed fields, photos and signatures are left for the form to fill.
 */
class SampleData
{
public:
    static FormData of(const Layout &layout, const QString &language, const QDateTime &now);
    static FormValue valueFor(const FieldSpec &field, const QString &language, const QDateTime &now);
};

} // namespace fieldline::forms
