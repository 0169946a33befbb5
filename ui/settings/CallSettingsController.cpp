#include "ui/settings/CallSettingsController.h"

#include "app/ProfileService.h"
#include "app/telephony/BaresipConfig.h"
#include "ui/ErrorMessages.h"
#include "ui/settings/CallSettingsPanel.h"

namespace fieldline::ui {

using telephony::BaresipConfig;
using telephony::CallSettings;

CallSettingsController::CallSettingsController(CallSettingsPanel *view, app::ProfileService *profile, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_profile(profile)
{
    connect(m_view, &CallSettingsPanel::saveRequested, this, &CallSettingsController::save);
}

void CallSettingsController::prepare()
{
    storage::Database *db = m_profile->database();
    if (!db)
        return;
    auto stored = CallSettings::load(*db);
    if (!stored) {
        const storage::Error error = stored.error();
        m_view->showResult([error] { return ErrorMessages::describe(error); }, true);
        return;
    }
    m_view->setSettings(stored.value());
    m_stored = stored.value();
}

void CallSettingsController::save()
{
    storage::Database *db = m_profile->database();
    if (!db)
        return;
    const CallSettings settings = m_view->settings();
    if (settings.backend == CallSettings::Backend::BuiltIn) {
        switch (BaresipConfig::check(settings.account)) {
        case BaresipConfig::AccountProblem::None:
            break;
        case BaresipConfig::AccountProblem::Address:
            m_view->showResult(
                [] {
                    return tr("Fill in the SIP user and server. They may hold letters, digits and . _ ~ + - only, "
                              "and the server may end in :port.");
                },
                true);
            return;
        case BaresipConfig::AccountProblem::Password:
            m_view->showResult(
                [] { return tr("The SIP password cannot contain spaces, quotes or ';' (at most 128 characters)."); },
                true);
            return;
        case BaresipConfig::AccountProblem::DisplayName:
            m_view->showResult([] { return tr("The name shown to callees cannot contain quotes, < or >."); }, true);
            return;
        }
    }
    const storage::Status stored = settings.save(*db);
    if (!stored) {
        const storage::Error error = stored.error();
        m_view->showResult([error] { return ErrorMessages::describe(error); }, true);
        return;
    }
    m_view->showResult([] { return tr("Call settings saved. They apply from the next call."); }, false);
    if (settings == m_stored)
        return; // nothing changed: the phone is not rebuilt and the agent's shift goes on as it was
    m_stored = settings;
    emit saved();
}

} // namespace fieldline::ui
