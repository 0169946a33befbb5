#include "ui/settings/ChangePassphraseDialog.h"

#include "ui/controls/MessageBanner.h"
#include "ui/controls/StrengthMeter.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fieldline::ui {

ChangePassphraseDialog::ChangePassphraseDialog(QWidget *parent)
    : QDialog(parent)
    , m_banner(new MessageBanner(this))
    , m_intro(new QLabel(this))
    , m_currentLabel(new QLabel(this))
    , m_current(new QLineEdit(this))
    , m_newLabel(new QLabel(this))
    , m_new(new QLineEdit(this))
    , m_repeatLabel(new QLabel(this))
    , m_repeat(new QLineEdit(this))
    , m_strengthLabel(new QLabel(this))
    , m_meter(new StrengthMeter(this))
    , m_hint(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("changePassphraseDialog"));
    m_current->setObjectName(QStringLiteral("currentPassphrase"));
    m_new->setObjectName(QStringLiteral("newPassphrase"));
    m_repeat->setObjectName(QStringLiteral("repeatPassphrase"));

    m_intro->setWordWrap(true);
    for (QLineEdit *field : {m_current, m_new, m_repeat}) {
        field->setEchoMode(QLineEdit::Password);
        field->setMinimumWidth(260);
    }
    m_currentLabel->setBuddy(m_current);
    m_newLabel->setBuddy(m_new);
    m_repeatLabel->setBuddy(m_repeat);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("changeButton"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(m_currentLabel, m_current);
    form->addRow(m_newLabel, m_new);
    form->addRow(m_repeatLabel, m_repeat);
    form->addRow(m_strengthLabel, m_meter);
    form->addRow(QString(), m_hint);

    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(12);
    layout->addWidget(m_intro);
    layout->addWidget(m_banner);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);

    setTabOrder(m_current, m_new);
    setTabOrder(m_new, m_repeat);
    setTabOrder(m_repeat, m_buttons);

    connect(m_new, &QLineEdit::textChanged, this, &ChangePassphraseDialog::passphraseEdited);
    connect(m_repeat, &QLineEdit::textChanged, this, &ChangePassphraseDialog::passphraseEdited);
    connect(m_current, &QLineEdit::textEdited, m_banner, &MessageBanner::clear);
    // OK does not close the dialog: it closes once the change succeeded.
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ChangePassphraseDialog::changeRequested);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_banner, &MessageBanner::retryRequested, this, &ChangePassphraseDialog::changeRequested);

    setMinimumWidth(520);
    retranslateUi();
}

QString ChangePassphraseDialog::currentPassphrase() const
{
    return m_current->text();
}

QString ChangePassphraseDialog::newPassphrase() const
{
    return m_new->text();
}

QString ChangePassphraseDialog::repeatedPassphrase() const
{
    return m_repeat->text();
}

void ChangePassphraseDialog::setStrength(app::PassphraseStrength::Level level)
{
    m_meter->setLevel(level);
}

void ChangePassphraseDialog::setHint(TrText hint, bool problem)
{
    m_hintText = std::move(hint);
    m_hintProblem = problem;
    applyHint();
}

void ChangePassphraseDialog::setChangeEnabled(bool enabled)
{
    m_changeEnabled = enabled;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(enabled && !m_busy);
}

void ChangePassphraseDialog::setBusy(bool busy)
{
    m_busy = busy;
    for (QLineEdit *field : {m_current, m_new, m_repeat})
        field->setEnabled(!busy);
    m_progress->setVisible(busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_changeEnabled && !busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(!busy);
    if (busy)
        m_banner->clear();
}

void ChangePassphraseDialog::showWrongCurrentPassphrase()
{
    m_banner->showMessage(MessageBanner::Kind::Error,
                          [] { return tr("The current passphrase is not correct. Nothing was changed."); });
    m_current->setFocus(Qt::OtherFocusReason);
    m_current->selectAll();
}

void ChangePassphraseDialog::showError(TrText text, bool offerRetry)
{
    m_banner->showMessage(MessageBanner::Kind::Error, std::move(text), offerRetry);
}

void ChangePassphraseDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void ChangePassphraseDialog::applyHint()
{
    m_hint->setText(m_hintText ? m_hintText() : QString());
    m_hint->setStyleSheet(m_hintProblem ? QStringLiteral("color: #a4281e;") : QString());
}

void ChangePassphraseDialog::retranslateUi()
{
    setWindowTitle(tr("Change passphrase"));
    m_intro->setText(tr("The profile keeps its data; only the passphrase that unlocks it changes."));
    m_currentLabel->setText(tr("C&urrent passphrase:"));
    m_newLabel->setText(tr("&New passphrase:"));
    m_repeatLabel->setText(tr("&Repeat new passphrase:"));
    m_strengthLabel->setText(tr("Strength:"));
    QPushButton *change = m_buttons->button(QDialogButtonBox::Ok);
    change->setText(tr("&Change passphrase"));

    m_current->setAccessibleName(tr("Current passphrase"));
    m_new->setAccessibleName(tr("New passphrase"));
    m_repeat->setAccessibleName(tr("Repeat new passphrase"));
    m_progress->setAccessibleName(tr("Changing the passphrase"));
    change->setAccessibleName(tr("Change passphrase"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    applyHint();
}

} // namespace fieldline::ui
