#pragma once

#include "FormData.h"
#include "Layout.h"

#include <QHash>

#include <optional>
#include <vector>

namespace fieldline::forms {

/** What the rules of a layout say about one field (of one row) at this moment. */
struct FieldState
{
    bool visible = true;
    bool required = false;
    /** A rule of the field that could not be evaluated (a division by zero in its computed value, say). */
    std::optional<ExpressionError> error;
};

/** Field states by path: "qty", or "lines[2].qty" for the third row of group "lines"; section visibility by id. */
struct FormState
{
    QHash<QString, FieldState> fields;
    QHash<QString, bool> sections;

    FieldState field(const QString &path) const { return fields.value(path); }
};

/**
 * Applies a layout's rules to a submission's values: computes the computed fields (each after the computed fields
 * it reads), then decides which fields are visible and which are required. Runs after every keystroke, so it
 * prepares the order and the lookups once per layout. A rule that comes out null counts as false.
 */
class FormEvaluator
{
public:
    /** @p layout must outlive the evaluator. */
    explicit FormEvaluator(const Layout &layout);

    FormState evaluate(FormData &data, const QDate &today, const QDateTime &now) const;
    static QString rowPath(const QString &group, qsizetype row, const QString &field);
    struct RowAddress
    {
        QString group;
        int row = -1;
        QString field;
    };
    /** The parts of a path rowPath() made ("lines[2].qty": lines, 2, qty); a path outside every group has row -1. */
    static RowAddress rowAddress(const QString &path);

    const Layout &layout() const { return m_layout; }
    const FieldSpec *field(const QString &id) const { return m_index.fields.value(id); }
    const FieldSpec *groupOf(const QString &id) const { return m_index.groups.value(id); }
    /** The context an expression sees: the submission, and inside a repeat group's row, that row's fields. */
    EvaluationContext context(const FormData &data, const FormRow *row, const QDate &today, const QDateTime &now) const;

private:
    void compute(FormData &data, FormState &state, const QDate &today, const QDateTime &now) const;
    /**
     * Visible and required for @p field, with @p shown the visibility of what holds it; an error of its computed
     * value (@p computeError) is the one reported.
     */
    FieldState stateOf(const FieldSpec &field, bool shown, const EvaluationContext &context,
                       const std::optional<ExpressionError> &computeError) const;

    const Layout &m_layout;
    FieldIndex m_index;
    std::vector<const FieldSpec *> m_computed;
};

} // namespace fieldline::forms
