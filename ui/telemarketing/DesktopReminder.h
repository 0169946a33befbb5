#pragma once

#include <QObject>
#include <QPointer>

class QSystemTrayIcon;
class QWidget;

namespace fieldline::ui {

/**
 * Reminds the agent when Fieldline may be behind other windows: the taskbar entry asks for attention and, where
 * the desktop has a notification area, a notification pops up. On a desktop without one only the alert is given
 * (the reminder is on the agent's screen as well).
 */
class DesktopReminder : public QObject
{
    Q_OBJECT

public:
    explicit DesktopReminder(QObject *parent = nullptr);

    void remind(QWidget *window, const QString &title, const QString &text);
    /** How many reminders were given (tests). */
    int count() const { return m_count; }

private:
    QPointer<QSystemTrayIcon> m_tray;
    int m_count = 0;
};

} // namespace fieldline::ui
