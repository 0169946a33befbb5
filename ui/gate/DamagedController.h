#pragma once

#include <QObject>

namespace fieldline::app {
class ProfileService;
}

namespace fieldline::ui {

class DamagedView;

/** Drives the damaged-profile view. Sets files aside only when the user chose it; never creates anything. */
class DamagedController : public QObject
{
    Q_OBJECT

public:
    DamagedController(DamagedView *view, app::ProfileService *profile, QObject *parent = nullptr);

    void prepare();

signals:
    /** The damaged files are now in folder; the profile is empty and a new one can be created. */
    void setAside(const QString &folder);
    void quitRequested();

private:
    void quarantine();

    DamagedView *m_view;
    app::ProfileService *m_profile;
};

} // namespace fieldline::ui
