#include "ui/sync/LoginDialog.h"

#include "ui/controls/MessageBanner.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent)
    , m_intro(new QLabel(this))
    , m_banner(new MessageBanner(this))
    , m_serverLabel(new QLabel(this))
    , m_server(new QLineEdit(this))
    , m_tenantLabel(new QLabel(this))
    , m_tenant(new QLineEdit(this))
    , m_userLabel(new QLabel(this))
    , m_user(new QLineEdit(this))
    , m_passwordLabel(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("loginDialog"));
    m_server->setObjectName(QStringLiteral("loginServer"));
    m_tenant->setObjectName(QStringLiteral("loginTenant"));
    m_user->setObjectName(QStringLiteral("loginUser"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("loginButton"));
    m_intro->setWordWrap(true);
    m_password->setEchoMode(QLineEdit::Password);
    for (QLineEdit *field : {m_server, m_tenant, m_user, m_password}) {
        field->setMinimumWidth(300);
        field->setMaxLength(1024);
    }
    m_serverLabel->setBuddy(m_server);
    m_tenantLabel->setBuddy(m_tenant);
    m_userLabel->setBuddy(m_user);
    m_passwordLabel->setBuddy(m_password);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_tenantLabel, m_tenant);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_intro);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    setTabOrder(m_server, m_tenant);
    setTabOrder(m_tenant, m_user);
    setTabOrder(m_user, m_password);
    setTabOrder(m_password, m_buttons);

    for (QLineEdit *field : {m_server, m_tenant, m_user, m_password})
        connect(field, &QLineEdit::textChanged, this, &LoginDialog::updateButton);
    connect(m_password, &QLineEdit::textEdited, m_banner, &MessageBanner::clear);
    // OK does not close the dialog: the controller closes it once the server said yes.
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::loginRequested);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_banner, &MessageBanner::retryRequested, this, &LoginDialog::loginRequested);
    setMinimumWidth(520);
    retranslateUi();
    updateButton();
}

void LoginDialog::setValues(const QString &server, const QString &tenant, const QString &user)
{
    m_server->setText(server);
    m_tenant->setText(tenant);
    m_user->setText(user);
    QLineEdit *first = server.isEmpty() ? m_server : tenant.isEmpty() ? m_tenant : user.isEmpty() ? m_user : m_password;
    first->setFocus(Qt::OtherFocusReason);
}

void LoginDialog::setIdentityFixed(bool fixed)
{
    m_identityFixed = fixed;
    for (QLineEdit *field : {m_server, m_tenant, m_user})
        field->setReadOnly(fixed);
    if (fixed)
        m_password->setFocus(Qt::OtherFocusReason);
    retranslateUi();
}

QString LoginDialog::server() const
{
    return m_server->text().trimmed();
}

QString LoginDialog::tenant() const
{
    return m_tenant->text().trimmed();
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_password->text();
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QLineEdit *field : {m_server, m_tenant, m_user, m_password})
        field->setEnabled(!busy);
    m_progress->setVisible(busy);
    if (busy)
        m_banner->clear();
    updateButton();
}

void LoginDialog::showError(TrText text, bool focusPassword)
{
    m_banner->showMessage(MessageBanner::Kind::Error, std::move(text), !focusPassword);
    QLineEdit *field = focusPassword ? m_password : m_server;
    field->setFocus(Qt::OtherFocusReason);
    field->selectAll();
}

void LoginDialog::updateButton()
{
    const bool complete = !server().isEmpty() && !tenant().isEmpty() && !user().isEmpty() && !password().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && !m_busy);
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Sign in to your organisation"));
    m_intro->setText(m_identityFixed ? tr("Sign in again to keep sharing your work with your team. This profile "
                                          "belongs to the account below; to work for another organisation or as "
                                          "another user, start Fieldline with another profile folder (--profile).")
                                     : tr("Fieldline keeps working without a connection. Sign in once so your work "
                                          "is shared with your team whenever this computer is online."));
    m_serverLabel->setText(tr("&Server address:"));
    m_tenantLabel->setText(tr("&Organisation:"));
    m_userLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_server->setPlaceholderText(tr("https://fieldline.example.com"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign &in"));
    m_server->setAccessibleName(tr("Server address"));
    m_tenant->setAccessibleName(tr("Organisation"));
    m_user->setAccessibleName(tr("User name"));
    m_password->setAccessibleName(tr("Password"));
}

} // namespace fieldline::ui
