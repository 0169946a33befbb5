#pragma once

#include "ui/telemarketing/AgentController.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class AgentWorkspace;
class LanguageManager;

/**
 * Connects the Calls workspace to the open profile: when the replica opens it picks the first active campaign
 * this device has and starts an AgentController for the signed-in agent; on lock it lets go of everything. The
 * calls go through the telephony backend given (the softphone hand-off until a SIP account is set up).
 */
class AgentSession : public QObject
{
    Q_OBJECT

public:
    AgentSession(AgentWorkspace *view, app::SyncService *sync, LanguageManager *language,
                 std::unique_ptr<telephony::Telephony> telephony, QObject *parent = nullptr);
    ~AgentSession() override;

    AgentController *controller() const { return m_controller; }
    telephony::Telephony *telephony() const { return m_telephony.get(); }
    /** Looks for a campaign again (after a sync brought one). */
    void refresh();
    /** Works as @p agent instead of the signed-in user (the screenshot tour has no server to sign in to). */
    void setAgent(const QString &agent);

private:
    void close();

    AgentWorkspace *m_view;
    app::SyncService *m_sync;
    LanguageManager *m_language;
    std::unique_ptr<telephony::Telephony> m_telephony;
    QPointer<AgentController> m_controller;
    QString m_agent;
};

} // namespace fieldline::ui
