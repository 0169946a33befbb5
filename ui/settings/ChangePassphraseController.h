#pragma once

#include "storage/Error.h"

#include <QObject>

namespace fieldline::app {
class ProfileService;
}

namespace fieldline::ui {

class ChangePassphraseDialog;
class TaskRunner;

/** Judges the new passphrase as it is typed and rewraps the key off the UI thread. */
class ChangePassphraseController : public QObject
{
    Q_OBJECT

public:
    /** Nothing is owned. */
    ChangePassphraseController(ChangePassphraseDialog *view, app::ProfileService *profile, TaskRunner *runner,
                               QObject *parent = nullptr);

signals:
    /** The passphrase was changed; the dialog has been accepted. */
    void changed();

private:
    void evaluate();
    void change();
    void finish(const storage::Status &status);

    ChangePassphraseDialog *m_view;
    app::ProfileService *m_profile;
    TaskRunner *m_runner;
};

} // namespace fieldline::ui
