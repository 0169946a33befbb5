#pragma once

#include <QObject>

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

private:
    void show(const QString &key);
    void save();
    void addContacts();

    CampaignSetupWorkspace *m_view;
    app::SyncService *m_sync;
};

} // namespace fieldline::ui
