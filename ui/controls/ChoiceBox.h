#pragma once

#include <QComboBox>

namespace fieldline::ui {

/**
 * A combo box whose choice changes only through its list, for choices that take effect at once (the campaign an
 * agent works). A closed QComboBox switches on every arrow key, letter and wheel step; here the keys open the list
 * (where arrows move, Enter chooses and Escape changes nothing) and the wheel does nothing.
 */
class ChoiceBox : public QComboBox
{
    Q_OBJECT

public:
    using QComboBox::QComboBox;

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
};

} // namespace fieldline::ui
