#pragma once

#include "Layout.h"

#include <QByteArray>
#include <QJsonObject>

namespace fieldline::forms {

/**
 * Writes a layout as the JSON LayoutReader reads (docs/forms.md): what the designer publishes. Reading what it
 * writes gives the same layout; a field of a type this build does not know is written back exactly as it came.
 */
class LayoutWriter
{
public:
    static QJsonObject toJson(const Layout &layout);
    static QByteArray write(const Layout &layout);
    static QJsonObject fieldJson(const FieldSpec &field);
};

} // namespace fieldline::forms
