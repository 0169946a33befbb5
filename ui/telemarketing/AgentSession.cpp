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
            else if (m_sync->replica())
                listCampaigns();
        });
    }
    connect(view, &AgentWorkspace::campaignChosen, this, &AgentSession::chooseCampaign);
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
    const sync::RowId campaign = listCampaigns();
    if (campaign == sync::RowId()) {
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
    setup.campaign = campaign;
    setup.language = m_language->language();
    setup.sync = m_sync;
    m_controller = new AgentController(m_view, setup, this);
    connect(m_controller, &AgentController::betweenCalls, this, [this] {
        if (m_reconfigurePending) { // once: reconfigure() defers again if a call started meanwhile
            m_reconfigurePending = false;
            QMetaObject::invokeMethod(this, &AgentSession::reconfigure, Qt::QueuedConnection);
        }
    });
    if (!m_controller->start())
        delete m_controller;
}

sync::RowId AgentSession::listCampaigns()
{
    auto campaigns = telemarketing::Campaign::active(m_sync->replica()->database());
    if (!campaigns) {
        const QString message = campaigns.message();
        m_view->showProblem([message] { return message; });
        return {};
    }
    QList<AgentWorkspace::CampaignChoice> choices;
    bool chosenIsActive = false;
    for (const telemarketing::Campaign::Listed &campaign : *campaigns) {
        choices.append({campaign.id.toHex(), campaign.name});
        chosenIsActive = chosenIsActive || campaign.id == m_campaign;
    }
    if (!chosenIsActive && !m_controller)
        m_campaign = campaigns->empty() ? sync::RowId() : campaigns->front().id;
    m_view->setCampaigns(choices, m_campaign.toHex());
    return m_campaign;
}

void AgentSession::chooseCampaign(const QString &key)
{
    std::optional<sync::RowId> chosen = sync::RowId::fromBytes(QByteArray::fromHex(key.toLatin1()));
    if (!chosen || *chosen == m_campaign)
        return;
    if (m_controller && m_controller->isOnCall()) {
        m_view->showProblem(
            [] { return AgentSession::tr("Finish this call and record it before switching campaigns."); });
        listCampaigns(); // the picker shows the campaign still being worked
        return;
    }
    m_campaign = *chosen;
    delete m_controller;
    refresh();
}

} // namespace fieldline::ui
