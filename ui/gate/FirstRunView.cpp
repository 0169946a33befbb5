#include "ui/gate/FirstRunView.h"

#include "ui/controls/MessageBanner.h"
#include "ui/controls/StrengthMeter.h"
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

FirstRunView::FirstRunView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_intro(new QLabel(this))
    , m_banner(new MessageBanner(this))
    , m_passphraseLabel(new QLabel(this))
    , m_passphrase(new QLineEdit(this))
    , m_repeatLabel(new QLabel(this))
    , m_repeat(new QLineEdit(this))
    , m_strengthLabel(new QLabel(this))
    , m_meter(new StrengthMeter(this))
    , m_hint(new QLabel(this))
    , m_remember(new QCheckBox(this))
    , m_rememberReason(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_busyLabel(new QLabel(this))
    , m_create(new QPushButton(this))
{
    setObjectName(QStringLiteral("firstRunView"));
    m_passphrase->setObjectName(QStringLiteral("passphrase"));
    m_repeat->setObjectName(QStringLiteral("repeatPassphrase"));
    m_remember->setObjectName(QStringLiteral("remember"));
    m_create->setObjectName(QStringLiteral("createButton"));
    m_hint->setObjectName(QStringLiteral("hint"));
    m_title->setObjectName(QStringLiteral("title"));

    GateLayout::makeHeading(m_title);
    m_intro->setWordWrap(true);
    for (QLineEdit *field : {m_passphrase, m_repeat}) {
        field->setEchoMode(QLineEdit::Password);
        field->setMinimumWidth(280);
    }
    m_passphraseLabel->setBuddy(m_passphrase);
    m_repeatLabel->setBuddy(m_repeat);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_rememberReason->setWordWrap(true);
    m_rememberReason->setTextFormat(Qt::PlainText);
    // Readable (not greyed out like the checkbox it explains), and indented under the checkbox text.
    m_rememberReason->setIndent(24);
    m_rememberReason->hide();
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_busyLabel->hide();
    m_create->setEnabled(false);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_passphraseLabel, m_passphrase);
    form->addRow(m_repeatLabel, m_repeat);
    form->addRow(m_strengthLabel, m_meter);
    form->addRow(QString(), m_hint);

    auto *column = new QVBoxLayout;
    column->setSpacing(12);
    column->addWidget(m_title);
    column->addWidget(m_intro);
    column->addWidget(m_banner);
    column->addLayout(form);
    column->addWidget(m_remember);
    column->addWidget(m_rememberReason);
    column->addWidget(m_progress);
    column->addWidget(m_busyLabel);
    column->addWidget(m_create, 0, Qt::AlignRight);
    GateLayout::centre(this, column);

    setTabOrder(m_passphrase, m_repeat);
    setTabOrder(m_repeat, m_remember);
    setTabOrder(m_remember, m_create);

    connect(m_passphrase, &QLineEdit::textChanged, this, &FirstRunView::passphraseEdited);
    connect(m_repeat, &QLineEdit::textChanged, this, &FirstRunView::passphraseEdited);
    connect(m_passphrase, &QLineEdit::returnPressed, m_repeat, qOverload<>(&QWidget::setFocus));
    connect(m_repeat, &QLineEdit::returnPressed, this, [this] {
        if (m_create->isEnabled())
            emit createRequested();
    });
    connect(m_create, &QPushButton::clicked, this, &FirstRunView::createRequested);
    connect(m_banner, &MessageBanner::retryRequested, this, &FirstRunView::createRequested);

    retranslateUi();
}

QString FirstRunView::passphrase() const
{
    return m_passphrase->text();
}

QString FirstRunView::repeatedPassphrase() const
{
    return m_repeat->text();
}

bool FirstRunView::rememberChecked() const
{
    return m_remember->isEnabled() && m_remember->isChecked();
}

void FirstRunView::setStrength(app::PassphraseStrength::Level level)
{
    m_meter->setLevel(level);
}

void FirstRunView::setHint(TrText hint, bool problem)
{
    m_hintText = std::move(hint);
    m_hintProblem = problem;
    applyHint();
}

void FirstRunView::setCreateEnabled(bool enabled)
{
    m_createEnabled = enabled;
    m_create->setEnabled(enabled && !m_busy);
}

void FirstRunView::setRememberAvailable(bool available, TrText reason)
{
    m_remember->setEnabled(available);
    if (!available)
        m_remember->setChecked(false);
    m_rememberReasonText = available ? TrText() : std::move(reason);
    m_rememberReason->setText(m_rememberReasonText ? m_rememberReasonText() : QString());
    m_rememberReason->setVisible(!m_rememberReason->text().isEmpty());
}

void FirstRunView::setBusy(bool busy)
{
    m_busy = busy;
    m_passphrase->setEnabled(!busy);
    m_repeat->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_busyLabel->setVisible(busy);
    m_create->setEnabled(m_createEnabled && !busy);
    if (busy)
        m_banner->clear();
}

void FirstRunView::showNotice(TrText text)
{
    m_banner->showMessage(MessageBanner::Kind::Notice, std::move(text));
}

void FirstRunView::showError(TrText text, bool offerRetry)
{
    m_banner->showMessage(MessageBanner::Kind::Error, std::move(text), offerRetry);
}

void FirstRunView::clearMessage()
{
    m_banner->clear();
}

void FirstRunView::reset()
{
    m_passphrase->clear();
    m_repeat->clear();
    m_remember->setChecked(false);
    m_banner->clear();
    setBusy(false);
}

void FirstRunView::focusPassphrase()
{
    m_passphrase->setFocus(Qt::OtherFocusReason);
}

void FirstRunView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void FirstRunView::applyHint()
{
    m_hint->setText(m_hintText ? m_hintText() : QString());
    // Problems are not shown by colour alone: the sentence itself says what is wrong.
    m_hint->setStyleSheet(m_hintProblem ? QStringLiteral("color: #a4281e;") : QString());
}

void FirstRunView::retranslateUi()
{
    m_title->setText(tr("Create your encrypted profile"));
    m_intro->setText(tr("Fieldline keeps your customers, calls and orders in an encrypted profile on this "
                        "computer. Choose a passphrase to protect it; you will type it when you start Fieldline."));
    m_passphraseLabel->setText(tr("&Passphrase:"));
    m_repeatLabel->setText(tr("&Repeat passphrase:"));
    m_strengthLabel->setText(tr("Strength:"));
    m_remember->setText(tr("Re&member on this computer"));
    m_remember->setToolTip(tr("Keep the key in this computer's keychain, so Fieldline opens without asking for "
                              "the passphrase while you are logged in."));
    m_busyLabel->setText(tr("Creating your encrypted profile. This takes a moment."));
    m_create->setText(tr("&Create profile"));

    m_passphrase->setAccessibleName(tr("Passphrase"));
    m_repeat->setAccessibleName(tr("Repeat passphrase"));
    m_remember->setAccessibleName(tr("Remember on this computer"));
    m_create->setAccessibleName(tr("Create profile"));
    m_progress->setAccessibleName(tr("Creating the profile"));
    m_hint->setAccessibleName(tr("Passphrase advice"));
    m_rememberReason->setText(m_rememberReasonText ? m_rememberReasonText() : QString());
    applyHint();
}

} // namespace fieldline::ui
