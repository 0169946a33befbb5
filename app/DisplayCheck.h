#pragma once

#include <QString>

namespace fieldline::app {

/**
 * On Linux, a GUI started with neither QT_QPA_PLATFORM nor DISPLAY nor WAYLAND_DISPLAY set would abort deep
 * inside Qt with a page of plugin diagnostics. This returns the one line to print instead (empty when a
 * display, or an explicit platform such as offscreen, is available). Always empty on other systems.
 */
QString missingDisplayMessage();

} // namespace fieldline::app
