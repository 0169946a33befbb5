#pragma once

#include "ui/TrText.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace fieldline::ui {

class MessageBanner;

/** Server address, tenant, user and password for signing this profile in to a tenant server. Passive. */
class LoginDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LoginDialog(QWidget *parent = nullptr);

    void setValues(const QString &server, const QString &tenant, const QString &user);
    /**
     * For a profile that has signed in before: server, organisation and user are shown but cannot be changed (the
     * profile's data belongs to them), and the intro says how to work for another one.
     */
    void setIdentityFixed(bool fixed);
    QString server() const;
    QString tenant() const;
    QString user() const;
    QString password() const;

    void setBusy(bool busy);
    /** Shows the error and puts the focus where the user should fix it (the password for wrong credentials). */
    void showError(TrText text, bool focusPassword);

signals:
    void loginRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateButton();

    QLabel *m_intro;
    MessageBanner *m_banner;
    QLabel *m_serverLabel;
    QLineEdit *m_server;
    QLabel *m_tenantLabel;
    QLineEdit *m_tenant;
    QLabel *m_userLabel;
    QLineEdit *m_user;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    bool m_busy = false;
    bool m_identityFixed = false;
};

} // namespace fieldline::ui
