#include "ui/overview/OverviewController.h"

#include "app/ProfileService.h"
#include "ui/overview/OverviewWorkspace.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace fieldline::ui {

OverviewController::OverviewController(OverviewWorkspace *view, app::ProfileService *profile, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_profile(profile)
{}

void OverviewController::unlocked()
{
    m_view->setUnlockedAt(QDateTime::currentDateTime());
    refresh();
}

void OverviewController::refresh()
{
    if (m_profile->state() != app::ProfileService::State::Unlocked) {
        clear();
        return;
    }
    const QDir folder(m_profile->directory());
    qint64 bytes = 0;
    // Everything in the profile folder is the profile: database, write-ahead log and key file.
    const QFileInfoList files = folder.entryInfoList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QFileInfo &file : files)
        bytes += file.size();
    m_view->setProfileFolder(QDir::toNativeSeparators(folder.absolutePath()));
    m_view->setDatabaseSize(bytes);
    m_view->setRemembered(m_profile->isRemembered());
}

void OverviewController::clear()
{
    m_view->clear();
}

} // namespace fieldline::ui
