#pragma once

#include "ui/TrText.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace fieldline::ui {

class MessageBanner;

/** "Unlock your profile": passphrase, "remember on this computer", errors, busy state. Passive. */
class UnlockView : public QWidget
{
    Q_OBJECT

public:
    explicit UnlockView(QWidget *parent = nullptr);

    QString passphrase() const;
    bool rememberChecked() const;

    void setProfileFolder(const QString &folder);
    void setRememberAvailable(bool available, TrText reason);
    void setRememberChecked(bool checked);
    /** text says what is happening ("Unlocking..."); inputs are disabled meanwhile. */
    void setBusy(bool busy, TrText text = {});
    /** Says the passphrase is wrong, selects it and keeps the keyboard focus in the field. */
    void showWrongPassphrase();
    void showError(TrText text, bool offerRetry);
    void showNotice(TrText text);
    void clearMessage();
    void reset();
    void focusPassphrase();

signals:
    void unlockRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_title;
    QLabel *m_intro;
    QLabel *m_folder;
    MessageBanner *m_banner;
    QLabel *m_passphraseLabel;
    QLineEdit *m_passphrase;
    QCheckBox *m_remember;
    QLabel *m_rememberReason;
    QProgressBar *m_progress;
    QLabel *m_busyLabel;
    QPushButton *m_unlock;
    QString m_folderPath;
    TrText m_rememberReasonText;
    TrText m_busyText;
    bool m_rememberAvailable = false;
};

} // namespace fieldline::ui
