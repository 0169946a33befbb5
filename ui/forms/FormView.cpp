#include "FormView.h"

#include "app/forms/FormEvaluator.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText); // a layout's texts are never markup
    label->setWordWrap(true);
    return label;
}

} // namespace

FormView::FormView(const forms::Layout &layout, const QString &language, Attachments *attachments, QWidget *parent)
    : QScrollArea(parent)
    , m_language(language)
    , m_attachments(attachments)
{
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
    auto *page = new QWidget(this);
    auto *column = new QVBoxLayout(page);
    for (const forms::LayoutSection &section : layout.sections) {
        auto *box = new QGroupBox(section.title.text(language), page);
        auto *fields = new QVBoxLayout(box);
        for (const forms::FieldSpec &field : section.fields)
            fields->addWidget(field.isGroup() ? buildGroup(field, box) : buildField(field, field.id, box));
        column->addWidget(box);
        m_sections.insert(section.id, box);
    }
    column->addStretch(1);
    setWidget(page);
}

QWidget *FormView::buildField(const forms::FieldSpec &field, const QString &path, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->setSpacing(2);
    Entry entry;
    entry.box = box;
    entry.labelText = field.label.text(m_language);
    entry.label = plainLabel(entry.labelText, box);
    if (field.type != forms::FieldType::Checkbox)
        layout->addWidget(entry.label);
    else
        entry.label->hide();
    std::unique_ptr<FieldControl> control = FieldControl::create(field, m_language, m_attachments, box);
    entry.control = control.release();
    entry.control->setParent(box); // goes with its row when a repeat row is removed
    entry.control->setReadOnly(field.readOnly || field.computed.isSet());
    entry.label->setBuddy(entry.control->widget());
    layout->addWidget(entry.control->widget());
    if (!field.hint.isEmpty()) {
        QLabel *hint = plainLabel(field.hint.text(m_language), box);
        hint->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(hint);
    }
    entry.error = plainLabel(QString(), box);
    entry.error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    entry.error->hide();
    layout->addWidget(entry.error);
    connect(entry.control, &FieldControl::edited, this, [this, path] { emit edited(path); });
    m_entries.insert(path, entry);
    return box;
}

QWidget *FormView::buildGroup(const forms::FieldSpec &group, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 2, 0, 2);
    Entry entry;
    entry.box = box;
    entry.labelText = group.label.text(m_language);
    entry.label = plainLabel(entry.labelText, box);
    layout->addWidget(entry.label);
    Group rows;
    rows.spec = &group;
    rows.rows = new QVBoxLayout();
    layout->addLayout(rows.rows);
    auto *add = new QPushButton(tr("Add a row to %1").arg(entry.labelText), box);
    rows.add = add;
    add->setObjectName(QStringLiteral("addRow_") + group.id);
    connect(add, &QPushButton::clicked, this, [this, id = group.id] { emit addRowRequested(id); });
    layout->addWidget(add, 0, Qt::AlignLeft);
    entry.error = plainLabel(QString(), box);
    entry.error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    entry.error->hide();
    layout->addWidget(entry.error);
    m_entries.insert(group.id, entry);
    m_groups.insert(group.id, rows);
    return box;
}

QWidget *FormView::buildRow(const Group &group, int row)
{
    auto *frame = new QFrame(widget());
    frame->setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(frame);
    for (const forms::FieldSpec &child : group.spec->children)
        layout->addWidget(buildField(child, forms::FormEvaluator::rowPath(group.spec->id, row, child.id), frame), 1,
                          Qt::AlignTop);
    auto *remove = new QPushButton(tr("Remove row %1").arg(row + 1), frame);
    remove->setObjectName(QStringLiteral("removeRow_%1_%2").arg(group.spec->id).arg(row));
    connect(remove, &QPushButton::clicked, this,
            [this, id = group.spec->id, row] { emit removeRowRequested(id, row); });
    layout->addWidget(remove, 0, Qt::AlignTop);
    return frame;
}

FieldControl *FormView::control(const QString &path) const
{
    return m_entries.value(path).control;
}

void FormView::setFieldShown(const QString &path, bool shown, bool required)
{
    const auto it = m_entries.constFind(path);
    if (it == m_entries.cend())
        return;
    it->box->setVisible(shown);
    // The marker is part of the label's text, so screen readers say it as well.
    it->label->setText(required ? tr("%1 *").arg(it->labelText) : it->labelText);
    if (it->control && it->control->widget()->inherits("QCheckBox"))
        static_cast<QAbstractButton *>(it->control->widget())->setText(it->label->text());
}

void FormView::setSectionShown(const QString &id, bool shown)
{
    if (QGroupBox *box = m_sections.value(id))
        box->setVisible(shown);
}

void FormView::setError(const QString &path, const QString &error)
{
    const auto it = m_entries.constFind(path);
    if (it == m_entries.cend())
        return;
    it->error->setText(error);
    it->error->setVisible(!error.isEmpty());
    if (it->control)
        it->control->widget()->setAccessibleDescription(error);
}

QString FormView::error(const QString &path) const
{
    const Entry entry = m_entries.value(path);
    return entry.error && entry.error->isVisibleTo(widget()) ? entry.error->text() : QString();
}

void FormView::setRowCount(const QString &group, int rows)
{
    const auto it = m_groups.find(group);
    if (it == m_groups.end())
        return;
    while (int(it->rowWidgets.size()) > rows) {
        const int row = int(it->rowWidgets.size()) - 1;
        for (const forms::FieldSpec &child : it->spec->children)
            m_entries.remove(forms::FormEvaluator::rowPath(group, row, child.id));
        delete it->rowWidgets.back();
        it->rowWidgets.pop_back();
    }
    while (int(it->rowWidgets.size()) < rows) {
        QWidget *row = buildRow(*it, int(it->rowWidgets.size()));
        it->rows->addWidget(row);
        row->show(); // a layout would show it only later, from the event loop
        it->rowWidgets.push_back(row);
        // A new row's editors come before the group's "add" button in the Tab order, not at the window's end.
        QWidget *before = it->add->previousInFocusChain();
        for (QWidget *editor : row->findChildren<QWidget *>()) {
            if (editor->focusPolicy() & Qt::TabFocus) {
                QWidget::setTabOrder(before, editor);
                before = editor;
            }
        }
        QWidget::setTabOrder(before, it->add);
    }
}

int FormView::rowCount(const QString &group) const
{
    return int(m_groups.value(group).rowWidgets.size());
}

void FormView::focusField(const QString &path)
{
    if (FieldControl *field = control(path)) {
        ensureWidgetVisible(field->widget());
        field->widget()->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace fieldline::ui
