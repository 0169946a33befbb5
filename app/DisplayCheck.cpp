#include "app/DisplayCheck.h"

#include <QtGlobal>

namespace fieldline::app {

QString missingDisplayMessage()
{
#ifdef Q_OS_LINUX
    const bool hasPlatform = !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    const bool hasDisplay = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
    if (!hasPlatform && !hasDisplay) {
        return QStringLiteral("fieldline: no display found (DISPLAY/WAYLAND_DISPLAY unset); run it in a desktop "
                              "session, or see docs/screenshots/ for the screenshot tour");
    }
#endif
    return {};
}

} // namespace fieldline::app
