#pragma once

#include "ui/LanguageManager.h"
#include "ui/TrText.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace fieldline::ui {

class CallSettingsPanel;
class MessageBanner;

/**
 * Settings: language (applied as soon as it is chosen), "remember on this computer", idle-lock minutes, a
 * button to change the passphrase, and the calls panel. Passive: every change is a signal for SettingsController
 * (the calls panel's for CallSettingsController).
 */
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void setLanguages(const QList<Language> &languages);
    void setCurrentLanguage(const QString &code);
    void setRemembered(bool remembered);
    void setRememberAvailable(bool available, TrText reason);
    void setRememberBusy(bool busy);
    void setIdleLockMinutes(int minutes, int maximum);
    void showError(TrText text);
    void showNotice(TrText text);
    void clearMessage();
    CallSettingsPanel *callSettings() const { return m_calls; }

signals:
    void languageChosen(const QString &code);
    void rememberToggled(bool remember);
    void idleLockMinutesChanged(int minutes);
    void changePassphraseRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateIdleHint();

    MessageBanner *m_banner;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QLabel *m_idleLabel;
    QSpinBox *m_idleMinutes;
    QLabel *m_idleHint;
    QCheckBox *m_remember;
    QLabel *m_rememberReason;
    QPushButton *m_changePassphrase;
    CallSettingsPanel *m_calls;
    QDialogButtonBox *m_buttons;
    TrText m_rememberReasonText;
    bool m_rememberAvailable = false;
};

} // namespace fieldline::ui
