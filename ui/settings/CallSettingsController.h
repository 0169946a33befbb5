#pragma once

#include "app/telephony/CallSettings.h"

#include <QObject>

namespace fieldline::app {
class ProfileService;
}

namespace fieldline::ui {

class CallSettingsPanel;

/**
 * Reads the call settings from the open profile into the panel and stores them when the agent saves: a SIP account
 * that baresip would misread is refused with the reason, and nothing is stored then.
 */
class CallSettingsController : public QObject
{
    Q_OBJECT

public:
    /** Nothing is owned. */
    CallSettingsController(CallSettingsPanel *view, app::ProfileService *profile, QObject *parent = nullptr);

    void prepare();

signals:
    /** New settings are stored; the calls backend should be built again. */
    void saved();

private:
    void save();

    CallSettingsPanel *m_view;
    app::ProfileService *m_profile;
    telephony::CallSettings m_stored; ///< as last read or saved
};

} // namespace fieldline::ui
