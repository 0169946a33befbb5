#include "ui/TaskRunner.h"

#include <QEventLoop>
#include <QtConcurrent/QtConcurrentRun>

namespace fieldline::ui {

TaskRunner::TaskRunner(QObject *parent)
    : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &TaskRunner::finish);
}

TaskRunner::~TaskRunner()
{
    m_watcher.waitForFinished();
}

bool TaskRunner::run(std::function<void()> work, std::function<void()> done)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_done = std::move(done);
    emit busyChanged(true);
    m_watcher.setFuture(QtConcurrent::run(std::move(work)));
    return true;
}

void TaskRunner::waitForIdle()
{
    if (!m_busy)
        return;
    QEventLoop loop;
    connect(this, &TaskRunner::busyChanged, &loop, [&loop](bool busy) {
        if (!busy)
            loop.quit();
    });
    loop.exec();
}

void TaskRunner::finish()
{
    // Clear the state before calling back: done() may start the next task.
    auto done = std::move(m_done);
    m_done = nullptr;
    m_busy = false;
    if (done)
        done();
    if (!m_busy)
        emit busyChanged(false);
}

} // namespace fieldline::ui
