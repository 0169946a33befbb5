#pragma once

#include "app/telemarketing/Campaign.h"
#include "ui/main/Workspace.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace fieldline::ui {

/**
 * Campaign set-up for managers and administrators: pick a campaign (or a new one), edit its rules, script and
 * dispositions, save (Ctrl+S), and put every contact in it (or those of one territory, or a list from a CSV file) for
 * the pool or an agent.
 * Passive:
 * CampaignSetupController reads and writes.
 */
class CampaignSetupWorkspace : public Workspace
{
    Q_OBJECT

public:
    explicit CampaignSetupWorkspace(QWidget *parent = nullptr);

    QString id() const override { return QStringLiteral("campaign-setup"); }
    QString title() const override;
    QIcon icon() const override;

    /** The campaigns to pick from (key: id in hex), @p current selected; a "new campaign" entry comes first. */
    void setCampaigns(const QList<std::pair<QString, QString>> &keysAndNames, const QString &current);
    QString currentKey() const;
    void setFields(const telemarketing::CampaignFields &fields);
    telemarketing::CampaignFields fields() const;
    QString assignee() const;
    /** The territories contacts can be added from; "all territories" comes first and is kept when still there. */
    void setTerritories(const QStringList &territories);
    /** The territory chosen, or empty for all. */
    QString territory() const;
    void showResult(const QString &text, bool problem);

signals:
    void campaignChosen(const QString &key);
    void saveRequested();
    void addContactsRequested();
    void importListRequested();
    /** Alt+O: a list file whose people leave the campaign. */
    void removeListRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QComboBox *m_campaigns;
    QLineEdit *m_name;
    QComboBox *m_mode;
    QLineEdit *m_windowStart;
    QLineEdit *m_windowEnd;
    QSpinBox *m_maxAttempts;
    QLineEdit *m_retry;
    QComboBox *m_status;
    QPlainTextEdit *m_script;
    QPlainTextEdit *m_dispositions;
    QLineEdit *m_assignee;
    QComboBox *m_territory;
    QPushButton *m_save;
    QPushButton *m_addContacts;
    QPushButton *m_importList;
    QPushButton *m_removeList;
    QLabel *m_result;
    QList<QLabel *> m_labels;
};

} // namespace fieldline::ui
