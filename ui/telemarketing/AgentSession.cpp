#include "ui/telemarketing/AgentSession.h"

#include "app/sync/SyncService.h"
#include "app/telemarketing/Campaign.h"
#include "app/telephony/Telephony.h"
#include "ui/LanguageManager.h"
#include "ui/telemarketing/AgentController.h"
#include "ui/telemarketing/AgentWorkspace.h"

namespace fieldline::ui {

AgentSession::AgentSession(AgentWorkspace *view, app::SyncService *sync, LanguageManager *language,
                           TelephonyMaker telephony, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_sync(sync)
    , m_language(language)
    , m_makeTelephony(std::move(telephony))
{
    connect(sync, &app::SyncService::openChanged, this, &AgentSession::refresh);
    // A campaign that arrives with a sync, or a sign-in, starts the shift.
    for (auto signal : {&app::SyncService::dataChanged, &app::SyncService::statusChanged}) {
        connect(sync, signal, this, [this] {
            if (!m_controller)
                refresh();
        });
    }
    connect(sync, &app::SyncService::aboutToClose, this, &AgentSession::close);
    refresh();
}

AgentSession::~AgentSession()
{
    close();
}

void AgentSession::close()
{
    // Locking ends a call under way: nobody is left at the screen to talk or to record it.
    if (m_telephony && m_telephony->state() != telephony::Telephony::State::Idle)
        m_telephony->hangUp();
    delete m_controller;
    m_telephony.reset();
    m_reconfigurePending = false;
}

void AgentSession::reconfigure()
{
    if (m_controller && m_controller->isOnCall()) {
        m_reconfigurePending = true;
        return;
    }
    close();
    refresh();
}

void AgentSession::setAgent(const QString &agent)
{
    m_agent = agent;
    close();
    refresh();
}

void AgentSession::refresh()
{
    sync::Replica *replica = m_sync->replica();
    if (!replica) {
        close();
        return;
    }
    if (m_controller)
        return;
    const QString agent = m_agent.isEmpty() ? m_sync->account().user : m_agent;
    if (agent.isEmpty()) {
        m_view->showNotice([] { return AgentSession::tr("Sign in to take calls: every call is recorded as yours."); });
        return;
    }
    auto campaigns = telemarketing::Campaign::active(replica->database());
    if (!campaigns || campaigns->empty()) {
        m_view->showNotice([] { return AgentSession::tr("No campaign is active on this computer yet."); });
        return;
    }
    if (!m_telephony)
        m_telephony = m_makeTelephony();
    AgentController::Setup setup;
    setup.replica = replica;
    setup.telephony = m_telephony.get();
    setup.clock = &m_sync->clock();
    setup.agent = agent;
    setup.campaign = campaigns->front();
    setup.language = m_language->language();
    m_controller = new AgentController(m_view, setup, this);
    connect(m_controller, &AgentController::betweenCalls, this, [this] {
        if (m_reconfigurePending)
            QMetaObject::invokeMethod(this, &AgentSession::reconfigure, Qt::QueuedConnection);
    });
    if (!m_controller->start())
        delete m_controller;
}

} // namespace fieldline::ui
