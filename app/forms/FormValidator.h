#pragma once

#include "FormEvaluator.h"
#include "LayoutJson.h"

namespace fieldline::forms {

/**
 * Checks a submission's values against its layout: required fields filled, each value of its field's type and
 * within its bounds, pattern, options and decimal places, constraints true, repeat groups within their row
 * counts. Hidden fields are not checked. The client checks as the user types and before finalising; the server
 * refuses a finalised submission that fails here.
 */
class FormValidator
{
    Q_DECLARE_TR_FUNCTIONS(FormValidator)

public:
    explicit FormValidator(const FormEvaluator &evaluator)
        : m_evaluator(evaluator)
    {}

    /** Every problem, by path ("qty", "lines[2].qty", "lines"), with the rules applied to @p data first. */
    std::vector<LayoutProblem> validate(FormData &data, const QDate &today, const QDateTime &now) const;
    /** What is wrong with @p value in @p field given its @p state, or an empty text. */
    QString check(const FieldSpec &field, const FormValue &value, const FieldState &state,
                  const EvaluationContext &context) const;

private:
    QString checkType(const FieldSpec &field, const FormValue &value) const;
    QString checkBounds(const FieldSpec &field, const FormValue &value) const;
    QString checkText(const FieldSpec &field, const QString &text) const;

    const FormEvaluator &m_evaluator;
};

} // namespace fieldline::forms
