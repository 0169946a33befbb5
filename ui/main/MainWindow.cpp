#include "ui/main/MainWindow.h"

#include "ui/main/Workspace.h"
#include "ui/main/WorkspaceListModel.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QListView>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>

namespace fieldline::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_model(new WorkspaceListModel(this))
    , m_navigation(new QListView(this))
    , m_stack(new QStackedWidget(this))
    , m_fileMenu(menuBar()->addMenu(QString()))
    , m_goMenu(menuBar()->addMenu(QString()))
    , m_helpMenu(menuBar()->addMenu(QString()))
    , m_lock(new QAction(this))
    , m_settings(new QAction(this))
    , m_quit(new QAction(this))
    , m_about(new QAction(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/fieldline.png")));
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setModel(m_model);
    m_navigation->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_navigation->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigation->setFixedWidth(190);
    m_navigation->setSpacing(2);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);

    m_lock->setObjectName(QStringLiteral("lockAction"));
    m_lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_settings->setObjectName(QStringLiteral("settingsAction"));
    m_settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_quit->setObjectName(QStringLiteral("quitAction"));
    m_quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    m_quit->setMenuRole(QAction::QuitRole);
    m_about->setObjectName(QStringLiteral("aboutAction"));
    m_about->setShortcut(QKeySequence(Qt::Key_F1));
    m_about->setMenuRole(QAction::AboutRole);
    // Shortcuts work wherever the focus is inside the window, including in the workspaces.
    for (QAction *action : {m_lock, m_settings, m_quit, m_about})
        action->setShortcutContext(Qt::WindowShortcut);

    m_fileMenu->addAction(m_lock);
    m_fileMenu->addAction(m_settings);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_helpMenu->addAction(m_about);

    connect(m_lock, &QAction::triggered, this, &MainWindow::lockRequested);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_about, &QAction::triggered, this, &MainWindow::aboutRequested);
    connect(m_navigation->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { m_stack->setCurrentIndex(current.row()); });

    resize(1000, 680);
    retranslateUi();
}

void MainWindow::addWorkspace(Workspace *workspace)
{
    m_stack->addWidget(workspace);
    m_model->addWorkspace(workspace);
    const int row = m_model->rowOf(workspace);
    const QKeySequence shortcut = WorkspaceListModel::shortcutFor(row);
    if (!shortcut.isEmpty()) {
        auto *go = new QAction(this);
        go->setShortcut(shortcut);
        go->setShortcutContext(Qt::WindowShortcut);
        connect(go, &QAction::triggered, this, [this, row] { showRow(row); });
        connect(workspace, &Workspace::titleChanged, this, [go, workspace] { go->setText(workspace->title()); });
        go->setText(workspace->title());
        m_goMenu->addAction(go);
        m_goActions.append(go);
    }
    if (row == 0)
        showRow(0);
}

Workspace *MainWindow::currentWorkspace() const
{
    return qobject_cast<Workspace *>(m_stack->currentWidget());
}

void MainWindow::showWorkspace(Workspace *workspace)
{
    showRow(m_model->rowOf(workspace));
}

void MainWindow::setWorkspaceAvailable(Workspace *workspace, bool available)
{
    const int row = m_model->rowOf(workspace);
    if (row < 0 || isWorkspaceAvailable(workspace) == available)
        return;
    m_navigation->setRowHidden(row, !available);
    if (row < m_goActions.size()) {
        m_goActions[row]->setVisible(available);
        m_goActions[row]->setEnabled(available);
    }
    if (!available && m_stack->currentIndex() == row)
        showRow(0);
}

bool MainWindow::isWorkspaceAvailable(const Workspace *workspace) const
{
    const int row = m_model->rowOf(workspace);
    return row >= 0 && !m_navigation->isRowHidden(row);
}

void MainWindow::addStatusWidget(QWidget *widget)
{
    statusBar()->addPermanentWidget(widget);
}

void MainWindow::addFileActions(const QList<QAction *> &actions)
{
    m_fileMenu->insertActions(m_lock, actions);
    m_fileMenu->insertSeparator(m_lock);
    addActions(actions); // shortcuts work while the menu is closed
}

void MainWindow::showStatusMessage(const QString &text)
{
    statusBar()->showMessage(text, 10000);
}

void MainWindow::showRow(int row)
{
    if (row < 0 || row >= m_model->rowCount() || m_navigation->isRowHidden(row))
        return;
    m_navigation->setCurrentIndex(m_model->index(row));
    m_stack->setCurrentIndex(row);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Fieldline"));
    m_fileMenu->setTitle(tr("&File"));
    m_goMenu->setTitle(tr("&Go"));
    m_helpMenu->setTitle(tr("&Help"));
    m_lock->setText(tr("&Lock"));
    m_lock->setStatusTip(tr("Close the profile and wipe its keys from memory until you unlock it again."));
    m_settings->setText(tr("&Settings…"));
    m_quit->setText(tr("&Quit"));
    m_about->setText(tr("&About Fieldline"));
    m_navigation->setAccessibleName(tr("Workspaces"));
    m_stack->setAccessibleName(tr("Current workspace"));
    // The menu bar's own overflow button, shown when the window is too narrow for every menu.
    if (auto *more = menuBar()->findChild<QWidget *>(QStringLiteral("qt_menubar_ext_button")))
        more->setAccessibleName(tr("More menus"));
}

} // namespace fieldline::ui
