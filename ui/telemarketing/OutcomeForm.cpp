#include "ui/telemarketing/OutcomeForm.h"

#include "app/forms/LayoutJson.h"
#include "app/formsync/LayoutCatalog.h"
#include "app/formsync/SubmissionCells.h"
#include "ui/forms/FormController.h"
#include "ui/forms/FormView.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QVBoxLayout>

namespace fieldline::ui {

OutcomeForm *OutcomeForm::create(sync::Replica &replica, const QString &form, const QString &agent,
                                 const QString &language, QWidget *parent, QString *problem)
{
    auto startable = formsync::LayoutCatalog(replica).startable();
    if (!startable) {
        *problem = startable.message();
        return nullptr;
    }
    for (const formsync::LayoutRecord &record : *startable) {
        if (record.form != form)
            continue;
        forms::LayoutReader::Result read = record.read();
        if (!read.layout) {
            *problem =
                tr("The outcome form %1 cannot be shown: %2").arg(form, forms::LayoutJson::describe(read.problems));
            return nullptr;
        }
        return new OutcomeForm(record.id, form, std::move(*read.layout), agent, language, parent);
    }
    *problem =
        tr("The outcome form %1 has not reached this computer yet; sync, then pick the disposition again.").arg(form);
    return nullptr;
}

OutcomeForm::OutcomeForm(sync::RowId layoutRow, QString form, forms::Layout layout, QString agent,
                         const QString &language, QWidget *parent)
    : QDialog(parent)
    , m_layoutRow(layoutRow)
    , m_form(std::move(form))
    , m_layout(std::make_unique<forms::Layout>(std::move(layout)))
    , m_agent(std::move(agent))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("outcomeForm"));
    setWindowTitle(m_layout->title.text(language));
    auto *view = new FormView(*m_layout, language);
    m_controller = new FormController(
        *m_layout, view, [] { return QDateTime::currentDateTime(); }, view);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(view);
    scroll->setWidgetResizable(true);
    m_problem->setObjectName(QStringLiteral("outcomeFormProblem"));
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->hide();
    // Not an accept button: a dialog presses its default button on Enter, and Enter moves on in the form.
    QPushButton *recordButton = m_buttons->addButton(tr("&Record outcome (Ctrl+Enter)"), QDialogButtonBox::ActionRole);
    recordButton->setObjectName(QStringLiteral("recordOutcome"));
    recordButton->setAutoDefault(false);
    connect(recordButton, &QPushButton::clicked, this, &OutcomeForm::record);
    auto *column = new QVBoxLayout(this);
    column->addWidget(scroll, 1);
    column->addWidget(m_problem);
    column->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)})
        connect(new QShortcut(keys, this), &QShortcut::activated, this, &OutcomeForm::record);
    resize(560, 520);
    const std::vector<const forms::FieldSpec *> fields = m_layout->allFields();
    if (!fields.empty())
        view->focusField(fields.front()->id);
}

OutcomeForm::~OutcomeForm() = default;

void OutcomeForm::keyPressEvent(QKeyEvent *event)
{
    // Enter that a field passes on must not press a button: half a form is no outcome (Ctrl+Enter records).
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) &&
        !(event->modifiers() & Qt::ControlModifier)) {
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void OutcomeForm::record()
{
    if (!m_controller->finalise()) {
        m_problem->setText(tr("Some fields need attention; the first one has the focus."));
        m_problem->show();
        return;
    }
    // Stored only with the outcome (AgentController::record): a callback cancelled afterwards leaves no form behind.
    emit filled(formsync::FilledForm{m_layoutRow, m_form, m_agent,
                                     formsync::SubmissionCells::encode(m_controller->data(), *m_layout)});
    accept();
}

} // namespace fieldline::ui
