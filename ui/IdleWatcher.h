#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

namespace fieldline::ui {

/**
 * Watches keyboard, mouse, wheel and touch input application-wide (an event filter on the application) and
 * emits idle() once no input arrived for the configured time. Used to lock the profile when the user walks away.
 */
class IdleWatcher : public QObject
{
    Q_OBJECT

public:
    explicit IdleWatcher(QObject *parent = nullptr);
    ~IdleWatcher() override;

    /** Zero disables the watcher. */
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timeout; }
    /** Starts (or restarts) counting; does nothing while the timeout is zero. */
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }

signals:
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QTimer m_timer;
    std::chrono::milliseconds m_timeout{0};
    bool m_running = false;
};

} // namespace fieldline::ui
