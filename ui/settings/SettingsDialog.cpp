#include "ui/settings/SettingsDialog.h"

#include "ui/controls/MessageBanner.h"
#include "ui/settings/CallSettingsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fieldline::ui {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_banner(new MessageBanner(this))
    , m_languageLabel(new QLabel(this))
    , m_language(new QComboBox(this))
    , m_idleLabel(new QLabel(this))
    , m_idleMinutes(new QSpinBox(this))
    , m_idleHint(new QLabel(this))
    , m_remember(new QCheckBox(this))
    , m_rememberReason(new QLabel(this))
    , m_changePassphrase(new QPushButton(this))
    , m_calls(new CallSettingsPanel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    m_language->setObjectName(QStringLiteral("language"));
    m_idleMinutes->setObjectName(QStringLiteral("idleLockMinutes"));
    m_remember->setObjectName(QStringLiteral("remember"));
    m_changePassphrase->setObjectName(QStringLiteral("changePassphraseButton"));
    m_languageLabel->setObjectName(QStringLiteral("languageLabel"));

    m_languageLabel->setBuddy(m_language);
    m_idleLabel->setBuddy(m_idleMinutes);
    m_idleHint->setWordWrap(true);
    m_rememberReason->setWordWrap(true);
    m_rememberReason->setTextFormat(Qt::PlainText);
    // Readable (not greyed out like the checkbox it explains), and indented under the checkbox text.
    m_rememberReason->setIndent(24);
    m_rememberReason->hide();
    m_changePassphrase->setAutoDefault(false);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_languageLabel, m_language);
    form->addRow(m_idleLabel, m_idleMinutes);
    form->addRow(QString(), m_idleHint);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    layout->addWidget(m_rememberReason);
    layout->addWidget(m_changePassphrase, 0, Qt::AlignLeft);
    layout->addWidget(m_calls);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    setTabOrder(m_language, m_idleMinutes);
    setTabOrder(m_idleMinutes, m_remember);
    setTabOrder(m_remember, m_changePassphrase);
    // Then the calls panel's fields and Close, in the order they were made.

    connect(m_language, &QComboBox::activated, this,
            [this](int index) { emit languageChosen(m_language->itemData(index).toString()); });
    connect(m_idleMinutes, &QSpinBox::valueChanged, this, &SettingsDialog::idleLockMinutesChanged);
    connect(m_idleMinutes, &QSpinBox::valueChanged, this, &SettingsDialog::updateIdleHint);
    connect(m_remember, &QCheckBox::toggled, this, &SettingsDialog::rememberToggled);
    connect(m_changePassphrase, &QPushButton::clicked, this, &SettingsDialog::changePassphraseRequested);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    setMinimumWidth(480);
    retranslateUi();
}

void SettingsDialog::setLanguages(const QList<Language> &languages)
{
    const QSignalBlocker blocker(m_language);
    m_language->clear();
    for (const Language &language : languages)
        m_language->addItem(language.nativeName, language.code);
}

void SettingsDialog::setCurrentLanguage(const QString &code)
{
    const QSignalBlocker blocker(m_language);
    const int index = m_language->findData(code);
    if (index >= 0)
        m_language->setCurrentIndex(index);
}

void SettingsDialog::setRemembered(bool remembered)
{
    const QSignalBlocker blocker(m_remember);
    m_remember->setChecked(remembered);
}

void SettingsDialog::setRememberAvailable(bool available, TrText reason)
{
    m_rememberAvailable = available;
    m_remember->setEnabled(available);
    m_rememberReasonText = available ? TrText() : std::move(reason);
    m_rememberReason->setText(m_rememberReasonText ? m_rememberReasonText() : QString());
    m_rememberReason->setVisible(!m_rememberReason->text().isEmpty());
}

void SettingsDialog::setRememberBusy(bool busy)
{
    m_remember->setEnabled(!busy && m_rememberAvailable);
}

void SettingsDialog::setIdleLockMinutes(int minutes, int maximum)
{
    const QSignalBlocker blocker(m_idleMinutes);
    m_idleMinutes->setRange(0, maximum);
    m_idleMinutes->setValue(minutes);
    updateIdleHint();
}

void SettingsDialog::updateIdleHint()
{
    const int minutes = m_idleMinutes->value();
    m_idleHint->setText(
        minutes == 0
            ? tr("Fieldline never locks the profile by itself. Lock it with Ctrl+L when you leave.")
            : tr("After %n minute(s) without keyboard or mouse input, Fieldline locks the profile.", nullptr, minutes));
}

void SettingsDialog::showError(TrText text)
{
    m_banner->showMessage(MessageBanner::Kind::Error, std::move(text));
}

void SettingsDialog::showNotice(TrText text)
{
    m_banner->showMessage(MessageBanner::Kind::Notice, std::move(text));
}

void SettingsDialog::clearMessage()
{
    m_banner->clear();
}

void SettingsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(tr("Settings"));
    m_languageLabel->setText(tr("&Language:"));
    m_idleLabel->setText(tr("Lock when &idle for:"));
    m_idleMinutes->setSuffix(tr(" min"));
    m_idleMinutes->setSpecialValueText(tr("Never"));
    updateIdleHint();
    m_remember->setText(tr("Re&member on this computer"));
    m_remember->setToolTip(tr("Keep the key in this computer's keychain, so Fieldline opens without asking for "
                              "the passphrase while you are logged in."));
    m_rememberReason->setText(m_rememberReasonText ? m_rememberReasonText() : QString());
    m_changePassphrase->setText(tr("C&hange passphrase…"));

    m_language->setAccessibleName(tr("Language"));
    m_idleMinutes->setAccessibleName(tr("Minutes idle before locking"));
    m_remember->setAccessibleName(tr("Remember on this computer"));
    m_changePassphrase->setAccessibleName(tr("Change passphrase"));
    if (QPushButton *close = m_buttons->button(QDialogButtonBox::Close))
        close->setAccessibleName(tr("Close"));
}

} // namespace fieldline::ui
