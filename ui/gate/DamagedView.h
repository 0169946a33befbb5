#pragma once

#include "ui/TrText.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace fieldline::ui {

class MessageBanner;

/**
 * "Your profile is damaged": what happened, where the files are and where they will be moved, and the two
 * choices: set them aside and start a new profile (explicitly), or quit. Passive.
 */
class DamagedView : public QWidget
{
    Q_OBJECT

public:
    explicit DamagedView(QWidget *parent = nullptr);

    void setProfileFolder(const QString &folder);
    /** The folder the damaged files will be moved into (a new "damaged-..." folder is created there). */
    void setQuarantineLocation(const QString &folder);
    /** Technical details from the profile service (shown as they are). */
    void setDetails(const QString &details);
    void showError(TrText text);
    void clearMessage();
    void focusDefault();

signals:
    void setAsideRequested();
    void quitRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_title;
    QLabel *m_explanation;
    QLabel *m_details;
    QLabel *m_plan;
    MessageBanner *m_banner;
    QPushButton *m_setAside;
    QPushButton *m_quit;
    QString m_folder;
    QString m_quarantineLocation;
    QString m_detailText;
};

} // namespace fieldline::ui
