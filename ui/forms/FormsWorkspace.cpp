#include "FormsWorkspace.h"

#include "ui/controls/MessageBanner.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

namespace {

enum Role { KeyRole = Qt::UserRole, IsNewRole };

} // namespace

FormsWorkspace::FormsWorkspace(QWidget *parent)
    : Workspace(parent)
    , m_list(new QListWidget)
    , m_heading(new QLabel)
    , m_banner(new MessageBanner)
    , m_holder(new QWidget)
    , m_empty(new QLabel)
    , m_finalise(new QPushButton)
    , m_back(new QAction(this))
{
    m_list->setObjectName(QStringLiteral("formsList"));
    m_list->setMinimumWidth(220);
    m_list->setMaximumWidth(320);
    m_heading->setObjectName(QStringLiteral("formHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    m_heading->setTextFormat(Qt::PlainText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    // The form scrolls itself (FormView is a scroll area).
    auto *holderLayout = new QVBoxLayout(m_holder);
    holderLayout->setContentsMargins(0, 0, 0, 0);
    m_holder->hide();
    m_finalise->setObjectName(QStringLiteral("finaliseForm"));
    m_finalise->hide();
    // An action rather than the button's shortcut, which its text's mnemonic would replace.
    auto *finalise = new QAction(this);
    finalise->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    finalise->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(finalise);
    connect(finalise, &QAction::triggered, this, &FormsWorkspace::finaliseRequested);
    m_back->setShortcut(QKeySequence(Qt::Key_Escape));
    m_back->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_back);

    auto *right = new QVBoxLayout;
    right->addWidget(m_heading);
    right->addWidget(m_banner);
    right->addWidget(m_empty, 1);
    right->addWidget(m_holder, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_finalise);
    right->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_list);
    layout->addLayout(right, 1);

    connect(m_list, &QListWidget::itemActivated, this, &FormsWorkspace::activate);
    connect(m_finalise, &QPushButton::clicked, this, &FormsWorkspace::finaliseRequested);
    connect(m_back, &QAction::triggered, this, &FormsWorkspace::focusList);
    retranslateUi();
}

QString FormsWorkspace::title() const
{
    return tr("Forms");
}

QIcon FormsWorkspace::icon() const
{
    return QIcon(QStringLiteral(":/icons/fieldline.png"));
}

void FormsWorkspace::setEntries(const std::vector<Entry> &startable, const std::vector<Entry> &drafts)
{
    m_startable = startable;
    m_drafts = drafts;
    const QString current = m_list->currentItem() ? m_list->currentItem()->data(KeyRole).toString() : QString();
    m_list->clear();
    addHeader(tr("Start a form"));
    auto add = [this, &current](const Entry &entry, bool isNew) {
        auto *item =
            new QListWidgetItem(entry.detail.isEmpty() ? entry.title : tr("%1 · %2").arg(entry.title, entry.detail));
        item->setToolTip(entry.detail);
        item->setData(KeyRole, entry.key);
        item->setData(IsNewRole, isNew);
        if (entry.returned)
            item->setForeground(palette().color(QPalette::Link));
        m_list->addItem(item);
        if (entry.key == current)
            m_list->setCurrentItem(item);
    };
    for (const Entry &entry : startable)
        add(entry, true);
    addHeader(drafts.empty() ? tr("No drafts") : tr("Drafts"));
    for (const Entry &entry : drafts)
        add(entry, false);
    if (!m_list->currentItem() && m_list->count() > 1)
        m_list->setCurrentRow(1);
}

void FormsWorkspace::addHeader(const QString &text)
{
    auto *item = new QListWidgetItem(text);
    item->setFlags(Qt::NoItemFlags);
    item->setForeground(palette().color(QPalette::WindowText)); // a heading, not a disabled entry
    QFont font = m_list->font();
    font.setBold(true);
    item->setFont(font);
    m_list->addItem(item);
}

void FormsWorkspace::showForm(QWidget *form, const QString &heading)
{
    // At once, not later: the form's widgets point into a layout its owner frees next.
    delete m_form;
    m_form = form;
    m_banner->clear();
    m_heading->setText(heading);
    m_holder->setVisible(form);
    m_empty->setVisible(!form);
    m_finalise->setVisible(form);
    if (form)
        m_holder->layout()->addWidget(form);
}

void FormsWorkspace::showProblem(const QString &text)
{
    m_banner->showMessage(MessageBanner::Kind::Error, [text] { return text; });
}

void FormsWorkspace::showNotice(const QString &text)
{
    m_banner->showMessage(MessageBanner::Kind::Notice, [text] { return text; });
}

void FormsWorkspace::focusList()
{
    m_list->setFocus();
}

void FormsWorkspace::activate(QListWidgetItem *item)
{
    if (item && item->flags() != Qt::NoItemFlags)
        emit openRequested(item->data(KeyRole).toString(), item->data(IsNewRole).toBool());
}

void FormsWorkspace::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        emit titleChanged();
    }
    Workspace::changeEvent(event);
}

void FormsWorkspace::retranslateUi()
{
    m_list->setAccessibleName(tr("Forms and drafts"));
    m_empty->setText(tr("Choose a form to start or a draft to finish, then press Enter.\n"
                        "Ctrl+Enter finalises the open form; Escape comes back to this list."));
    m_finalise->setText(tr("Fi&nalise"));
    m_finalise->setToolTip(tr("Check every field and send the form (Ctrl+Enter)"));
    if (!m_form)
        m_heading->setText(tr("Forms"));
    setEntries(std::vector<Entry>(m_startable), std::vector<Entry>(m_drafts));
}

} // namespace fieldline::ui
