#include "ui/settings/CallSettingsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace fieldline::ui {

namespace {

using telephony::CallSettings;
using Scheme = telephony::UriHandoffTelephony::Scheme;

// The choices of the backend list, in order; the built-in phone last.
enum Choice { TelLinks, SipLinks, CalltoLinks, BuiltIn };

} // namespace

CallSettingsPanel::CallSettingsPanel(QWidget *parent)
    : QGroupBox(parent)
    , m_backendLabel(new QLabel(this))
    , m_backend(new QComboBox(this))
    , m_userLabel(new QLabel(this))
    , m_user(new QLineEdit(this))
    , m_domainLabel(new QLabel(this))
    , m_domain(new QLineEdit(this))
    , m_passwordLabel(new QLabel(this))
    , m_password(new QLineEdit(this))
    , m_displayNameLabel(new QLabel(this))
    , m_displayName(new QLineEdit(this))
    , m_registers(new QCheckBox(this))
    , m_save(new QPushButton(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("callSettings"));
    m_backend->setObjectName(QStringLiteral("callBackend"));
    m_user->setObjectName(QStringLiteral("sipUser"));
    m_domain->setObjectName(QStringLiteral("sipDomain"));
    m_password->setObjectName(QStringLiteral("sipPassword"));
    m_displayName->setObjectName(QStringLiteral("sipDisplayName"));
    m_registers->setObjectName(QStringLiteral("sipRegister"));
    m_save->setObjectName(QStringLiteral("saveCallSettings"));
    m_result->setObjectName(QStringLiteral("callSettingsResult"));
    for (int i = 0; i <= BuiltIn; ++i)
        m_backend->addItem(QString(), i);
    m_password->setEchoMode(QLineEdit::Password);
    m_user->setMaxLength(64);
    m_domain->setMaxLength(206);
    m_password->setMaxLength(128);
    m_displayName->setMaxLength(100);
    m_save->setAutoDefault(false);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::PlainText);
    m_result->hide();
    m_backendLabel->setBuddy(m_backend);
    m_userLabel->setBuddy(m_user);
    m_domainLabel->setBuddy(m_domain);
    m_passwordLabel->setBuddy(m_password);
    m_displayNameLabel->setBuddy(m_displayName);

    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_backendLabel, m_backend);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_domainLabel, m_domain);
    form->addRow(m_passwordLabel, m_password);
    form->addRow(m_displayNameLabel, m_displayName);
    form->addRow(QString(), m_registers);
    form->addRow(QString(), m_save);
    form->addRow(QString(), m_result);

    connect(m_backend, &QComboBox::currentIndexChanged, this, &CallSettingsPanel::updateEnabled);
    connect(m_save, &QPushButton::clicked, this, &CallSettingsPanel::saveRequested);
    // Enter in a field saves, instead of closing the dialog.
    for (QLineEdit *field : {m_user, m_domain, m_password, m_displayName})
        connect(field, &QLineEdit::returnPressed, this, &CallSettingsPanel::saveRequested);
    retranslateUi();
    updateEnabled();
}

void CallSettingsPanel::setSettings(const CallSettings &settings)
{
    int choice = TelLinks;
    if (settings.backend == CallSettings::Backend::BuiltIn)
        choice = BuiltIn;
    else if (settings.scheme == Scheme::Sip)
        choice = SipLinks;
    else if (settings.scheme == Scheme::Callto)
        choice = CalltoLinks;
    m_backend->setCurrentIndex(choice);
    m_user->setText(settings.account.user);
    m_domain->setText(settings.account.domain);
    m_password->setText(settings.account.password);
    m_displayName->setText(settings.account.displayName);
    m_registers->setChecked(settings.account.registers);
    updateEnabled();
}

CallSettings CallSettingsPanel::settings() const
{
    CallSettings settings;
    const int choice = m_backend->currentIndex();
    settings.backend = choice == BuiltIn ? CallSettings::Backend::BuiltIn : CallSettings::Backend::Softphone;
    settings.scheme = choice == SipLinks ? Scheme::Sip : choice == CalltoLinks ? Scheme::Callto : Scheme::Tel;
    settings.account.user = m_user->text().trimmed();
    settings.account.domain = m_domain->text().trimmed();
    settings.account.password = m_password->text();
    settings.account.displayName = m_displayName->text().trimmed();
    settings.account.registers = m_registers->isChecked();
    return settings;
}

void CallSettingsPanel::showResult(TrText text, bool problem)
{
    m_resultText = std::move(text);
    m_result->setText(m_resultText ? m_resultText() : QString());
    m_result->setStyleSheet(problem ? QStringLiteral("color: #b3261e;") : QString());
    m_result->setVisible(!m_result->text().isEmpty());
}

void CallSettingsPanel::updateEnabled()
{
    const bool account = m_backend->currentIndex() == BuiltIn;
    for (QWidget *field :
         {static_cast<QWidget *>(m_user), static_cast<QWidget *>(m_domain), static_cast<QWidget *>(m_password),
          static_cast<QWidget *>(m_displayName), static_cast<QWidget *>(m_registers)})
        field->setEnabled(account);
}

void CallSettingsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QGroupBox::changeEvent(event);
}

void CallSettingsPanel::retranslateUi()
{
    setTitle(tr("Calls"));
    m_backendLabel->setText(tr("&Place calls with:"));
    m_backend->setItemText(TelLinks, tr("The computer's softphone (tel: links)"));
    m_backend->setItemText(SipLinks, tr("The computer's softphone (sip: links)"));
    m_backend->setItemText(CalltoLinks, tr("The computer's softphone (callto: links)"));
    m_backend->setItemText(BuiltIn, tr("Fieldline's own phone, with the SIP account below"));
    m_userLabel->setText(tr("SIP &user:"));
    m_domainLabel->setText(tr("SIP &server:"));
    m_domain->setPlaceholderText(tr("pbx.example.com or pbx.example.com:5060"));
    m_passwordLabel->setText(tr("SIP pass&word:"));
    m_displayNameLabel->setText(tr("&Name shown to callees:"));
    m_registers->setText(tr("Re&gister with the SIP server (a PBX)"));
    m_save->setText(tr("&Save call settings"));
    m_result->setText(m_resultText ? m_resultText() : QString());
    m_backend->setAccessibleName(tr("Place calls with"));
    m_password->setAccessibleName(tr("SIP password"));
    m_user->setAccessibleName(tr("SIP user"));
    m_domain->setAccessibleName(tr("SIP server"));
    m_displayName->setAccessibleName(tr("Name shown to callees"));
    m_registers->setAccessibleName(tr("Register with the SIP server"));
    m_save->setAccessibleName(tr("Save call settings"));
}

} // namespace fieldline::ui
