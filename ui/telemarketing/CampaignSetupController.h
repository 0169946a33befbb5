#pragma once

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
    /** Imports the list in file @p path into the campaign shown (telemarketing::ListImport). */
    void importList(const QString &path);
    /** What asks for the list's file (a file dialog; tests give a path): empty when the manager cancels. */
    void setFileChooser(std::function<QString()> chooser) { m_chooseFile = std::move(chooser); }

private:
    void show(const QString &key);
    void save();
    void addContacts();

    CampaignSetupWorkspace *m_view;
    app::SyncService *m_sync;
    std::function<QString()> m_chooseFile;
};

} // namespace fieldline::ui
