#include "ui/telemarketing/ProgressWorkspace.h"

#include <QDateTime>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fieldline::ui {

namespace {

QTableWidget *table(const char *name)
{
    auto *widget = new QTableWidget;
    widget->setObjectName(QLatin1String(name));
    widget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    widget->setSelectionBehavior(QAbstractItemView::SelectRows);
    widget->verticalHeader()->hide();
    widget->horizontalHeader()->setStretchLastSection(true);
    widget->setTabKeyNavigation(false); // Tab goes to the next table, arrows move within one
    return widget;
}

void put(QTableWidget *table, int row, int column, const QString &text, bool number = true)
{
    auto *item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setItem(row, column, item);
}

} // namespace

ProgressWorkspace::ProgressWorkspace(QWidget *parent)
    : Workspace(parent)
    , m_heading(new QLabel)
    , m_asOf(new QLabel)
    , m_campaigns(table("progressCampaigns"))
    , m_agentsHeading(new QLabel)
    , m_agents(table("progressAgents"))
{
    setObjectName(QStringLiteral("progressWorkspace"));
    m_asOf->setObjectName(QStringLiteral("progressAsOf"));
    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_heading->setFont(big);
    m_agentsHeading->setFont(big);
    m_asOf->setTextFormat(Qt::PlainText);
    m_campaigns->setColumnCount(8);
    m_agents->setColumnCount(5);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_heading);
    layout->addWidget(m_asOf);
    layout->addWidget(m_campaigns, 2);
    layout->addWidget(m_agentsHeading);
    layout->addWidget(m_agents, 1);
    setFocusProxy(m_campaigns);
    retranslateUi();
}

QString ProgressWorkspace::title() const
{
    return tr("Campaign progress");
}

QIcon ProgressWorkspace::icon() const
{
    return QIcon(QStringLiteral(":/icons/fieldline.png"));
}

void ProgressWorkspace::setReport(const telemarketing::ProgressReport &report, const QDateTime &asOf)
{
    m_report = report;
    m_asOfTime = asOf;
    const QLocale locale;
    m_campaigns->setRowCount(int(report.campaigns.size()));
    for (int row = 0; row < int(report.campaigns.size()); ++row) {
        const auto &c = report.campaigns[size_t(row)];
        put(m_campaigns, row, 0, c.name, false);
        put(m_campaigns, row, 1, c.status == QLatin1String("active") ? tr("active") : tr("not active"), false);
        put(m_campaigns, row, 2,
            tr("%1 of %2 (%3%)").arg(locale.toString(c.done), locale.toString(c.members)).arg(c.percentDone()));
        put(m_campaigns, row, 3, locale.toString(c.waiting));
        put(m_campaigns, row, 4, locale.toString(c.callbacks));
        put(m_campaigns, row, 5, locale.toString(c.calls));
        put(m_campaigns, row, 6, locale.toString(c.reached));
        put(m_campaigns, row, 7, locale.toString(c.conversions));
    }
    m_agents->setRowCount(int(report.agents.size()));
    for (int row = 0; row < int(report.agents.size()); ++row) {
        const auto &a = report.agents[size_t(row)];
        put(m_agents, row, 0, a.agent, false);
        put(m_agents, row, 1, locale.toString(a.calls));
        put(m_agents, row, 2, locale.toString(a.reached));
        put(m_agents, row, 3, tr("%1 min").arg(locale.toString(a.talkMs / 60'000)));
        put(m_agents, row, 4, locale.toString(a.conversions));
    }
    m_campaigns->resizeColumnsToContents();
    m_agents->resizeColumnsToContents();
    retranslateUi();
}

void ProgressWorkspace::showProblem(const QString &text)
{
    m_asOf->setText(text);
}

void ProgressWorkspace::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        setReport(m_report, m_asOfTime); // the cells carry translated words
        emit titleChanged();
    }
    Workspace::changeEvent(event);
}

void ProgressWorkspace::showEvent(QShowEvent *event)
{
    Workspace::showEvent(event);
    emit shown();
}

void ProgressWorkspace::retranslateUi()
{
    m_heading->setText(tr("Campaigns"));
    m_agentsHeading->setText(tr("Agents today"));
    if (m_asOfTime.isValid())
        m_asOf->setText(tr("As of %1, from the rows this computer has received. Calls, reached and conversions "
                           "are today's.")
                            .arg(QLocale().toString(m_asOfTime.toLocalTime(), QLocale::ShortFormat)));
    m_campaigns->setHorizontalHeaderLabels({tr("Campaign"), tr("Status"), tr("Done"), tr("Waiting"), tr("Callbacks"),
                                            tr("Calls"), tr("Reached"), tr("Conversions")});
    m_agents->setHorizontalHeaderLabels({tr("Agent"), tr("Calls"), tr("Reached"), tr("Talk time"), tr("Conversions")});
    m_campaigns->setAccessibleName(tr("Campaigns"));
    m_agents->setAccessibleName(tr("Agents today"));
}

} // namespace fieldline::ui
