#include "ui/telemarketing/ProgressController.h"

#include "app/sync/SyncService.h"
#include "app/telemarketing/AgentStats.h"
#include "app/telemarketing/CampaignProgress.h"
#include "ui/telemarketing/ProgressWorkspace.h"

namespace fieldline::ui {

ProgressController::ProgressController(ProgressWorkspace *view, app::SyncService *sync, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_sync(sync)
{
    connect(sync, &app::SyncService::openChanged, this, &ProgressController::refresh);
    connect(sync, &app::SyncService::dataChanged, this, &ProgressController::refresh);
    m_timer.setInterval(60'000);
    connect(&m_timer, &QTimer::timeout, this, &ProgressController::refresh);
    connect(view, &ProgressWorkspace::shown, this, &ProgressController::refresh);
    m_timer.start();
    refresh();
}

void ProgressController::refresh()
{
    sync::Replica *replica = m_sync->replica();
    if (!replica || !m_view->isVisible())
        return; // read when shown rather than behind the manager's back
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_sync->clock().nowMs());
    const telemarketing::LocalDay day = telemarketing::LocalDay::of(now);
    auto report = telemarketing::ProgressReport::read(replica->database(), day.startMs, day.endMs);
    if (!report) {
        m_view->showProblem(report.message());
        return;
    }
    m_view->setReport(report.value(), now);
}

} // namespace fieldline::ui
