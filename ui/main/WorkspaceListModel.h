#pragma once

#include <QAbstractListModel>
#include <QKeySequence>
#include <QList>
#include <QPointer>

namespace fieldline::ui {

class Workspace;

/** The main window's navigation list: one row per workspace, title and icon, in order of addition. */
class WorkspaceListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { IdRole = Qt::UserRole + 1 };

    explicit WorkspaceListModel(QObject *parent = nullptr);

    /** Not owned. Rows follow the workspace's titleChanged(). */
    void addWorkspace(Workspace *workspace);
    Workspace *workspaceAt(int row) const;
    int rowOf(const Workspace *workspace) const;
    /** Ctrl+1 ... Ctrl+9 for the first nine rows; empty after that. */
    static QKeySequence shortcutFor(int row);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<QPointer<Workspace>> m_workspaces;
};

} // namespace fieldline::ui
