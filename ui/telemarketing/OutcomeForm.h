#pragma once

#include "app/forms/Layout.h"
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
 * in a dialog over the agent's screen; "Record outcome" (Ctrl+Return) checks every field and stores the filled-in
 * form as a finalised submission of the agent's, which the attempt then points at. Escape goes back to wrap-up.
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
    /** The form was stored as submission @p submission. */
    void recorded(const sync::RowId &submission);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    OutcomeForm(sync::Replica &replica, sync::RowId layoutRow, QString form, forms::Layout layout, QString agent,
                const QString &language, QWidget *parent);
    void record();

    sync::Replica &m_replica;
    sync::RowId m_layoutRow;
    QString m_form;
    std::unique_ptr<forms::Layout> m_layout;
    QString m_agent;
    FormController *m_controller;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace fieldline::ui
