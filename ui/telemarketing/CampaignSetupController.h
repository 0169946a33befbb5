#pragma once

#include "ui/telemarketing/ListFlow.h"

#include <QObject>

#include <functional>

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class CampaignSetupWorkspace;

/** Fills the campaign set-up from the replica and stores what the manager saves (telemarketing::CampaignSetup). */
class CampaignSetupController : public QObject
{
    Q_OBJECT

public:
    CampaignSetupController(CampaignSetupWorkspace *view, app::SyncService *sync, QObject *parent = nullptr);

    /** Lists the campaigns again with @p select (a key) selected, or the one shown. */
    void refresh(const QString &select = QString());
    /** Imports the list in file @p path into the campaign shown (ListFlow); listImported() tells when it is over. */
    void importList(const QString &path) { useList(ListFlow::Action::Add, path); }
    /** Takes the people of the list in file @p path out of the campaign shown (ListFlow). */
    void removeList(const QString &path) { useList(ListFlow::Action::Remove, path); }
    /** What asks for the list's file (a file dialog; tests give a path): empty when the manager cancels. */
    void setFileChooser(std::function<QString()> chooser) { m_chooseFile = std::move(chooser); }

signals:
    /** A list import or removal ended, whatever its outcome (shown in the set-up). */
    void listImported();

private:
    void useList(ListFlow::Action action, const QString &path);
    QString chooseList(const QString &title) const;
    void show(const QString &key);
    void save();
    void addContacts();

    CampaignSetupWorkspace *m_view;
    app::SyncService *m_sync;
    std::function<QString()> m_chooseFile;
    ListFlow *m_lists;
};

} // namespace fieldline::ui
