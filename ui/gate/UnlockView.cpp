#include "ui/gate/UnlockView.h"

#include "ui/ErrorMessages.h"
#include "ui/controls/MessageBanner.h"
#include "ui/gate/GateLayout.h"

#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

UnlockView::UnlockView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_folder(new QLabel(this))
    , m_banner(new MessageBanner(this))
    , m_passphraseLabel(new QLabel(this))
    , m_passphrase(new QLineEdit(this))
    , m_remember(new QCheckBox(this))
    , m_rememberReason(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_busyLabel(new QLabel(this))
    , m_unlock(new QPushButton(this))
{
    setObjectName(QStringLiteral("unlockView"));
    m_title->setObjectName(QStringLiteral("title"));
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_remember->setObjectName(QStringLiteral("remember"));
    m_unlock->setObjectName(QStringLiteral("unlockButton"));

    GateLayout::makeHeading(m_title);
    m_intro->setWordWrap(true);
    m_folder->setWordWrap(true);
    m_folder->setTextFormat(Qt::PlainText);
    m_folder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_passphrase->setEchoMode(QLineEdit::Password);
    m_passphrase->setMinimumWidth(280);
    m_passphraseLabel->setBuddy(m_passphrase);
    m_rememberReason->setWordWrap(true);
    m_rememberReason->setTextFormat(Qt::PlainText);
    // Readable (not greyed out like the checkbox it explains), and indented under the checkbox text.
    m_rememberReason->setIndent(24);
    m_rememberReason->hide();
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_busyLabel->hide();

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_passphraseLabel, m_passphrase);

    auto *column = new QVBoxLayout;
    column->setSpacing(12);
    column->addWidget(m_title);
    column->addWidget(m_intro);
    column->addWidget(m_folder);
    column->addWidget(m_banner);
    column->addLayout(form);
    column->addWidget(m_remember);
    column->addWidget(m_rememberReason);
    column->addWidget(m_progress);
    column->addWidget(m_busyLabel);
    column->addWidget(m_unlock, 0, Qt::AlignRight);
    GateLayout::centre(this, column);

    setTabOrder(m_passphrase, m_remember);
    setTabOrder(m_remember, m_unlock);

    connect(m_passphrase, &QLineEdit::returnPressed, this, &UnlockView::unlockRequested);
    connect(m_unlock, &QPushButton::clicked, this, &UnlockView::unlockRequested);
    connect(m_banner, &MessageBanner::retryRequested, this, &UnlockView::unlockRequested);
    // A new attempt makes the old error stale.
    connect(m_passphrase, &QLineEdit::textEdited, m_banner, &MessageBanner::clear);

    retranslateUi();
}

QString UnlockView::passphrase() const
{
    return m_passphrase->text();
}

bool UnlockView::rememberChecked() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void UnlockView::setProfileFolder(const QString &folder)
{
    m_folderPath = folder;
    retranslateUi();
}

void UnlockView::setRememberAvailable(bool available, TrText reason)
{
    m_rememberAvailable = available;
    m_remember->setEnabled(available);
    m_rememberReasonText = available ? TrText() : std::move(reason);
    m_rememberReason->setText(m_rememberReasonText ? m_rememberReasonText() : QString());
    m_rememberReason->setVisible(!m_rememberReason->text().isEmpty());
}

void UnlockView::setRememberChecked(bool checked)
{
    m_remember->setChecked(checked);
}

void UnlockView::setBusy(bool busy, TrText text)
{
    m_busyText = busy ? std::move(text) : TrText();
    m_busyLabel->setText(m_busyText ? m_busyText() : QString());
    m_passphrase->setEnabled(!busy);
    m_remember->setEnabled(!busy && m_rememberAvailable);
    m_unlock->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_busyLabel->setVisible(busy);
    if (busy)
        m_banner->clear();
    else
        m_passphrase->setFocus(Qt::OtherFocusReason);
}

void UnlockView::showWrongPassphrase()
{
    m_banner->showMessage(MessageBanner::Kind::Error, ErrorMessages::text({storage::ErrorCode::WrongKey, {}, 0}));
    m_passphrase->setFocus(Qt::OtherFocusReason);
    m_passphrase->selectAll();
}

void UnlockView::showError(TrText text, bool offerRetry)
{
    m_banner->showMessage(MessageBanner::Kind::Error, std::move(text), offerRetry);
}

void UnlockView::showNotice(TrText text)
{
    m_banner->showMessage(MessageBanner::Kind::Notice, std::move(text));
}

void UnlockView::clearMessage()
{
    m_banner->clear();
}

void UnlockView::reset()
{
    m_passphrase->clear();
    m_banner->clear();
    setBusy(false);
}

void UnlockView::focusPassphrase()
{
    m_passphrase->setFocus(Qt::OtherFocusReason);
}

void UnlockView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void UnlockView::retranslateUi()
{
    m_title->setText(tr("Unlock your profile"));
    m_intro->setText(tr("Your profile is encrypted. Enter your passphrase to open it."));
    m_folder->setText(m_folderPath.isEmpty() ? QString() : tr("Profile folder: %1").arg(m_folderPath));
    m_passphraseLabel->setText(tr("&Passphrase:"));
    m_remember->setText(tr("Re&member on this computer"));
    m_remember->setToolTip(tr("Keep the key in this computer's keychain, so Fieldline opens without asking for "
                              "the passphrase while you are logged in."));
    m_rememberReason->setText(m_rememberReasonText ? m_rememberReasonText() : QString());
    m_busyLabel->setText(m_busyText ? m_busyText() : QString());
    m_unlock->setText(tr("&Unlock"));

    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_remember->setAccessibleName(tr("Remember on this computer"));
    m_unlock->setAccessibleName(tr("Unlock"));
    m_progress->setAccessibleName(tr("Unlocking the profile"));
}

} // namespace fieldline::ui
