#include "ui/telemarketing/AgentWorkspace.h"

#include "ui/controls/ChoiceBox.h"
#include "ui/controls/MessageBanner.h"
#include "ui/telemarketing/CallsChart.h"
#include "ui/telemarketing/DesktopReminder.h"
#include "ui/telemarketing/DialPad.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

namespace fieldline::ui {

AgentWorkspace::AgentWorkspace(QWidget *parent)
    : Workspace(parent)
    , m_heading(new QLabel)
    , m_campaignLabel(new QLabel)
    , m_queue(new QLabel)
    , m_campaigns(new ChoiceBox)
    , m_modeLabel(new QLabel)
    , m_banner(new MessageBanner)
    , m_name(new QLabel)
    , m_number(new QLabel)
    , m_localTime(new QLabel)
    , m_attempts(new QLabel)
    , m_history(new QPlainTextEdit)
    , m_callbacksLabel(new QLabel)
    , m_callbacks(new QListWidget)
    , m_reminder(new DesktopReminder(this))
    , m_script(new QPlainTextEdit)
    , m_callState(new QLabel)
    , m_timer(new QLabel)
    , m_dispositionRow(new QHBoxLayout)
    , m_callbackRow(new QWidget)
    , m_callbackLabel(new QLabel)
    , m_callbackDue(new QDateTimeEdit)
    , m_callbackTheirTime(new QLabel)
    , m_callbackPool(new QCheckBox)
    , m_dialPad(new DialPad)
    , m_note(new QLineEdit)
    , m_manual(new QLineEdit)
    , m_stats(new QLabel)
    , m_chart(new CallsChart)
    , m_hint(new QLabel)
{
    setObjectName(QStringLiteral("agentWorkspace"));
    setFocusPolicy(Qt::StrongFocus);
    for (QLabel *label : {m_heading, m_queue, m_modeLabel, m_name, m_number, m_localTime, m_attempts, m_callState,
                          m_timer, m_hint, m_callbackLabel, m_callbackTheirTime})
        label->setTextFormat(Qt::PlainText); // contact data and scripts are never markup
    m_heading->setObjectName(QStringLiteral("agentCampaign"));
    m_queue->setObjectName(QStringLiteral("agentQueue"));
    m_campaigns->setObjectName(QStringLiteral("agentCampaignPicker"));
    m_campaigns->setFocusPolicy(Qt::ClickFocus); // Alt+C; Tab stays between the screen and the note
    m_campaignLabel->setBuddy(m_campaigns);
    m_modeLabel->setObjectName(QStringLiteral("agentMode"));
    m_name->setObjectName(QStringLiteral("agentContactName"));
    m_number->setObjectName(QStringLiteral("agentContactNumber"));
    m_localTime->setObjectName(QStringLiteral("agentContactTime"));
    m_attempts->setObjectName(QStringLiteral("agentContactAttempts"));
    m_callState->setObjectName(QStringLiteral("agentCallState"));
    m_timer->setObjectName(QStringLiteral("agentTimer"));
    m_note->setObjectName(QStringLiteral("agentNote"));
    m_manual->setObjectName(QStringLiteral("agentManualDial"));
    m_stats->setObjectName(QStringLiteral("agentStats"));
    m_stats->setTextFormat(Qt::PlainText);
    m_manual->setMaxLength(40);
    m_manual->setMinimumWidth(220);
    m_manual->setFocusPolicy(Qt::ClickFocus); // Ctrl+D from the keyboard; Tab goes to the note
    m_script->setObjectName(QStringLiteral("agentScript"));
    m_history->setObjectName(QStringLiteral("agentHistory"));
    m_callbacks->setObjectName(QStringLiteral("agentCallbacks"));
    m_callbacks->setFocusPolicy(Qt::NoFocus); // a due callback comes first in the queue: nothing to pick here
    m_callbacks->setMaximumHeight(120);
    m_callbackDue->setObjectName(QStringLiteral("agentCallbackDue"));
    m_callbackPool->setObjectName(QStringLiteral("agentCallbackPool"));
    m_callbackTheirTime->setObjectName(QStringLiteral("agentCallbackTheirTime"));
    QFont big = m_name->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_name->setFont(big);
    m_callState->setFont(big);
    for (QPlainTextEdit *text : {m_history, m_script}) {
        text->setReadOnly(true);
        text->setFocusPolicy(Qt::NoFocus);
    }
    m_callbackDue->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
    m_callbackDue->setCalendarPopup(false);

    auto *heading = new QVBoxLayout;
    heading->addWidget(m_heading);
    heading->addWidget(m_queue);
    auto *top = new QHBoxLayout;
    top->addLayout(heading, 1);
    top->addWidget(m_campaignLabel);
    top->addWidget(m_campaigns);
    top->addWidget(m_manual);
    top->addWidget(m_modeLabel);

    auto *card = new QFormLayout;
    card->addRow(m_name);
    card->addRow(m_number);
    card->addRow(m_localTime);
    card->addRow(m_attempts);
    card->addRow(m_history);
    card->addRow(m_dialPad); // during a call, under the person's past calls
    card->addRow(m_callbacksLabel);
    card->addRow(m_callbacks);

    auto *middle = new QHBoxLayout;
    middle->addLayout(card, 2);
    auto *right = new QVBoxLayout;
    right->addWidget(m_script, 3);
    right->addWidget(m_stats);
    right->addWidget(m_chart, 2);
    middle->addLayout(right, 3);

    auto *callBar = new QHBoxLayout;
    callBar->addWidget(m_callState, 1);
    callBar->addWidget(m_timer);

    auto *callback = new QHBoxLayout(m_callbackRow);
    callback->setContentsMargins(0, 0, 0, 0);
    callback->addWidget(m_callbackLabel);
    callback->addWidget(m_callbackDue);
    callback->addWidget(m_callbackTheirTime);
    callback->addWidget(m_callbackPool);
    callback->addStretch(1);
    m_callbackRow->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addLayout(middle, 1);
    layout->addLayout(callBar);
    layout->addLayout(m_dispositionRow);
    layout->addWidget(m_callbackRow);
    layout->addWidget(m_note);
    layout->addWidget(m_hint);
    // Enter in either field is handled there and goes no further (see eventFilter).
    m_note->installEventFilter(this);
    m_manual->installEventFilter(this);
    connect(m_manual, &QLineEdit::textEdited, this, &AgentWorkspace::manualNumberEdited);
    connect(m_dialPad, &DialPad::pressed, this, &AgentWorkspace::digitTyped);
    connect(m_campaigns, &QComboBox::activated, this,
            [this](int index) { emit campaignChosen(m_campaigns->itemData(index).toString()); });
    connect(m_callbackDue, &QDateTimeEdit::dateTimeChanged, this, &AgentWorkspace::callbackDueChanged);
    retranslateUi();
    setMode(Mode::Paused);
}

QString AgentWorkspace::title() const
{
    return tr("Calls");
}

QIcon AgentWorkspace::icon() const
{
    return QIcon(QStringLiteral(":/icons/fieldline.png"));
}

void AgentWorkspace::setCampaign(const QString &name, const std::vector<DispositionButton> &dispositions)
{
    m_heading->setText(name);
    qDeleteAll(m_dispositions);
    m_dispositions.clear();
    for (const DispositionButton &d : dispositions) {
        auto *button = new QPushButton(QStringLiteral("%1  %2").arg(d.key).arg(d.label));
        button->setObjectName(QStringLiteral("disposition%1").arg(d.key));
        button->setFocusPolicy(Qt::NoFocus); // picked by its key; the focus stays where the agent is
        button->setAccessibleName(tr("Disposition %1, key %2").arg(d.label).arg(d.key));
        const QChar key = d.key;
        connect(button, &QPushButton::clicked, this, [this, key] { emit digitTyped(key); });
        m_dispositionRow->addWidget(button);
        m_dispositions.append(button);
    }
    setMode(m_mode);
}

void AgentWorkspace::setCampaigns(const QList<CampaignChoice> &campaigns, const QString &current)
{
    const QSignalBlocker blocker(m_campaigns);
    m_campaigns->clear();
    for (const CampaignChoice &campaign : campaigns)
        m_campaigns->addItem(campaign.name, campaign.key);
    m_campaigns->setCurrentIndex(m_campaigns->findData(current));
    m_campaigns->setEnabled(campaigns.size() > 1);
}

void AgentWorkspace::setMode(Mode mode)
{
    m_mode = mode;
    for (QPushButton *button : std::as_const(m_dispositions))
        button->setEnabled(mode == Mode::WrapUp);
    m_callbackRow->setVisible(mode == Mode::Callback);
    m_dialPad->setVisible(mode == Mode::Call);
    // Every mode starts with the keys on the screen itself (the callback picker on its time), wherever the focus
    // was: a hidden picker or the note of the last call must not swallow Enter.
    if (mode == Mode::Callback)
        m_callbackDue->setFocus();
    else
        setFocus();
    retranslateUi();
}

void AgentWorkspace::showContact(const ContactView &contact)
{
    m_name->setText(contact.name);
    m_number->setText(contact.number);
    m_localTime->setText(contact.localTime);
    m_attempts->setText(contact.attempts);
    m_history->setPlainText(contact.history.join(u'\n'));
    m_script->setPlainText(contact.script);
}

void AgentWorkspace::setCallState(const QString &state)
{
    m_callState->setText(state);
}

void AgentWorkspace::setTimer(const QString &text)
{
    m_timer->setText(text);
}

void AgentWorkspace::showProblem(TrText text)
{
    m_banner->showMessage(MessageBanner::Kind::Error, std::move(text));
}

void AgentWorkspace::showNotice(TrText text)
{
    m_banner->showMessage(MessageBanner::Kind::Notice, std::move(text));
}

void AgentWorkspace::clearMessage()
{
    m_banner->clear();
}

void AgentWorkspace::askCallback(const QDateTime &due)
{
    m_callbackDue->setDateTime(due);
    emit callbackDueChanged(due); // also when the time proposed is the one shown already
    m_callbackPool->setChecked(false);
    setMode(Mode::Callback);
}

QDateTime AgentWorkspace::callbackDue() const
{
    return m_callbackDue->dateTime();
}

void AgentWorkspace::setCallbackTheirTime(const QString &text)
{
    m_callbackTheirTime->setText(text);
}

bool AgentWorkspace::callbackToPool() const
{
    return m_callbackPool->isChecked();
}

QString AgentWorkspace::note() const
{
    return m_note->text();
}

void AgentWorkspace::setStats(const QString &summary, const std::array<int, 24> &perHour)
{
    m_stats->setText(summary);
    m_chart->setCalls(perHour);
}

void AgentWorkspace::setManualNumber(const QString &text)
{
    if (text != m_manual->text())
        m_manual->setText(text); // the cursor goes to the end, where the agent types
}

void AgentWorkspace::setQueue(const QString &text)
{
    m_queue->setText(text);
}

void AgentWorkspace::setCallbacks(const QStringList &lines)
{
    m_callbacks->clear();
    m_callbacks->addItems(lines);
}

void AgentWorkspace::remind(const QString &text)
{
    showNotice([text] { return text; });
    m_reminder->remind(this, tr("Callback due"), text);
}

void AgentWorkspace::clearNote()
{
    m_note->clear();
}

bool AgentWorkspace::eventFilter(QObject *watched, QEvent *event)
{
    // A line edit passes Return on to its parent after handling it, where it would dial or confirm: Enter in the
    // note hands the keys back to the screen (digits then pick the disposition), Enter in the manual field dials
    // what was typed, and nothing else happens.
    if (event->type() == QEvent::KeyPress && (watched == m_note || watched == m_manual)) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            setFocus();
            if (watched == m_manual)
                emit manualDialRequested(m_manual->text());
            return true;
        }
    }
    return Workspace::eventFilter(watched, event);
}

void AgentWorkspace::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    const bool digit = key >= Qt::Key_0 && key <= Qt::Key_9 && !(event->modifiers() & ~Qt::KeypadModifier);
    if ((key == Qt::Key_Return || key == Qt::Key_Enter) && event->modifiers() == Qt::NoModifier) {
        if (m_mode == Mode::Preview)
            emit dialRequested();
        else if (m_mode == Mode::Callback)
            emit callbackConfirmed();
    } else if (key == Qt::Key_Escape) {
        if (m_mode == Mode::Call)
            emit hangUpRequested();
        else
            emit cancelRequested();
    } else if (key == Qt::Key_F7) {
        emit holdRequested();
    } else if (key == Qt::Key_D && event->modifiers() == Qt::ControlModifier) {
        m_manual->setFocus();
        m_manual->selectAll();
    } else if (key == Qt::Key_F8) {
        emit readyToggled();
    } else if (key == Qt::Key_F9) {
        emit doNotCallRequested();
    } else if (digit || (m_mode == Mode::Call && (key == Qt::Key_Asterisk || key == Qt::Key_NumberSign))) {
        emit digitTyped(event->text().isEmpty() ? QChar() : event->text().at(0));
    } else {
        Workspace::keyPressEvent(event);
        return;
    }
    event->accept();
}

void AgentWorkspace::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        emit titleChanged();
    }
    Workspace::changeEvent(event);
}

void AgentWorkspace::retranslateUi()
{
    m_note->setPlaceholderText(tr("Note about this call (Tab)"));
    m_note->setAccessibleName(tr("Note"));
    m_manual->setPlaceholderText(tr("Dial a number (Ctrl+D)"));
    m_manual->setAccessibleName(tr("Number to dial"));
    m_campaignLabel->setText(tr("&Campaign:"));
    m_campaigns->setAccessibleName(tr("Campaign"));
    m_callbackLabel->setText(tr("Call back at (your time):"));
    m_callbackDue->setAccessibleName(tr("Callback time"));
    m_callbackPool->setText(tr("Any agent may call back"));
    m_history->setAccessibleName(tr("Past calls"));
    m_callbacksLabel->setText(tr("Callbacks to make:"));
    m_queue->setToolTip(tr("People in this campaign waiting for you or any agent. Due now: their turn has come and "
                           "it is within their calling hours; one whose numbers are on a do-not-call list, or whom "
                           "this computer does not hold, is passed over when the queue reaches them. Later: their "
                           "retry delay has not passed or it is outside their calling hours. A number with + after "
                           "it: at least that many (only the first 500 of each time zone are counted)."));
    m_callbacks->setAccessibleName(tr("Callbacks to make"));
    m_script->setAccessibleName(tr("Script"));
    switch (m_mode) {
    case Mode::Paused:
        m_modeLabel->setText(tr("Paused"));
        m_hint->setText(tr("F8: ready for the next contact."));
        break;
    case Mode::Preview:
        m_modeLabel->setText(tr("Ready"));
        m_hint->setText(tr("Enter: call. F9: do not call this number. F8: pause."));
        break;
    case Mode::Countdown:
        m_modeLabel->setText(tr("Ready"));
        m_hint->setText(tr("Dialling soon. Escape: stop the countdown."));
        break;
    case Mode::Call:
        m_modeLabel->setText(tr("On a call"));
        m_hint->setText(tr("Escape: hang up. F7: hold or resume. Digits: tones."));
        break;
    case Mode::WrapUp:
        m_modeLabel->setText(tr("Wrap-up"));
        m_hint->setText(tr("Press the key of the disposition. F9: do not call this number again."));
        break;
    case Mode::Callback:
        m_modeLabel->setText(tr("Wrap-up"));
        m_hint->setText(tr("Enter: confirm the callback time. Escape: choose another disposition."));
        break;
    case Mode::Empty:
        m_modeLabel->setText(tr("Ready"));
        m_hint->setText(tr("Nobody can be called now. F8: pause."));
        break;
    }
}

} // namespace fieldline::ui
