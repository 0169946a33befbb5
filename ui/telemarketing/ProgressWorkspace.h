#pragma once

#include "app/telemarketing/CampaignProgress.h"
#include "ui/main/Workspace.h"

#include <QDateTime>

class QLabel;
class QTableWidget;

namespace fieldline::ui {

/**
 * The manager's campaign progress: per campaign how many members wait, wait for a callback or are done, and
 * today's calls, reached people and conversions; per agent today's calls, reached people, talk time and
 * conversions. Read-only and passive: ProgressController fills it.
 */
class ProgressWorkspace : public Workspace
{
    Q_OBJECT

public:
    explicit ProgressWorkspace(QWidget *parent = nullptr);

    QString id() const override { return QStringLiteral("campaign-progress"); }
    QString title() const override;
    QIcon icon() const override;

    void setReport(const telemarketing::ProgressReport &report, const QDateTime &asOf);
    void showProblem(const QString &text);

signals:
    void shown();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_heading;
    QLabel *m_asOf;
    QTableWidget *m_campaigns;
    QLabel *m_agentsHeading;
    QTableWidget *m_agents;
    telemarketing::ProgressReport m_report;
    QDateTime m_asOfTime;
};

} // namespace fieldline::ui
