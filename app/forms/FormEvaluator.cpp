#include "FormEvaluator.h"

#include "ComputedOrder.h"

#include <QRegularExpression>

namespace fieldline::forms {

namespace {

/** A rule's verdict: true only when it evaluates to true; null and false are false. */
bool holds(const LayoutExpression &rule, const EvaluationContext &context, std::optional<ExpressionError> &error)
{
    const Evaluation result = rule.parsed->evaluate(context);
    if (result.error)
        error = result.error;
    return result.value.toBool();
}

} // namespace

FormEvaluator::FormEvaluator(const Layout &layout)
    : m_layout(layout)
    , m_index(FieldIndex::of(layout))
    , m_computed(ComputedOrder::of(layout.allFields(), m_index.fields).order)
{}

QString FormEvaluator::rowPath(const QString &group, qsizetype row, const QString &field)
{
    return group + QLatin1Char('[') + QString::number(row) + QStringLiteral("].") + field;
}

FormEvaluator::RowAddress FormEvaluator::rowAddress(const QString &path)
{
    static const QRegularExpression shape(QStringLiteral("^([A-Za-z_][A-Za-z0-9_]*)\\[(\\d+)\\]\\.(.+)$"));
    const QRegularExpressionMatch match = shape.match(path);
    if (!match.hasMatch())
        return RowAddress{QString(), -1, path};
    return RowAddress{match.captured(1), match.captured(2).toInt(), match.captured(3)};
}

EvaluationContext FormEvaluator::context(const FormData &data, const FormRow *row, const QDate &today,
                                         const QDateTime &now) const
{
    const auto field = [this, &data, row](const QString &path) -> FormValue {
        const qsizetype dot = path.indexOf(QLatin1Char('.'));
        if (dot >= 0) {
            FormValue::List column;
            const QString id = path.mid(dot + 1);
            for (const FormRow &each : data.rows(path.left(dot)))
                column.push_back(each.values.value(id));
            return FormValue::list(std::move(column));
        }
        const FieldSpec *spec = m_index.fields.value(path);
        if (spec && spec->isGroup())
            return data.rowIds(path);
        if (row && m_index.groups.contains(path))
            return row->values.value(path);
        return data.value(path);
    };
    return EvaluationContext{field, today, now};
}

void FormEvaluator::compute(FormData &data, FormState &state, const QDate &today, const QDateTime &now) const
{
    for (const FieldSpec *spec : m_computed) {
        const FieldSpec *group = m_index.groups.value(spec->id);
        if (!group) {
            const Evaluation result = spec->computed.parsed->evaluate(context(data, nullptr, today, now));
            data.setValue(spec->id, result.value);
            if (result.error)
                state.fields[spec->id].error = result.error;
            continue;
        }
        std::vector<FormRow> &rows = data.rows(group->id);
        for (size_t i = 0; i < rows.size(); ++i) {
            const Evaluation result = spec->computed.parsed->evaluate(context(data, &rows[i], today, now));
            if (result.value.isNull())
                rows[i].values.remove(spec->id);
            else
                rows[i].values.insert(spec->id, result.value);
            if (result.error)
                state.fields[rowPath(group->id, qsizetype(i), spec->id)].error = result.error;
        }
    }
}

FieldState FormEvaluator::stateOf(const FieldSpec &field, bool shown, const EvaluationContext &context,
                                  const std::optional<ExpressionError> &computeError) const
{
    FieldState state;
    state.visible = shown && (!field.visibleIf.isSet() || holds(field.visibleIf, context, state.error));
    state.required = state.visible &&
                     (field.required || (field.requiredIf.isSet() && holds(field.requiredIf, context, state.error)));
    if (computeError)
        state.error = computeError;
    return state;
}

FormState FormEvaluator::evaluate(FormData &data, const QDate &today, const QDateTime &now) const
{
    FormState state;
    compute(data, state, today, now);
    const EvaluationContext top = context(data, nullptr, today, now);
    for (const LayoutSection &section : m_layout.sections) {
        std::optional<ExpressionError> ignored;
        const bool shown = !section.visibleIf.isSet() || holds(section.visibleIf, top, ignored);
        state.sections.insert(section.id, shown);
        for (const FieldSpec &field : section.fields) {
            FieldState &fieldState = state.fields[field.id];
            fieldState = stateOf(field, shown, top, fieldState.error);
            const std::vector<FormRow> &rows = data.rows(field.id);
            for (size_t i = 0; i < rows.size() && field.isGroup(); ++i) {
                const EvaluationContext inRow = context(data, &rows[i], today, now);
                for (const FieldSpec &child : field.children) {
                    FieldState &childState = state.fields[rowPath(field.id, qsizetype(i), child.id)];
                    childState = stateOf(child, fieldState.visible, inRow, childState.error);
                }
            }
        }
    }
    return state;
}

} // namespace fieldline::forms
