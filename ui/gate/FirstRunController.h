#pragma once

#include <QObject>

namespace fieldline::app {
class ProfileService;
}
namespace fieldline::storage {
class SecretStore;
}

namespace fieldline::ui {

class FirstRunView;
class TaskRunner;

/** Drives the first-run view: judges the passphrase as it is typed and creates the profile off the UI thread. */
class FirstRunController : public QObject
{
    Q_OBJECT

public:
    /** Nothing is owned; keychain may be null. */
    FirstRunController(FirstRunView *view, app::ProfileService *profile, storage::SecretStore *keychain,
                       TaskRunner *runner, QObject *parent = nullptr);

    /** Resets the view for a fresh start (fields empty, keychain availability current). */
    void prepare();

private:
    void evaluate();
    void create();

    FirstRunView *m_view;
    app::ProfileService *m_profile;
    storage::SecretStore *m_keychain;
    TaskRunner *m_runner;
};

} // namespace fieldline::ui
