#pragma once

#include "app/telephony/CallSettings.h"

#include <QUrl>

#include <functional>
#include <memory>

namespace fieldline::telephony {

class Telephony;

/** Where and how the backends run on this computer (the shell fills it; tests point it at loopback). */
struct PhoneEnvironment
{
    QString engineFolder; ///< the built-in phone's private configuration folder, in the profile's data folder
    QString program = QStringLiteral("baresip");
    QString listenAddress; ///< empty: every interface
    QString audioPlayer = QStringLiteral("alsa,default");
    QString audioSource = QStringLiteral("alsa,default");
    std::function<bool(const QUrl &)> openLink; ///< the softphone hand-off (QDesktopServices::openUrl)
};

/** Builds the backend the call settings choose; the built-in phone is started (ready a moment later). */
std::unique_ptr<Telephony> makeTelephony(const CallSettings &settings, const PhoneEnvironment &environment);

} // namespace fieldline::telephony
