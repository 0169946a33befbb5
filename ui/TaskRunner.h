#pragma once

#include <QFutureWatcher>
#include <QObject>

#include <functional>

namespace fieldline::ui {

/**
 * Runs slow profile work (Argon2id takes most of a second) on a worker thread, one task at a time, and calls
 * back on the UI thread when it is done, so the window keeps painting while a busy state is shown.
 * Callers must not touch the objects the work uses until done() runs; isBusy() tells them.
 */
class TaskRunner : public QObject
{
    Q_OBJECT

public:
    explicit TaskRunner(QObject *parent = nullptr);
    /** Waits for a running task: its work may use objects that are destroyed right after this. */
    ~TaskRunner() override;

    bool isBusy() const { return m_busy; }
    /** Returns false, and runs nothing, while another task is running. */
    bool run(std::function<void()> work, std::function<void()> done);
    /** Blocks (processing events) until the running task, if any, has called back. For tools and tests. */
    void waitForIdle();

signals:
    void busyChanged(bool busy);

private:
    void finish();

    QFutureWatcher<void> m_watcher;
    std::function<void()> m_done;
    bool m_busy = false;
};

} // namespace fieldline::ui
