#pragma once

#include "Expression.h"

#include <QCoreApplication>

namespace fieldline::forms {

struct FunctionSpec
{
    const char *name;
    int minArgs;
    int maxArgs;
};

/** The built-in function called @p name, or nullptr. */
const FunctionSpec *findFunction(const QString &name);

/** Runs the built-in functions other than if() (which evaluates lazily) on evaluated arguments. */
class ExpressionFunctions
{
    Q_DECLARE_TR_FUNCTIONS(ExpressionFunctions)

public:
    static Evaluation call(const ExpressionNode &node, const std::vector<FormValue> &args,
                           const EvaluationContext &context);
};

} // namespace fieldline::forms
