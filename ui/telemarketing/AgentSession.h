#pragma once

#include "ui/telemarketing/AgentController.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class AgentWorkspace;
class LanguageManager;

/**
 * Connects the Calls workspace to the open profile: when the replica opens it builds the telephony backend the
 * call settings choose, lists the active campaigns this device has, works the one the agent picked (the first
 * until then; a switch waits for no call to be under way) with an AgentController for the signed-in agent; on lock it
 * lets go of everything (the built-in phone stops). New call settings take effect between calls: a call under way or in
 * wrap-up is finished first.
 */
class AgentSession : public QObject
{
    Q_OBJECT

public:
    /** Builds the backend from the open profile's call settings. */
    using TelephonyMaker = std::function<std::unique_ptr<telephony::Telephony>()>;

    AgentSession(AgentWorkspace *view, app::SyncService *sync, LanguageManager *language, TelephonyMaker telephony,
                 QObject *parent = nullptr);
    ~AgentSession() override;

    AgentController *controller() const { return m_controller; }
    telephony::Telephony *telephony() const { return m_telephony.get(); }
    /** Looks for a campaign again (after a sync brought one). */
    void refresh();
    /** The call settings changed: the backend is built again, now or when the current call is recorded. */
    void reconfigure();
    /** Works as @p agent instead of the signed-in user (the screenshot tour has no server to sign in to). */
    void setAgent(const QString &agent);

private:
    void close();
    /** Lists the active campaigns in the picker; the one to work, or a null id when there is none. */
    sync::RowId listCampaigns();
    void chooseCampaign(const QString &key);

    AgentWorkspace *m_view;
    app::SyncService *m_sync;
    LanguageManager *m_language;
    TelephonyMaker m_makeTelephony;
    std::unique_ptr<telephony::Telephony> m_telephony;
    QPointer<AgentController> m_controller;
    QString m_agent;
    sync::RowId m_campaign; ///< the campaign being worked, or the agent's choice
    bool m_reconfigurePending = false;
};

} // namespace fieldline::ui
