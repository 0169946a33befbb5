#pragma once

#include <QWidget>

namespace fieldline::ui {

/**
 * The call bar's keypad (1-9, *, 0, #) for the mouse; the same tones go out when the agent types the digits. The
 * buttons never take the focus, so the keyboard stays on the agent's screen.
 */
class DialPad : public QWidget
{
    Q_OBJECT

public:
    explicit DialPad(QWidget *parent = nullptr);

signals:
    void pressed(QChar key);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
};

} // namespace fieldline::ui
