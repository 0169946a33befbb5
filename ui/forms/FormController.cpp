#include "FormController.h"

#include <QUuid>

namespace fieldline::ui {

using forms::FieldSpec;
using forms::FormEvaluator;
using forms::FormValue;

FormController::FormController(const forms::Layout &layout, FormView *view, Clock clock, QObject *parent)
    : QObject(parent)
    , m_layout(layout)
    , m_view(view)
    , m_clock(std::move(clock))
    , m_evaluator(layout)
    , m_validator(m_evaluator)
{
    connect(view, &FormView::edited, this, &FormController::onEdited);
    connect(view, &FormView::addRowRequested, this, &FormController::addRow);
    connect(view, &FormView::removeRowRequested, this, &FormController::removeRow);
    forms::FormData fresh;
    for (const forms::LayoutSection &section : layout.sections) {
        for (const FieldSpec &field : section.fields)
            fresh.setValue(field.id, field.defaultValue);
    }
    setData(fresh);
}

void FormController::setData(const forms::FormData &data)
{
    m_data = data;
    m_touched.clear();
    for (const forms::LayoutSection &section : m_layout.sections) {
        for (const FieldSpec &field : section.fields) {
            if (field.isGroup())
                m_view->setRowCount(field.id, int(m_data.rows(field.id).size()));
        }
    }
    showValues();
    refresh();
}

void FormController::merge(const forms::FormData &data)
{
    const QSet<QString> touched = m_touched;
    setData(data);
    m_touched = touched;
    refresh();
}

void FormController::show(FieldControl *control, const forms::FormValue &value)
{
    // Only what differs: the field being typed in keeps its text and cursor when another one changes.
    if (control->value() != value)
        control->setValue(value);
}

void FormController::showValues()
{
    for (const FieldSpec *field : m_layout.allFields()) {
        if (const FieldSpec *group = m_evaluator.groupOf(field->id)) {
            const std::vector<forms::FormRow> &rows = m_data.rows(group->id);
            for (size_t i = 0; i < rows.size(); ++i) {
                if (FieldControl *control = m_view->control(FormEvaluator::rowPath(group->id, qsizetype(i), field->id)))
                    show(control, rows[i].values.value(field->id));
            }
        } else if (FieldControl *control = m_view->control(field->id)) {
            show(control, m_data.value(field->id));
        }
    }
}

void FormController::onEdited(const QString &path)
{
    FieldControl *control = m_view->control(path);
    if (!control)
        return;
    const FormEvaluator::RowAddress address = FormEvaluator::rowAddress(path);
    const FormValue value = control->value();
    if (address.row < 0) {
        m_data.setValue(path, value);
    } else if (address.row < int(m_data.rows(address.group).size())) {
        forms::FieldValues &values = m_data.rows(address.group)[size_t(address.row)].values;
        if (value.isNull())
            values.remove(address.field);
        else
            values.insert(address.field, value);
    }
    m_touched.insert(path);
    refresh();
    emit changed();
}

forms::FormRow FormController::newRow(const FieldSpec &group) const
{
    forms::FormRow row{QUuid::createUuid().toString(QUuid::WithoutBraces), {}};
    for (const FieldSpec &child : group.children) {
        if (!child.defaultValue.isNull())
            row.values.insert(child.id, child.defaultValue);
    }
    return row;
}

void FormController::addRow(const QString &group)
{
    const FieldSpec *spec = m_evaluator.field(group);
    if (!spec || !spec->isGroup())
        return;
    m_data.rows(group).push_back(newRow(*spec));
    const int rows = int(m_data.rows(group).size());
    m_view->setRowCount(group, rows);
    showValues();
    m_touched.insert(group);
    refresh();
    m_view->focusField(FormEvaluator::rowPath(group, rows - 1, spec->children.front().id));
    emit changed();
}

void FormController::removeRow(const QString &group, int row)
{
    std::vector<forms::FormRow> &rows = m_data.rows(group);
    if (row < 0 || row >= int(rows.size()))
        return;
    rows.erase(rows.begin() + row);
    // Paths of later rows shift down by one: forget what was touched in the group's rows.
    m_touched.removeIf([&](const QString &path) { return FormEvaluator::rowAddress(path).group == group; });
    m_view->setRowCount(group, int(rows.size()));
    showValues();
    refresh();
    const FieldSpec *spec = m_evaluator.field(group);
    if (!rows.empty())
        m_view->focusField(
            FormEvaluator::rowPath(group, std::min(row, int(rows.size()) - 1), spec->children.front().id));
    emit changed();
}

void FormController::refresh()
{
    const QDateTime now = m_clock();
    const forms::FormState state = m_evaluator.evaluate(m_data, now.date(), now);
    for (const auto &[id, shown] : state.sections.asKeyValueRange())
        m_view->setSectionShown(id, shown);
    for (const FieldSpec *field : m_layout.allFields()) {
        const FieldSpec *group = m_evaluator.groupOf(field->id);
        const auto apply = [&](const QString &path, const FormValue &value, const forms::FormRow *row) {
            const forms::FieldState fieldState = state.field(path);
            m_view->setFieldShown(path, fieldState.visible, fieldState.required);
            FieldControl *control = m_view->control(path);
            if (field->computed.isSet() && control)
                control->setValue(value);
            if (!m_touched.contains(path))
                return;
            const QString parseError = control ? control->parseError() : QString();
            m_view->setError(path, !parseError.isEmpty()
                                       ? parseError
                                       : m_validator.check(*field, value, fieldState,
                                                           m_evaluator.context(m_data, row, now.date(), now)));
        };
        if (!group) {
            apply(field->id, field->isGroup() ? m_data.rowIds(field->id) : m_data.value(field->id), nullptr);
            continue;
        }
        const std::vector<forms::FormRow> &rows = m_data.rows(group->id);
        for (size_t i = 0; i < rows.size(); ++i)
            apply(FormEvaluator::rowPath(group->id, qsizetype(i), field->id), rows[i].values.value(field->id),
                  &rows[i]);
    }
}

bool FormController::finalise()
{
    const QDateTime now = m_clock();
    const std::vector<forms::LayoutProblem> problems = m_validator.validate(m_data, now.date(), now);
    for (const forms::LayoutProblem &problem : problems)
        m_touched.insert(problem.path);
    refresh();
    if (problems.empty())
        return true;
    m_view->focusField(problems.front().path);
    return false;
}

} // namespace fieldline::ui
