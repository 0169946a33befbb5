#pragma once

#include "app/telephony/CallSettings.h"
#include "ui/TrText.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace fieldline::ui {

/**
 * The "Calls" part of the settings: how calls are placed (the desktop's softphone by tel:, sip: or callto: link,
 * or the built-in phone) and the SIP account of the built-in phone. Nothing applies until "Save call settings";
 * passive: CallSettingsController reads and stores.
 */
class CallSettingsPanel : public QGroupBox
{
    Q_OBJECT

public:
    explicit CallSettingsPanel(QWidget *parent = nullptr);

    void setSettings(const telephony::CallSettings &settings);
    /** What the fields say now. */
    telephony::CallSettings settings() const;
    /** A line under the fields: what was saved, or what is wrong (empty: none). */
    void showResult(TrText text, bool problem);

signals:
    void saveRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateEnabled();

    QLabel *m_backendLabel;
    QComboBox *m_backend;
    QLabel *m_userLabel;
    QLineEdit *m_user;
    QLabel *m_domainLabel;
    QLineEdit *m_domain;
    QLabel *m_passwordLabel;
    QLineEdit *m_password;
    QLabel *m_displayNameLabel;
    QLineEdit *m_displayName;
    QCheckBox *m_registers;
    QPushButton *m_save;
    QLabel *m_result;
    TrText m_resultText;
};

} // namespace fieldline::ui
