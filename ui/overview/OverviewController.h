#pragma once

#include <QObject>

namespace fieldline::app {
class ProfileService;
}

namespace fieldline::ui {

class OverviewWorkspace;

/** Fills the overview workspace from the profile when it unlocks, and empties it when it locks. */
class OverviewController : public QObject
{
    Q_OBJECT

public:
    OverviewController(OverviewWorkspace *view, app::ProfileService *profile, QObject *parent = nullptr);

    /** The profile just unlocked: note the time and read it. */
    void unlocked();
    /** Reads the profile again (after a setting changed). */
    void refresh();
    void clear();

private:
    OverviewWorkspace *m_view;
    app::ProfileService *m_profile;
};

} // namespace fieldline::ui
