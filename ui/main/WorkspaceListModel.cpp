#include "ui/main/WorkspaceListModel.h"

#include "ui/main/Workspace.h"

namespace fieldline::ui {

QKeySequence WorkspaceListModel::shortcutFor(int row)
{
    return row >= 0 && row < 9 ? QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + row)) : QKeySequence();
}

WorkspaceListModel::WorkspaceListModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void WorkspaceListModel::addWorkspace(Workspace *workspace)
{
    const int row = int(m_workspaces.size());
    beginInsertRows(QModelIndex(), row, row);
    m_workspaces.append(workspace);
    endInsertRows();
    connect(workspace, &Workspace::titleChanged, this, [this, workspace] {
        const int changed = rowOf(workspace);
        if (changed >= 0)
            emit dataChanged(index(changed), index(changed), {Qt::DisplayRole, Qt::ToolTipRole});
    });
}

Workspace *WorkspaceListModel::workspaceAt(int row) const
{
    return row >= 0 && row < m_workspaces.size() ? m_workspaces.at(row).data() : nullptr;
}

int WorkspaceListModel::rowOf(const Workspace *workspace) const
{
    for (int row = 0; row < m_workspaces.size(); ++row) {
        if (m_workspaces.at(row) == workspace)
            return row;
    }
    return -1;
}

int WorkspaceListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_workspaces.size());
}

QVariant WorkspaceListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Workspace *workspace = m_workspaces.at(index.row());
    if (!workspace)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return workspace->title();
    case Qt::ToolTipRole:
        // Ctrl+1 to Ctrl+9 jump to the first nine workspaces.
        return index.row() < 9
                   ? tr("%1 (%2)").arg(workspace->title(), shortcutFor(index.row()).toString(QKeySequence::NativeText))
                   : workspace->title();
    case Qt::DecorationRole:
        return workspace->icon();
    case IdRole:
        return workspace->id();
    default:
        return {};
    }
}

QHash<int, QByteArray> WorkspaceListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "workspaceId");
    return names;
}

} // namespace fieldline::ui
