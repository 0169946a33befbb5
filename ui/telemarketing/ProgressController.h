#pragma once

#include <QObject>
#include <QTimer>

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class ProgressWorkspace;

/** Keeps the manager's progress view current: on open, after every sync that brought rows, and each minute. */
class ProgressController : public QObject
{
    Q_OBJECT

public:
    ProgressController(ProgressWorkspace *view, app::SyncService *sync, QObject *parent = nullptr);

    void refresh();

private:
    ProgressWorkspace *m_view;
    app::SyncService *m_sync;
    QTimer m_timer;
};

} // namespace fieldline::ui
