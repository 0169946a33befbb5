#pragma once

#include <QMainWindow>

class QAction;
class QListView;
class QMenu;
class QStackedWidget;

namespace fieldline::ui {

class Workspace;
class WorkspaceListModel;

/**
 * The window of an unlocked profile: a navigation list of workspaces beside the current one, menus and
 * shortcuts for lock (Ctrl+L), settings (Ctrl+,), about (F1) and quit (Ctrl+Q). It only composes; every
 * action is a signal that the shell handles.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);

    /** Takes ownership. The first nine get Ctrl+1 ... Ctrl+9. */
    void addWorkspace(Workspace *workspace);
    Workspace *currentWorkspace() const;
    void showWorkspace(Workspace *workspace);
    /** Hides a workspace the user may not use (its row and its shortcut), or offers it again. */
    void setWorkspaceAvailable(Workspace *workspace, bool available);
    bool isWorkspaceAvailable(const Workspace *workspace) const;
    WorkspaceListModel *workspaceModel() const { return m_model; }

    void showStatusMessage(const QString &text);
    /** Puts a permanent widget (the sync corner) at the right of the status bar. */
    void addStatusWidget(QWidget *widget);
    /** Adds actions to the File menu, above Lock. */
    void addFileActions(const QList<QAction *> &actions);

    QAction *lockAction() const { return m_lock; }
    QAction *settingsAction() const { return m_settings; }
    QAction *aboutAction() const { return m_about; }
    QAction *quitAction() const { return m_quit; }

signals:
    void lockRequested();
    void settingsRequested();
    void aboutRequested();
    void quitRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void showRow(int row);

    WorkspaceListModel *m_model;
    QListView *m_navigation;
    QStackedWidget *m_stack;
    QMenu *m_fileMenu;
    QMenu *m_goMenu;
    QMenu *m_helpMenu;
    QAction *m_lock;
    QAction *m_settings;
    QAction *m_quit;
    QAction *m_about;
    QList<QAction *> m_goActions;
};

} // namespace fieldline::ui
