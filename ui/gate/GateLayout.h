#pragma once

class QLabel;
class QLayout;
class QWidget;

namespace fieldline::ui {

/** The shared look of the screens shown before a profile is open: a heading and a centred column. */
namespace GateLayout {

/** Makes label a screen heading (larger, bold). */
void makeHeading(QLabel *label);

/** Puts column into view, centred horizontally, at most a comfortable reading width. */
void centre(QWidget *view, QLayout *column);

} // namespace GateLayout

} // namespace fieldline::ui
