#pragma once

#include "ui/TrText.h"
#include "ui/main/Workspace.h"

#include <QDateTime>

#include <array>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace fieldline::ui {

class CallsChart;
class DesktopReminder;
class DialPad;
class MessageBanner;

/**
 * The call-center agent's screen: the contact offered (name, number, their local time, attempts, past calls),
 * the campaign's script with the contact's fields filled in, the call bar (state and timer) and the disposition
 * bar. Passive: AgentController tells it what to show and listens to what the agent asks for.
 *
 * Keyboard only: Enter dials the contact shown (or confirms a callback time), Escape hangs up (or cancels the
 * progressive countdown), F7 holds and resumes, digits during a call are DTMF and after it pick the disposition
 * with that key, F8 switches between ready and paused, F9 puts the number shown on the do-not-call list, Tab
 * reaches the note, Ctrl+D the manual dial field.
 */
class AgentWorkspace : public Workspace
{
    Q_OBJECT

public:
    explicit AgentWorkspace(QWidget *parent = nullptr);

    QString id() const override { return QStringLiteral("telemarketing"); }
    QString title() const override;
    QIcon icon() const override;

    enum class Mode { Paused, Preview, Countdown, Call, WrapUp, Callback, Empty };

    struct ContactView
    {
        QString name;
        QString number;
        QString localTime; ///< "14:05 (America/Chicago)"
        QString attempts;  ///< "attempt 2 of 3", "callback due 14:00"
        QStringList history;
        QString script;
    };
    struct DispositionButton
    {
        QChar key;
        QString label;
    };

    struct CampaignChoice
    {
        QString key; ///< the campaign's id in hex
        QString name;
    };

    void setCampaign(const QString &name, const std::vector<DispositionButton> &dispositions);
    /** The active campaigns the agent can switch to (Alt+C), @p current selected. */
    void setCampaigns(const QList<CampaignChoice> &campaigns, const QString &current);
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    void showContact(const ContactView &contact);
    void setCallState(const QString &state);
    void setTimer(const QString &text);
    void showProblem(TrText text);
    void showNotice(TrText text);
    void clearMessage();
    /** Shows the callback picker with @p due proposed and the focus in it. */
    void askCallback(const QDateTime &due);
    QDateTime callbackDue() const;
    /** Beside the callback picker: the person's time at the time picked. */
    void setCallbackTheirTime(const QString &text);
    bool callbackToPool() const;
    QString note() const;
    /** Today's figures in a sentence, and the calls per hour for the chart. */
    void setStats(const QString &summary, const std::array<int, 24> &perHour);
    /** The manual dial field, as formatted by the controller. */
    void setManualNumber(const QString &text);
    void clearNote();
    /** The queue panel: how many people wait (to call now, later) and how many callbacks are due. */
    void setQueue(const QString &text);
    /** The callbacks still to make, earliest first, one line each. */
    void setCallbacks(const QStringList &lines);
    /** A callback fell due: said on the screen and on the desktop. */
    void remind(const QString &text);
    DesktopReminder *reminder() const { return m_reminder; }

signals:
    void dialRequested();
    void hangUpRequested();
    void holdRequested();
    void digitTyped(QChar digit);
    void callbackConfirmed();
    void callbackDueChanged(const QDateTime &due);
    /** F9: the person asked not to be called again. */
    void doNotCallRequested();
    void cancelRequested();
    void readyToggled();
    void campaignChosen(const QString &key);
    void manualNumberEdited(const QString &text);
    /** Enter in the manual dial field (Ctrl+D). */
    void manualDialRequested(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    Mode m_mode = Mode::Paused;
    QLabel *m_heading;
    QLabel *m_campaignLabel;
    QLabel *m_queue;
    QComboBox *m_campaigns;
    QLabel *m_modeLabel;
    MessageBanner *m_banner;
    QLabel *m_name;
    QLabel *m_number;
    QLabel *m_localTime;
    QLabel *m_attempts;
    QPlainTextEdit *m_history;
    QLabel *m_callbacksLabel;
    QListWidget *m_callbacks;
    DesktopReminder *m_reminder;
    QPlainTextEdit *m_script;
    QLabel *m_callState;
    QLabel *m_timer;
    QHBoxLayout *m_dispositionRow;
    QList<QPushButton *> m_dispositions;
    QWidget *m_callbackRow;
    QLabel *m_callbackLabel;
    QDateTimeEdit *m_callbackDue;
    QLabel *m_callbackTheirTime;
    QCheckBox *m_callbackPool;
    DialPad *m_dialPad;
    QLineEdit *m_note;
    QLineEdit *m_manual;
    QLabel *m_stats;
    CallsChart *m_chart;
    QLabel *m_hint;
};

} // namespace fieldline::ui
