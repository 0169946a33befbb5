#pragma once

#include "LayoutJson.h"

namespace fieldline::forms {

/**
 * The checks that need the whole layout: ids unique, every name an expression reads is a field it may read,
 * and computed values that do not depend on each other in a circle.
 */
class LayoutChecks
{
    Q_DECLARE_TR_FUNCTIONS(LayoutChecks)

public:
    LayoutChecks(LayoutJson &json, const Layout &layout);
    void run();

private:
    void checkUniqueIds();
    void checkReferences(const LayoutExpression &expression, const QString &path, const FieldSpec *group);
    void checkFieldReferences(const FieldSpec &field, const QString &path, const FieldSpec *group);
    void checkComputedCycles();

    LayoutJson &m_json;
    const Layout &m_layout;
    FieldIndex m_index;
};

} // namespace fieldline::forms
