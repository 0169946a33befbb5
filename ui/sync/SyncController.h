#pragma once

#include "app/sync/LoginClient.h"
#include "sync/blobs/SetAsideBlobs.h"

#include <QObject>
#include <QPointer>
#include <QString>

class QAction;

namespace fieldline::app {
class SyncService;
}

namespace fieldline::ui {

class LoginDialog;
class MainWindow;
class SyncStatusWidget;

/**
 * The client's online face: the status-bar sync corner, the "Sync now" (F5) and "Sign in…" actions, and the
 * login dialog, which opens by itself the first time an unlocked profile has no account.
 */
class SyncController : public QObject
{
    Q_OBJECT

public:
    /** Values the login form starts with (command line, or the README's demo). */
    struct LoginDefaults
    {
        QString server;
        QString tenant;
        QString user;
    };

    SyncController(MainWindow *window, app::SyncService *sync, LoginDefaults defaults, QObject *parent = nullptr);

    /** The main window was just shown for an unlocked profile. */
    void profileShown();
    /** Closes the login dialog (the profile is being locked). */
    void closeDialogs();
    void showLogin();

    SyncStatusWidget *statusWidget() const { return m_status; }
    /** The open login dialog, or null. */
    LoginDialog *loginDialog() const;
    QAction *syncNowAction() const { return m_syncNow; }
    QAction *signInAction() const { return m_signIn; }

private:
    void refresh();
    void login();
    void loginFinished(const app::LoginResult &result);
    void retranslate();
    /** When @p ms (unix ms) was, for the status bar: the time today, the date and time before; empty for 0. */
    static QString syncedAt(qint64 ms);

public:
    /** The status after a round that synced with changes refused (@p refused, the server's reason) or attachments
     * set aside, or both; public for tests. */
    static QString rejectedText(const QString &at, const QString &refused, const sync::SetAsideBlobs::Summary &aside);
    /** The sentence for attachments set aside (SyncStatus::attachmentsSetAside), empty when none are. */
    static QString setAsideText(const sync::SetAsideBlobs::Summary &aside);

private:
    /** @p sentence, followed by when the last sync was if there was one. */
    static QString withLastSync(const QString &sentence, const QString &at);
    bool eventFilter(QObject *watched, QEvent *event) override;

    MainWindow *m_window;
    app::SyncService *m_sync;
    LoginDefaults m_defaults;
    SyncStatusWidget *m_status;
    QAction *m_syncNow;
    QAction *m_signIn;
    QPointer<LoginDialog> m_dialog;
    bool m_askedThisSession = false;
};

} // namespace fieldline::ui
