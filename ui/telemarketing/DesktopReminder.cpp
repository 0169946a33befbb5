#include "ui/telemarketing/DesktopReminder.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QWidget>

namespace fieldline::ui {

DesktopReminder::DesktopReminder(QObject *parent)
    : QObject(parent)
{}

void DesktopReminder::remind(QWidget *window, const QString &title, const QString &text)
{
    ++m_count;
    if (window)
        QApplication::alert(window->window());
    if (!QSystemTrayIcon::isSystemTrayAvailable() || !QSystemTrayIcon::supportsMessages())
        return;
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(QIcon(QStringLiteral(":/icons/fieldline.png")), this);
        m_tray->setToolTip(QStringLiteral("Fieldline"));
        m_tray->show();
    }
    m_tray->showMessage(title, text, QSystemTrayIcon::Information, 15000);
}

} // namespace fieldline::ui
