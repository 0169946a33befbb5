#pragma once

#include "app/PassphraseStrength.h"
#include "ui/TrText.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace fieldline::ui {

class MessageBanner;
class StrengthMeter;

/** Current passphrase, new passphrase twice with its strength. Passive. */
class ChangePassphraseDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ChangePassphraseDialog(QWidget *parent = nullptr);

    QString currentPassphrase() const;
    QString newPassphrase() const;
    QString repeatedPassphrase() const;

    void setStrength(app::PassphraseStrength::Level level);
    void setHint(TrText hint, bool problem);
    void setChangeEnabled(bool enabled);
    void setBusy(bool busy);
    /** Says the current passphrase is wrong and puts the focus back into that field. */
    void showWrongCurrentPassphrase();
    void showError(TrText text, bool offerRetry);

signals:
    void passphraseEdited();
    void changeRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void applyHint();

    MessageBanner *m_banner;
    QLabel *m_intro;
    QLabel *m_currentLabel;
    QLineEdit *m_current;
    QLabel *m_newLabel;
    QLineEdit *m_new;
    QLabel *m_repeatLabel;
    QLineEdit *m_repeat;
    QLabel *m_strengthLabel;
    StrengthMeter *m_meter;
    QLabel *m_hint;
    QProgressBar *m_progress;
    QDialogButtonBox *m_buttons;
    TrText m_hintText;
    bool m_hintProblem = false;
    bool m_changeEnabled = false;
    bool m_busy = false;
};

} // namespace fieldline::ui
