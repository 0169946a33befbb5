#pragma once

#include <QString>

#include <functional>

namespace fieldline::ui {

/**
 * A message that can be produced again in the current language. Views keep these instead of finished
 * strings, so a message already on screen follows a live language switch.
 */
using TrText = std::function<QString()>;

} // namespace fieldline::ui
