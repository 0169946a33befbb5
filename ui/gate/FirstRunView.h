#pragma once

#include "app/PassphraseStrength.h"
#include "ui/TrText.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace fieldline::ui {

class MessageBanner;
class StrengthMeter;

/** "Create your encrypted profile": passphrase twice, strength, "remember on this computer". Passive. */
class FirstRunView : public QWidget
{
    Q_OBJECT

public:
    explicit FirstRunView(QWidget *parent = nullptr);

    QString passphrase() const;
    QString repeatedPassphrase() const;
    bool rememberChecked() const;

    void setStrength(app::PassphraseStrength::Level level);
    /** problem: the hint is shown as something to fix rather than as advice. */
    void setHint(TrText hint, bool problem);
    void setCreateEnabled(bool enabled);
    /** reason says why remembering is impossible; shown under the disabled checkbox. */
    void setRememberAvailable(bool available, TrText reason);
    void setBusy(bool busy);
    void showNotice(TrText text);
    void showError(TrText text, bool offerRetry);
    void clearMessage();
    /** Empties both fields and the message, ready for a fresh start. */
    void reset();
    void focusPassphrase();

signals:
    /** Either passphrase field changed. */
    void passphraseEdited();
    /** The user asked to create the profile (button, Enter in the second field, or Try again). */
    void createRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyHint();

    QLabel *m_title;
    QLabel *m_intro;
    MessageBanner *m_banner;
    QLabel *m_passphraseLabel;
    QLineEdit *m_passphrase;
    QLabel *m_repeatLabel;
    QLineEdit *m_repeat;
    QLabel *m_strengthLabel;
    StrengthMeter *m_meter;
    QLabel *m_hint;
    QCheckBox *m_remember;
    QLabel *m_rememberReason;
    QProgressBar *m_progress;
    QLabel *m_busyLabel;
    QPushButton *m_create;
    TrText m_hintText;
    TrText m_rememberReasonText;
    bool m_hintProblem = false;
    bool m_createEnabled = false;
    bool m_busy = false;
};

} // namespace fieldline::ui
