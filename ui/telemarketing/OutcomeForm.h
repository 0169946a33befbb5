#pragma once

#include "app/forms/Layout.h"
#include "app/formsync/SubmissionStore.h"
#include "storage/Error.h"
#include "sync/ByteId.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class QDialogButtonBox;
class QLabel;

namespace fieldline::sync {
class Replica;
}

namespace fieldline::ui {

class FormController;

/**
 * The outcome form a disposition asks for (DESIGN.md section 5): the newest published version of the form is shown
 * in a dialog over the agent's screen; "Record outcome" (Ctrl+Return) checks every field and hands the filled-in form
 * on, to be stored as a finalised submission of the agent's together with the attempt that points at it. Escape goes
 * back to wrap-up.
 */
class OutcomeForm : public QDialog
{
    Q_OBJECT

public:
    /** The form @p form as this device has it; nullptr with @p problem set when it has not arrived or is unreadable. */
    static OutcomeForm *create(sync::Replica &replica, const QString &form, const QString &agent,
                               const QString &language, QWidget *parent, QString *problem);
    ~OutcomeForm() override;

signals:
    /** Every field was checked; @p form is what the agent filled in, not stored yet. */
    void filled(const formsync::FilledForm &form);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    OutcomeForm(sync::RowId layoutRow, QString form, forms::Layout layout, QString agent, const QString &language,
                QWidget *parent);
    void record();

    sync::RowId m_layoutRow;
    QString m_form;
    std::unique_ptr<forms::Layout> m_layout;
    QString m_agent;
    FormController *m_controller;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace fieldline::ui
