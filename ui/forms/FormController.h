#pragma once

#include "FormView.h"

#include "app/forms/FormValidator.h"

#include <QSet>

#include <functional>

namespace fieldline::ui {

/**
 * Fills a form: keeps the submission's values, writes each edit into them, re-applies the layout's rules after
 * every change (computed values, visibility, required markers) and shows a field's problem once the user has
 * been in it. finalise() checks everything and takes the user to the first problem.
 */
class FormController : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    /** @p layout and @p view must outlive the controller; @p clock gives "now" (tests pass a fixed one). */
    FormController(const forms::Layout &layout, FormView *view, Clock clock, QObject *parent = nullptr);

    /** Shows @p data (a draft); a new form starts from the layout's defaults. */
    void setData(const forms::FormData &data);
    const forms::FormData &data() const { return m_data; }
    /** Shows @p data (the draft as another device changed it) keeping which fields the user has been in. */
    void merge(const forms::FormData &data);
    /** Checks every field; shows each problem at its field and focuses the first. True when there is none. */
    bool finalise();

signals:
    /** The values changed: the moment to save the draft. */
    void changed();

private:
    void onEdited(const QString &path);
    void addRow(const QString &group);
    void removeRow(const QString &group, int row);
    void showValues();
    void show(FieldControl *control, const forms::FormValue &value);
    /** Applies the rules, then shows computed values, visibility, markers and the problems of touched fields. */
    void refresh();
    forms::FormRow newRow(const forms::FieldSpec &group) const;

    const forms::Layout &m_layout;
    FormView *m_view;
    Clock m_clock;
    forms::FormEvaluator m_evaluator;
    forms::FormValidator m_validator;
    forms::FormData m_data;
    QSet<QString> m_touched;
};

} // namespace fieldline::ui
